"use server";
import { defineAction } from "@/lib/actions/define-action";
import { signUp, signUpInput } from "@/lib/auth/sign-up";

export const signUpAction = defineAction({
  schema: signUpInput,
  access: "public",
  run: async (input) => signUp(input),
});

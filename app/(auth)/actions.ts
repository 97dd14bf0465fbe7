"use server";
import { headers } from "next/headers";
import { defineAction } from "@/lib/actions/define-action";
import { signUp, signUpInput } from "@/lib/auth/sign-up";
import { clientIp } from "@/lib/http/client-ip";

export const signUpAction = defineAction({
  schema: signUpInput,
  access: "public",
  run: async (input) => signUp(input, { source: clientIp(await headers()) }),
});

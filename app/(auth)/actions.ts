"use server";
import { headers } from "next/headers";
import { defineAction } from "@/lib/actions/define-action";
import {
  requestPasswordReset,
  requestPasswordResetInput,
  resetPassword,
  resetPasswordInput,
} from "@/lib/auth/reset-password";
import { signUp, signUpInput } from "@/lib/auth/sign-up";
import { clientIp } from "@/lib/http/client-ip";
import { getLocale } from "@/lib/i18n/server";

export const signUpAction = defineAction({
  schema: signUpInput,
  access: "public",
  // The same answer whether or not the email was known (lib/auth/sign-up.ts): never the user id,
  // only the address as the user typed it (normalised), for "we sent an email to …".
  run: async (input) => {
    await signUp(input, { source: clientIp(await headers()), emailLocale: await getLocale() });
    return { sentTo: input.email };
  },
});

export const requestPasswordResetAction = defineAction({
  schema: requestPasswordResetInput,
  access: "public",
  // The same answer whether or not the email has an account.
  run: async (input) => {
    await requestPasswordReset(input, { source: clientIp(await headers()) });
    return { sent: true as const };
  },
});

export const resetPasswordAction = defineAction({
  schema: resetPasswordInput,
  access: "public",
  run: async (input) => {
    await resetPassword(input, { source: clientIp(await headers()) });
    return { reset: true as const };
  },
});

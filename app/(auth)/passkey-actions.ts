"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { startPasskeySignIn } from "@/lib/auth/passkeys/start-passkey-sign-in";
import { clientIp } from "@/lib/http/client-ip";

/** WebAuthn options for signing in with a passkey: alone, or (with the token) as the second step. */
export const startPasskeySignInAction = defineAction({
  schema: z.object({ token: z.string().min(1).max(200).optional() }).strict(),
  access: "public",
  run: async (input) => startPasskeySignIn({ token: input.token, source: clientIp(await headers()) }),
});

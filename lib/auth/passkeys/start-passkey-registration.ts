import "server-only";
import { z } from "zod";
import { verifyViewerPassword } from "@/lib/auth/reauth";
import { passkeyRegistrationOptions } from "@/lib/auth/passkeys/webauthn";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const MAX_PASSKEYS = 20;
export const startPasskeyRegistrationInput = z.object({ password: z.string().min(1).max(200) }).strict();

/** After the password: options for the browser's WebAuthn ceremony, with a stored single-use challenge. */
export async function startPasskeyRegistration({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof startPasskeyRegistrationInput>;
}) {
  const user = await verifyViewerPassword({ viewer, password: input.password });
  if ((await db.passkey.count({ where: { userId: viewer.id } })) >= MAX_PASSKEYS)
    throw new AppError("conflict", "too_many_passkeys");
  return passkeyRegistrationOptions(user);
}

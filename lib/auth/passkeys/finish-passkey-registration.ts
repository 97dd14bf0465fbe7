import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { verifyPasskeyRegistration } from "@/lib/auth/passkeys/webauthn";
import { AppError } from "@/lib/errors";
import { shortName } from "@/lib/short-name";
import type { Viewer } from "@/lib/auth/viewer";

export const passkeyName = shortName(60).refine((v) => v.length > 0, "name_required");
export const finishPasskeyRegistrationInput = z
  .object({ challengeId: z.string().min(1).max(64), response: z.string().min(1).max(32_000), name: passkeyName })
  .strict();

/** Stores the new passkey when the browser's answer matches the challenge issued to this user. */
export async function finishPasskeyRegistration({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof finishPasskeyRegistrationInput>;
}) {
  const result = await verifyPasskeyRegistration({
    userId: viewer.id,
    challengeId: input.challengeId,
    response: input.response,
    name: input.name,
  });
  if (!result.ok) throw new AppError("invalid_input", `passkey_${result.reason}`);
  await audit({
    action: "auth.passkey_added",
    actorId: viewer.id,
    targetType: "passkey",
    targetId: result.passkeyId,
    details: { name: input.name },
  });
  return { passkeyId: result.passkeyId };
}

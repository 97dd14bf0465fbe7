import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { passkeyAuthenticationOptions, verifyPasskeyAssertion } from "@/lib/auth/passkeys/webauthn";
import { markReauthenticated } from "@/lib/auth/reauth";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";

/**
 * Re-authentication with a passkey (the "fresh password or passkey check" of lib/auth/reauth.ts):
 * the options name only the viewer's own passkeys, the challenge is bound to the viewer and used
 * once, and a verified assertion (user verification required, the signature counter growing) opens
 * the 10-minute window for this session, like a correct password.
 */
export const startPasskeyReauthInput = z.object({}).strict();

export async function startPasskeyReauth({ viewer }: { viewer: Viewer }) {
  // Each ask stores a challenge row: a session may not fill the table.
  const hit = await hitRateLimit({ key: `passkey-reauth:${viewer.id}`, limit: 30, windowSeconds: 600 });
  if (!hit.allowed) throw new AppError("rate_limited", "too_many_calls", { retryAfterSeconds: hit.retryAfterSeconds });
  const count = await db.passkey.count({ where: { userId: viewer.id } });
  if (count === 0) throw new AppError("invalid_input", "no_passkey");
  return passkeyAuthenticationOptions({ userId: viewer.id, purpose: "passkey_reauth" });
}

export const finishPasskeyReauthInput = z
  .object({ challengeId: z.string().min(1).max(64), response: z.string().min(1).max(32_000) })
  .strict();

/** Throws invalid_input/passkey_refused (nothing changes) unless the assertion is the viewer's and fresh. */
export async function finishPasskeyReauth({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof finishPasskeyReauthInput>;
}) {
  const result = await verifyPasskeyAssertion({
    challengeId: input.challengeId,
    response: input.response,
    purpose: "passkey_reauth",
    expectedUserId: viewer.id,
  });
  if (!result.ok) {
    await audit({
      action: "auth.reauth_failed",
      actorId: viewer.id,
      actorEmail: viewer.email,
      details: { with: "passkey" },
    });
    throw new AppError("invalid_input", "passkey_refused");
  }
  await markReauthenticated({ userId: viewer.id, sessionId: viewer.sessionId });
  await audit({
    action: "auth.reauthenticated",
    actorId: viewer.id,
    actorEmail: viewer.email,
    targetType: "passkey",
    targetId: result.passkeyId,
    details: { with: "passkey" },
  });
}

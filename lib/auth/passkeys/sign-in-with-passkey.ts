import "server-only";
import { audit } from "@/lib/audit";
import { verifyPasskeyAssertion } from "@/lib/auth/passkeys/webauthn";
import { db } from "@/lib/db";

export type PasskeySignInResult =
  | { ok: true; user: { id: string; email: string; sessionVersion: number } }
  | { ok: false; code: "passkey_refused" | "disabled" };

/**
 * Passwordless sign-in: a discoverable credential with user verification names the account and
 * proves possession plus PIN/biometrics, so no password and no second step are asked.
 */
export async function signInWithPasskey(opts: {
  challengeId: string;
  response: unknown;
  ip: string | null;
}): Promise<PasskeySignInResult> {
  const result = await verifyPasskeyAssertion({
    challengeId: opts.challengeId,
    response: opts.response,
    purpose: "passkey_sign_in",
    ip: opts.ip,
  });
  if (!result.ok) return { ok: false, code: "passkey_refused" };
  const user = await db.user.findUniqueOrThrow({ where: { id: result.userId } });
  if (user.disabled) {
    await audit({ action: "auth.sign_in_failed", actorId: user.id, ip: opts.ip, details: { reason: "disabled" } });
    return { ok: false, code: "disabled" };
  }
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await audit({
    action: "auth.passkey_used",
    actorId: user.id,
    ip: opts.ip,
    targetType: "passkey",
    targetId: result.passkeyId,
  });
  await audit({
    action: "auth.sign_in",
    actorId: user.id,
    actorEmail: user.email,
    ip: opts.ip,
    details: { with: "passkey" },
  });
  return { ok: true, user: { id: user.id, email: user.email, sessionVersion: user.sessionVersion } };
}

import "server-only";
import { audit } from "@/lib/audit";
import { checkPassword } from "@/lib/auth/password-check";
import { db } from "@/lib/db";
import { metrics } from "@/lib/metrics";

export type AuthResult =
  | { ok: true; user: { id: string; email: string; sessionVersion: number } }
  | { ok: false; code: "wrong_credentials" | "disabled" | `rate_limited:${number}` };

/** Check email + password (throttled by password-check.ts: slows guessing, never locks the owner out). */
export async function authenticate(opts: { email: string; password: string; ip: string | null }): Promise<AuthResult> {
  const email = opts.email.trim().toLowerCase().slice(0, 320);
  const user = await db.user.findUnique({ where: { email } });
  const check = await checkPassword({ email, user, password: opts.password, source: opts.ip });
  if (!check.ok && check.reason === "rate_limited") {
    metrics().signInLockouts.inc();
    return { ok: false, code: `rate_limited:${check.retryAfterSeconds}` };
  }
  if (!user || !check.ok) {
    metrics().signInFailures.inc({ reason: "wrong_credentials" });
    await audit({ action: "auth.sign_in_failed", actorEmail: email, ip: opts.ip, actorId: user?.id });
    return { ok: false, code: "wrong_credentials" };
  }
  if (user.disabled) {
    metrics().signInFailures.inc({ reason: "disabled" });
    await audit({
      action: "auth.sign_in_failed",
      actorId: user.id,
      actorEmail: email,
      ip: opts.ip,
      details: { reason: "disabled" },
    });
    return { ok: false, code: "disabled" };
  }
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await audit({ action: "auth.sign_in", actorId: user.id, actorEmail: email, ip: opts.ip });
  return { ok: true, user: { id: user.id, email: user.email, sessionVersion: user.sessionVersion } };
}

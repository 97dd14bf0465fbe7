import "server-only";
import { audit } from "@/lib/audit";
import { checkPassword } from "@/lib/auth/password-check";
import { db } from "@/lib/db";
import { metrics } from "@/lib/metrics";
import { beginSecondFactor, secondFactorRequired } from "@/lib/auth/second-factor";
import { isTrustedDevice } from "@/lib/auth/trusted-device";

export type AuthResult =
  | { ok: true; user: { id: string; email: string; sessionVersion: number } }
  | {
      ok: false;
      /** second_factor_required:<token>: the password was right; the second step takes the token (second-factor.ts). */
      code: "wrong_credentials" | "disabled" | `rate_limited:${number}` | `second_factor_required:${string}`;
    };

/** Check email + password (throttled by password-check.ts: slows guessing, never locks the owner out). */
export async function authenticate(opts: {
  email: string;
  password: string;
  ip: string | null;
  /** The remembered-device cookie's value, if any (trusted-device.ts). */
  trustedDevice?: string;
}): Promise<AuthResult> {
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
  if ((await secondFactorRequired(user.id)) && !(await isTrustedDevice(user.id, opts.trustedDevice))) {
    await audit({ action: "auth.second_factor_required", actorId: user.id, actorEmail: email, ip: opts.ip });
    return { ok: false, code: `second_factor_required:${await beginSecondFactor(user.id)}` };
  }
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await audit({ action: "auth.sign_in", actorId: user.id, actorEmail: email, ip: opts.ip });
  return { ok: true, user: { id: user.id, email: user.email, sessionVersion: user.sessionVersion } };
}

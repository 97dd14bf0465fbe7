import "server-only";
import { audit } from "@/lib/audit";
import { dummyVerify, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { hitRateLimit, isRateLimited, clearRateLimit } from "@/lib/rate-limit";

const MAX_FAILS_PER_EMAIL = 5; // per 15 minutes
const MAX_FAILS_PER_IP = 30;
const WINDOW = 15 * 60;

export type AuthResult =
  | { ok: true; user: { id: string; email: string; sessionVersion: number } }
  | { ok: false; code: "wrong_credentials" | "disabled" | `rate_limited:${number}` };

/** Check email + password with throttling of failed attempts per email and per IP. */
export async function authenticate(opts: { email: string; password: string; ip: string | null }): Promise<AuthResult> {
  const email = opts.email.trim().toLowerCase().slice(0, 320);
  const emailKey = `signin:email:${email}`;
  const ipKey = opts.ip ? `signin:ip:${opts.ip}` : null;
  for (const [key, limit] of [
    [emailKey, MAX_FAILS_PER_EMAIL],
    [ipKey, MAX_FAILS_PER_IP],
  ] as const) {
    if (!key) continue;
    const state = await isRateLimited(key, limit);
    if (state.limited) return { ok: false, code: `rate_limited:${state.retryAfterSeconds}` };
  }
  const user = await db.user.findUnique({ where: { email } });
  const valid = user
    ? await verifyPassword(user.passwordHash, opts.password.slice(0, 200))
    : await dummyVerify(opts.password);
  if (!user || !valid) {
    await hitRateLimit({ key: emailKey, limit: MAX_FAILS_PER_EMAIL, windowSeconds: WINDOW });
    if (ipKey) await hitRateLimit({ key: ipKey, limit: MAX_FAILS_PER_IP, windowSeconds: WINDOW });
    await audit({ action: "auth.sign_in_failed", actorEmail: email, ip: opts.ip, actorId: user?.id });
    return { ok: false, code: "wrong_credentials" };
  }
  if (user.disabled) {
    await audit({
      action: "auth.sign_in_failed",
      actorId: user.id,
      actorEmail: email,
      ip: opts.ip,
      details: { reason: "disabled" },
    });
    return { ok: false, code: "disabled" };
  }
  await clearRateLimit(emailKey);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await audit({ action: "auth.sign_in", actorId: user.id, actorEmail: email, ip: opts.ip });
  return { ok: true, user: { id: user.id, email: user.email, sessionVersion: user.sessionVersion } };
}

import "server-only";
import crypto from "node:crypto";
import { audit } from "@/lib/audit";
import { createChallenge, sha256 } from "@/lib/auth/challenges";
import { verifyPasskeyAssertion } from "@/lib/auth/passkeys/webauthn";
import { useRecoveryCode } from "@/lib/auth/recovery-code-store";
import {
  clearSecondFactorFailures,
  recordSecondFactorFailure,
  secondFactorWaitSeconds,
} from "@/lib/auth/second-factor-throttle";
import { confirmedTotp, useTotpCode } from "@/lib/auth/totp/totp-factor";
import { db } from "@/lib/db";

/**
 * The second step of a password sign-in. A correct password of a user with two-factor sign-in on
 * yields a token (not a session): `<challenge id>.<secret>`, the secret stored only as SHA-256,
 * valid 5 minutes for at most 5 wrong codes. The second step takes the token plus a TOTP code, a
 * recovery code or a passkey assertion of the same user. Wrong codes are throttled
 * (second-factor-throttle.ts) and change nothing else.
 */
export const MAX_CODE_ATTEMPTS = 5;

export type SecondFactorMethod = "totp" | "recovery_code" | "passkey";
export type SecondFactorResult =
  | { ok: true; user: { id: string; email: string; sessionVersion: number }; method: SecondFactorMethod }
  | { ok: false; code: "wrong_code" | "challenge_expired" | "disabled" | `rate_limited:${number}` };

/** Two-factor sign-in is on when the user has confirmed an authenticator app. */
export async function secondFactorRequired(userId: string) {
  return (await confirmedTotp(userId)) !== null;
}

export async function beginSecondFactor(userId: string, now = new Date()) {
  const secret = crypto.randomBytes(32).toString("base64url");
  const challenge = await createChallenge({ purpose: "second_factor", userId, value: sha256(secret), now });
  return `${challenge.id}.${secret}`;
}

async function findChallenge(token: string, now: Date) {
  const [id, secret] = token.split(".");
  if (!id || !secret || id.length > 64 || secret.length > 64) return null;
  const row = await db.authChallenge.findUnique({ where: { id } });
  if (!row || row.purpose !== "second_factor" || row.usedAt || row.expiresAt <= now || !row.userId) return null;
  const a = Buffer.from(row.value);
  const b = Buffer.from(sha256(secret));
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return null;
  return { ...row, userId: row.userId };
}

/** The user a live second-step token belongs to (to offer that user's passkeys); null if none. */
export async function secondFactorUserId(token: string, now = new Date()) {
  return (await findChallenge(token, now))?.userId ?? null;
}

export async function completeSecondFactor(opts: {
  token: string;
  code?: string;
  passkey?: { challengeId: string; response: unknown };
  ip: string | null;
  now?: Date;
}): Promise<SecondFactorResult> {
  const now = opts.now ?? new Date();
  const challenge = await findChallenge(opts.token, now);
  if (!challenge) return { ok: false, code: "challenge_expired" };
  const userId = challenge.userId;
  const wait = await secondFactorWaitSeconds(userId, opts.ip, now);
  if (wait > 0) return { ok: false, code: `rate_limited:${wait}` };

  let method: SecondFactorMethod | null = null;
  if (opts.passkey) {
    const result = await verifyPasskeyAssertion({
      challengeId: opts.passkey.challengeId,
      response: opts.passkey.response,
      purpose: "passkey_second_factor",
      expectedUserId: userId,
      ip: opts.ip,
    });
    if (result.ok) method = "passkey";
  } else if (opts.code) {
    const code = opts.code.trim().slice(0, 40);
    if (/^\d[\d\s]*$/.test(code)) {
      if (await useTotpCode({ userId, code, now })) method = "totp";
    } else if (await useRecoveryCode({ userId, code, now })) {
      method = "recovery_code";
    }
  }

  if (!method) {
    const counted = await db.authChallenge.update({
      where: { id: challenge.id },
      data: { attempts: { increment: 1 } },
      select: { attempts: true },
    });
    if (counted.attempts >= MAX_CODE_ATTEMPTS)
      await db.authChallenge.updateMany({ where: { id: challenge.id, usedAt: null }, data: { usedAt: now } });
    await recordSecondFactorFailure(userId, opts.ip, now);
    await audit({
      action: "auth.second_factor_failed",
      actorId: userId,
      ip: opts.ip,
      details: { with: opts.passkey ? "passkey" : "code" },
    });
    return { ok: false, code: "wrong_code" };
  }

  const claimed = await db.authChallenge.updateMany({
    where: { id: challenge.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return { ok: false, code: "challenge_expired" };
  await clearSecondFactorFailures(userId, opts.ip);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.disabled) return { ok: false, code: "disabled" };
  if (method === "recovery_code") {
    await audit({ action: "auth.recovery_code_used", actorId: userId, actorEmail: user.email, ip: opts.ip });
  }
  if (method === "passkey") {
    await audit({ action: "auth.passkey_used", actorId: userId, ip: opts.ip, details: { as: "second_factor" } });
  }
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: now } });
  await audit({
    action: "auth.sign_in",
    actorId: userId,
    actorEmail: user.email,
    ip: opts.ip,
    details: { secondFactor: method },
  });
  return { ok: true, user: { id: user.id, email: user.email, sessionVersion: user.sessionVersion }, method };
}

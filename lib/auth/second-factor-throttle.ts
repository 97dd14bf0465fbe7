import "server-only";
import { db } from "@/lib/db";
import { throttleDelaySeconds } from "@/lib/auth/password-check";

/**
 * Wrong second-factor codes are throttled like wrong passwords (password-check.ts, same
 * RateLimit table and growing delays): per account and source, and per account. Only someone
 * who already knows the password gets here, so this slows code guessing without touching the
 * password counters. Failures are forgotten an hour after the last one.
 */
const FORGET_AFTER_MS = 60 * 60_000;
export const CODE_ACCOUNT_SOURCE = { freeFailures: 5, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60 };
export const CODE_ACCOUNT = { freeFailures: 10, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60 };

const scopes = (userId: string, source: string | null) => [
  { key: `mfa:acct-src:${userId}|${source ?? "unknown"}`, ...CODE_ACCOUNT_SOURCE },
  { key: `mfa:acct:${userId}`, ...CODE_ACCOUNT },
];

/** Seconds to wait before this account may try a code from this source again (0: go ahead). */
export async function secondFactorWaitSeconds(userId: string, source: string | null, now = new Date()) {
  const list = scopes(userId, source);
  const rows = await db.rateLimit.findMany({ where: { key: { in: list.map((s) => s.key) } } });
  let waitMs = 0;
  for (const scope of list) {
    const row = rows.find((r) => r.key === scope.key);
    if (!row || row.resetAt <= now) continue;
    const lastFailure = row.resetAt.getTime() - FORGET_AFTER_MS;
    waitMs = Math.max(waitMs, lastFailure + throttleDelaySeconds(scope, row.count) * 1000 - now.getTime());
  }
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

export async function recordSecondFactorFailure(userId: string, source: string | null, now = new Date()) {
  const forgetAt = new Date(now.getTime() + FORGET_AFTER_MS);
  for (const { key } of scopes(userId, source)) {
    await db.$executeRaw`
      INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, ${forgetAt})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN 1 ELSE "RateLimit"."count" + 1 END,
        "resetAt" = ${forgetAt}`;
  }
}

export async function clearSecondFactorFailures(userId: string, source: string | null) {
  await db.rateLimit.deleteMany({ where: { key: { in: scopes(userId, source).map((s) => s.key) } } });
}

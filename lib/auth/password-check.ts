import "server-only";
import { dummyVerify, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

/**
 * Every password check (sign-in, deleting the account, and any later re-authentication) goes
 * through `checkPassword`, which throttles failures so that guessing is slow and the owner is
 * never locked out by someone else:
 *
 *  - per account and source (IP): 5 free failures, then a growing wait (30 s, 1, 2, 4 … min,
 *    at most 15 min) before that source may try that account again;
 *  - per source: 30 free failures over any accounts, then a growing wait (at most 15 min), so one
 *    source cannot guess across many accounts;
 *  - per account from sources it has never signed in from (30 days): 10 free failures, then a
 *    growing wait of at most 60 s. A source the owner signed in from is exempt, so a distributed
 *    attack slows guessing on the account but never keeps its owner out.
 *
 * Failures are forgotten an hour after the last one; a correct password clears its own
 * account/source counter. Refused attempts do not check the password (no oracle while waiting).
 * An unknown email costs a dummy hash and counts like a wrong password (no enumeration).
 */
export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: "wrong_password" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

interface Scope {
  key: string;
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

/** Failures are forgotten this long after the last one. */
const FORGET_AFTER_MS = 60 * 60_000;
/** A source the account signed in from within this time is the owner's. */
const KNOWN_SOURCE_MS = 30 * 86_400_000;

/** Seconds a scope must wait after its last failure, given how many there were. */
export function throttleDelaySeconds(scope: Omit<Scope, "key">, failures: number): number {
  if (failures < scope.freeFailures) return 0;
  return Math.min(scope.maxDelaySeconds, scope.baseDelaySeconds * 2 ** (failures - scope.freeFailures));
}

export const ACCOUNT_SOURCE = { freeFailures: 5, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60 };
export const SOURCE = { freeFailures: 30, baseDelaySeconds: 60, maxDelaySeconds: 15 * 60 };
export const ACCOUNT_FROM_NEW_SOURCES = { freeFailures: 10, baseDelaySeconds: 5, maxDelaySeconds: 60 };

export async function checkPassword(opts: {
  /** The account's normalised email (also for unknown emails: they are throttled alike). */
  email: string;
  user: { id: string; passwordHash: string } | null;
  password: string;
  /** Where the attempt comes from: the client's IP, or another stable source label. */
  source: string | null;
  now?: Date;
}): Promise<PasswordCheck> {
  const now = opts.now ?? new Date();
  const source = opts.source ?? "unknown";
  const knownSource = opts.user && opts.source ? await signedInFrom(opts.user.id, opts.source, now) : false;
  const scopes: Scope[] = [
    { key: `pw:acct-src:${opts.email}|${source}`, ...ACCOUNT_SOURCE },
    { key: `pw:src:${source}`, ...SOURCE },
    ...(knownSource ? [] : [{ key: `pw:acct:${opts.email}`, ...ACCOUNT_FROM_NEW_SOURCES }]),
  ];

  const rows = await db.rateLimit.findMany({ where: { key: { in: scopes.map((s) => s.key) } } });
  let waitMs = 0;
  for (const scope of scopes) {
    const row = rows.find((r) => r.key === scope.key);
    if (!row || row.resetAt <= now) continue;
    const lastFailure = row.resetAt.getTime() - FORGET_AFTER_MS;
    const until = lastFailure + throttleDelaySeconds(scope, row.count) * 1000;
    waitMs = Math.max(waitMs, until - now.getTime());
  }
  if (waitMs > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.ceil(waitMs / 1000) };

  const password = opts.password.slice(0, 200);
  const valid = opts.user ? await verifyPassword(opts.user.passwordHash, password) : await dummyVerify(password);
  if (!valid) {
    await recordFailure(
      scopes.map((s) => s.key),
      now,
    );
    return { ok: false, reason: "wrong_password" };
  }
  await db.rateLimit.deleteMany({ where: { key: { in: [scopes[0]!.key, `pw:acct:${opts.email}`] } } });
  return { ok: true };
}

async function recordFailure(keys: string[], now: Date) {
  const forgetAt = new Date(now.getTime() + FORGET_AFTER_MS);
  for (const key of keys) {
    await db.$executeRaw`
      INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, ${forgetAt})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN 1 ELSE "RateLimit"."count" + 1 END,
        "resetAt" = ${forgetAt}`;
  }
}

async function signedInFrom(userId: string, source: string, now: Date) {
  const seen = await db.auditEvent.findFirst({
    where: {
      action: "auth.sign_in",
      actorId: userId,
      ip: source,
      at: { gte: new Date(now.getTime() - KNOWN_SOURCE_MS) },
    },
    select: { id: true },
  });
  return !!seen;
}

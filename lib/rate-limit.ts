import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Fixed-window counter in PostgreSQL, so every app instance shares it.
 * Returns whether this hit is allowed and, if not, when to try again. Pass `client` to count the
 * hit inside an open transaction (on its connection: asking the pool for a second one while
 * holding the first can starve the pool under load).
 */
export async function hitRateLimit(opts: {
  key: string;
  limit: number;
  windowSeconds: number;
  now?: Date;
  client?: Prisma.TransactionClient;
}) {
  const now = opts.now ?? new Date();
  const resetAt = new Date(now.getTime() + opts.windowSeconds * 1000);
  const rows = await (opts.client ?? db).$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${opts.key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN ${resetAt} ELSE "RateLimit"."resetAt" END
    RETURNING "count", "resetAt"`;
  const row = rows[0];
  const allowed = row.count <= opts.limit;
  return {
    allowed,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((row.resetAt.getTime() - now.getTime()) / 1000)),
  };
}

/** Peek without counting (e.g. to refuse a sign-in before checking the password). */
export async function isRateLimited(key: string, limit: number, now = new Date()) {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || row.resetAt <= now || row.count < limit) return { limited: false, retryAfterSeconds: 0 };
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((row.resetAt.getTime() - now.getTime()) / 1000)) };
}

export async function clearRateLimit(key: string) {
  await db.rateLimit.deleteMany({ where: { key } });
}

import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";

/**
 * Server-side challenges: short-lived and single use. `consumeChallenge` marks a row used in the
 * same statement that checks it is unused and unexpired, so two requests racing with one
 * challenge cannot both pass.
 */
export type ChallengePurpose =
  "second_factor" | "passkey_register" | "passkey_sign_in" | "passkey_second_factor" | "passkey_reauth";

export const CHALLENGE_TTL_MS = 5 * 60_000;

export const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("base64url");

export async function createChallenge(opts: {
  purpose: ChallengePurpose;
  userId: string | null;
  value: string;
  now?: Date;
}) {
  const now = opts.now ?? new Date();
  // Expired rows are of no use to anyone; dropping them here keeps the table small.
  await db.authChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 3_600_000) } } });
  return db.authChallenge.create({
    data: {
      purpose: opts.purpose,
      userId: opts.userId,
      value: opts.value,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    },
    select: { id: true },
  });
}

/** The challenge, now used up; null when unknown, of another purpose or user, used or expired. */
export async function consumeChallenge(opts: {
  id: string;
  purpose: ChallengePurpose;
  userId?: string | null;
  now?: Date;
}) {
  const now = opts.now ?? new Date();
  const where = {
    id: opts.id,
    purpose: opts.purpose,
    usedAt: null,
    expiresAt: { gt: now },
    ...(opts.userId !== undefined ? { userId: opts.userId } : {}),
  };
  const claimed = await db.authChallenge.updateMany({ where, data: { usedAt: now } });
  if (claimed.count !== 1) return null;
  return db.authChallenge.findUnique({ where: { id: opts.id } });
}

import "server-only";
import { env } from "@/lib/env";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from "@/lib/auth/recovery-codes";

const hash = (userId: string, code: string) => hashRecoveryCode({ code, userId, secret: env().authSecret });

/** Replaces the user's codes with ten new ones; returns them (the only time they exist in clear). */
export async function replaceRecoveryCodes(userId: string, client: Prisma.TransactionClient | typeof db = db) {
  const codes = generateRecoveryCodes();
  await client.recoveryCode.deleteMany({ where: { userId } });
  await client.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hash(userId, code) })) });
  return codes;
}

/** Uses up one unused code of this user; false when it is unknown, another user's or used. */
export async function useRecoveryCode(opts: { userId: string; code: string; now?: Date }) {
  if (!normaliseRecoveryCode(opts.code)) return false;
  const used = await db.recoveryCode.updateMany({
    where: { userId: opts.userId, codeHash: hash(opts.userId, opts.code), usedAt: null },
    data: { usedAt: opts.now ?? new Date() },
  });
  return used.count === 1;
}

export const recoveryCodesLeft = (userId: string) => db.recoveryCode.count({ where: { userId, usedAt: null } });

import "server-only";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { verifyTotp } from "@/lib/auth/totp/totp";

/** Secrets are bound to their row and owner (lib/crypto.ts): a copied ciphertext does not decrypt. */
const context = (factor: { id: string; userId: string }) => ({
  table: "TotpFactor",
  rowId: factor.id,
  ownerId: factor.userId,
});

/** A new unconfirmed factor (replacing an unconfirmed one) with its secret stored encrypted. */
export async function storePendingTotp(userId: string, secretBase32: string) {
  return db.$transaction(async (tx) => {
    await tx.totpFactor.deleteMany({ where: { userId, confirmedAt: null } });
    const row = await tx.totpFactor.create({ data: { userId, secret: "pending" }, select: { id: true } });
    await tx.totpFactor.update({
      where: { id: row.id },
      data: { secret: encryptSecret(secretBase32, context({ id: row.id, userId })) },
    });
    return row;
  });
}

export async function confirmedTotp(userId: string) {
  return db.totpFactor.findFirst({ where: { userId, confirmedAt: { not: null } } });
}

/**
 * Checks a code against the user's factor (confirmed, or the pending one while setting up) and
 * claims its time step in the same statement, so a code is accepted once, even by two racing
 * requests. True when accepted.
 */
export async function useTotpCode(opts: { userId: string; code: string; pending?: boolean; now?: Date }) {
  const now = opts.now ?? new Date();
  const factor = await db.totpFactor.findFirst({
    where: { userId: opts.userId, confirmedAt: opts.pending ? null : { not: null } },
  });
  if (!factor) return false;
  const secret = decryptSecret(factor.secret, context(factor));
  const valid = verifyTotp({ secret, code: opts.code, now, lastUsedStep: factor.lastUsedStep });
  if (!valid) return false;
  const claimed = await db.totpFactor.updateMany({
    where: { id: factor.id, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: valid.step } }] },
    data: { lastUsedStep: valid.step },
  });
  return claimed.count === 1;
}

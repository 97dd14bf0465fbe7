import "server-only";
import { credentialHalfContext } from "@/lib/bank-gateway/credentials";
import { tokenCtx } from "@/lib/bank-gateway/user-api";
import { decryptSecret, encryptSecret, type SecretContext } from "@/lib/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

type Keys = ReturnType<typeof env>["encryptionKeys"];

/** One kind of secret at rest: how to page through its rows and write one back (compare-and-set). */
interface SecretColumn {
  name: string;
  page(afterId: string, notPrefix: string, take: number): Promise<{ id: string; value: string; ctx: SecretContext }[]>;
  /** Writes `next` only if the row still holds `prev`; false when a concurrent write got there first. */
  swap(id: string, prev: string, next: string): Promise<boolean>;
}

/** Every secret Saldo stores encrypted (lib/crypto.ts). A new one must be listed here. */
const COLUMNS: SecretColumn[] = [
  {
    name: "Xs2aBankUser.tokenCiphertext",
    page: async (afterId, notPrefix, take) =>
      (
        await db.xs2aBankUser.findMany({
          where: { id: { gt: afterId }, NOT: { tokenCiphertext: { startsWith: notPrefix } } },
          orderBy: { id: "asc" },
          take,
          select: { id: true, userId: true, tokenCiphertext: true },
        })
      ).map((r) => ({ id: r.id, value: r.tokenCiphertext, ctx: tokenCtx(r.userId) })),
    swap: async (id, prev, next) =>
      (await db.xs2aBankUser.updateMany({ where: { id, tokenCiphertext: prev }, data: { tokenCiphertext: next } }))
        .count === 1,
  },
  {
    name: "BankConnection.credentialsCiphertext",
    page: async (afterId, notPrefix, take) =>
      (
        await db.bankConnection.findMany({
          where: {
            id: { gt: afterId },
            credentialsCiphertext: { not: null },
            NOT: { credentialsCiphertext: { startsWith: notPrefix } },
          },
          orderBy: { id: "asc" },
          take,
          select: { id: true, userId: true, credentialsCiphertext: true },
        })
      ).map((r) => ({ id: r.id, value: r.credentialsCiphertext!, ctx: credentialHalfContext(r) })),
    swap: async (id, prev, next) =>
      (
        await db.bankConnection.updateMany({
          where: { id, credentialsCiphertext: prev },
          data: { credentialsCiphertext: next },
        })
      ).count === 1,
  },
];

export interface RotationReport {
  /** Re-encrypted with the current key. */
  rotated: number;
  /** Changed by the app between read and write (the app's write already used the current key). */
  changedMeanwhile: number;
  /** Did not decrypt with any configured key: left as they are (column and row id only). */
  failed: { column: string; id: string }[];
  /** False when `maxBatches` stopped it early: run it again to go on. */
  complete: boolean;
}

/**
 * Re-encrypts every secret at rest with the first key of SALDO_ENCRYPTION_KEYS, in batches of
 * `batchSize` rows, while the app keeps running:
 *  - each row is written with a compare-and-set on its old ciphertext, so a token the app
 *    refreshes meanwhile is never overwritten with an older value;
 *  - rows already under the current key are skipped, so a stopped run simply starts again
 *    (resumable) and a finished one finds nothing to do;
 *  - a secret that decrypts with no configured key is reported, never dropped.
 * When it reports complete with no failures, the older keys can be removed from the list.
 */
export async function rotateEncryptionKeys(
  opts: { batchSize?: number; maxBatches?: number; keys?: Keys; onBatch?: (column: string, rows: number) => void } = {},
): Promise<RotationReport> {
  const keys = opts.keys ?? env().encryptionKeys;
  const take = opts.batchSize ?? 200;
  const prefix = `v1.${keys.current.id}.`;
  const report: RotationReport = { rotated: 0, changedMeanwhile: 0, failed: [], complete: true };
  let batches = 0;
  // A row the app rewrote between read and write is looked at again in another pass (the filter
  // finds it only if it is still under an old key).
  for (let pass = 0, before = -1; pass < 5 && report.changedMeanwhile !== before; pass++) {
    before = report.changedMeanwhile;
    for (const column of COLUMNS) {
      let afterId = "";
      for (;;) {
        if (opts.maxBatches !== undefined && batches >= opts.maxBatches) return { ...report, complete: false };
        const rows = await column.page(afterId, prefix, take);
        if (rows.length === 0) break;
        batches++;
        for (const row of rows) {
          let next: string;
          try {
            next = encryptSecret(decryptSecret(row.value, row.ctx, keys), row.ctx, keys);
          } catch {
            if (!report.failed.some((f) => f.column === column.name && f.id === row.id))
              report.failed.push({ column: column.name, id: row.id });
            continue;
          }
          if (await column.swap(row.id, row.value, next)) report.rotated++;
          else report.changedMeanwhile++;
        }
        opts.onBatch?.(column.name, rows.length);
        afterId = rows[rows.length - 1]!.id;
      }
    }
  }
  return report;
}

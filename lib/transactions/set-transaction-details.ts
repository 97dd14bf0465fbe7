import "server-only";
import { z } from "zod";
import { isCategoryId } from "@/lib/categories/categories";
import { db } from "@/lib/db";
import { isBigintId } from "@/lib/transactions/filters";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const setTransactionDetailsInput = z.object({
  transactionId: z.string().refine(isBigintId),
  /** A category id ("K.2.1"), or "" to go back to the bank's category. */
  userCategory: z
    .string()
    .trim()
    .refine((v) => v === "" || isCategoryId(v), "invalid_category"),
  note: z.string().trim().max(500, "note_too_long"),
});

/**
 * The user's own category and note on one of their transactions. These columns belong to the
 * user: the import never writes them (lib/import/upsert-transactions.ts), so they survive re-syncs,
 * renewals and re-links. Not the viewer's → not_found, like a missing row.
 */
export async function setTransactionDetails(opts: {
  viewer: Viewer;
  input: z.infer<typeof setTransactionDetailsInput>;
}) {
  const { viewer, input } = opts;
  const userId = viewer.id;
  const result = await db.transaction.updateMany({
    where: { id: BigInt(input.transactionId), userId },
    data: { userCategory: input.userCategory || null, note: input.note || null },
  });
  if (result.count === 0) throw new AppError("not_found", "transaction not found");
  return { transactionId: input.transactionId, userCategory: input.userCategory || null, note: input.note || null };
}

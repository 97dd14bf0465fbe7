import { z } from "zod";
import { isCategoryId } from "@/lib/categories/categories";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const setTransactionDetailsInput = z.object({
  transactionId: z.string().regex(/^\d{1,19}$/),
  /** A category id ("K.2.1"), or "" to go back to the bank's category. */
  userCategory: z
    .string()
    .trim()
    .refine((v) => v === "" || isCategoryId(v), "invalid_category"),
  note: z.string().trim().max(500, "note_too_long"),
});

/**
 * The user's own category and note on one of their transactions. These columns belong to the
 * user: the import never writes them (lib/sync/upsert-transactions.ts), so they survive re-syncs,
 * renewals and re-links. Not the viewer's → not_found, like a missing row.
 */
export async function setTransactionDetails(opts: {
  userId: string;
  input: z.infer<typeof setTransactionDetailsInput>;
}) {
  const { userId, input } = opts;
  const result = await db.transaction.updateMany({
    where: { id: BigInt(input.transactionId), userId },
    data: { userCategory: input.userCategory || null, note: input.note || null },
  });
  if (result.count === 0) throw new AppError("not_found", "transaction not found");
  return { transactionId: input.transactionId, userCategory: input.userCategory || null, note: input.note || null };
}

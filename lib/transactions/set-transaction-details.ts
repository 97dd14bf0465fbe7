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
  /** The user's own tags (issue 17); absent = unchanged. */
  tags: z
    .array(
      z
        .string()
        .trim()
        .min(1, "required")
        .max(40, "tag_too_long")
        .refine((v) => !/[,{}"\\\p{Cc}\p{Cf}\p{Cs}]/u.test(v), "invalid_tag"),
    )
    .max(20, "too_many_tags")
    .optional(),
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
  if (input.userCategory.startsWith("u:")) {
    const own = await db.category.count({ where: { id: input.userCategory.slice(2), userId } });
    if (own === 0)
      throw new AppError("invalid_input", "invalid_category", { fields: { userCategory: "invalid_category" } });
  }
  const tags = input.tags === undefined ? undefined : [...new Set(input.tags)].sort();
  // A changed category is the user's choice: categoryRuleId null marks it as theirs, so no rule or
  // sync overwrites it. An unchanged one (the note edited) stays whatever it was, a rule's included.
  const category = input.userCategory || null;
  const count = await db.$executeRaw`
    UPDATE "Transaction" SET
      "categoryRuleId" = CASE WHEN "userCategory" IS NOT DISTINCT FROM ${category} THEN "categoryRuleId" ELSE NULL END,
      "userCategory" = ${category},
      note = ${input.note || null},
      "userTags" = coalesce(${tags ?? null}::text[], "userTags"),
      "updatedAt" = now()
    WHERE id = ${BigInt(input.transactionId)} AND "userId" = ${userId}`;
  const result = { count };
  if (result.count === 0) throw new AppError("not_found", "transaction not found");
  return {
    transactionId: input.transactionId,
    userCategory: input.userCategory || null,
    note: input.note || null,
    ...(tags ? { tags } : {}),
  };
}

import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type Prisma } from "@/lib/generated/prisma/client";
import { parseRule } from "@/lib/rules/rule-match";
import { shortName } from "@/lib/short-name";

/**
 * A user's own categories (issue 17): create, rename, recolour, move under a parent (two levels),
 * merge, delete. Transactions carry one as "u:<id>" in `userCategory`. Deleting one gives its
 * transactions back their automatic (bank) category; merging moves them to the other category.
 * Both are one set-based statement over the transactions, whatever their number.
 */
const categoryId = z.string().regex(/^[a-z0-9]{8,40}$/);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "invalid_color");
export const MAX_CATEGORIES = 200;

export const createCategoryInput = z
  .object({
    name: shortName(40).refine((v) => v.length > 0, "required"),
    color,
    parentId: categoryId.nullable(),
  })
  .strict();
export const updateCategoryInput = createCategoryInput.extend({ categoryId }).strict();
export const deleteCategoryInput = z.object({ categoryId }).strict();
export const mergeCategoryInput = z.object({ categoryId, intoId: categoryId }).strict();

type Input<S extends z.ZodType> = { viewer: Viewer; input: z.infer<S> };
type Tx = Prisma.TransactionClient;

const lock = (tx: Tx, userId: string) =>
  tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`categories:${userId}`}))) l`;

async function owned(tx: Tx, userId: string, id: string) {
  const c = await tx.category.findFirst({
    where: { id, userId },
    select: { id: true, parentId: true, _count: { select: { children: true } } },
  });
  if (!c) throw new AppError("not_found", "category not found");
  return c;
}

/** A parent must be the viewer's and top-level itself (two levels at most). */
async function checkParent(tx: Tx, userId: string, parentId: string | null, self?: string) {
  if (!parentId) return;
  if (parentId === self)
    throw new AppError("invalid_input", "invalid_parent", { fields: { parentId: "invalid_parent" } });
  const parent = await tx.category.findFirst({ where: { id: parentId, userId }, select: { parentId: true } });
  if (!parent || parent.parentId !== null)
    throw new AppError("invalid_input", "invalid_parent", { fields: { parentId: "invalid_parent" } });
}

export async function createCategory({ viewer, input }: Input<typeof createCategoryInput>) {
  return db.$transaction(async (tx) => {
    await lock(tx, viewer.id);
    if ((await tx.category.count({ where: { userId: viewer.id } })) >= MAX_CATEGORIES)
      throw new AppError("conflict", "too_many_categories");
    await checkParent(tx, viewer.id, input.parentId);
    const c = await tx.category.create({
      data: { userId: viewer.id, name: input.name, color: input.color.toLowerCase(), parentId: input.parentId },
      select: { id: true },
    });
    return { categoryId: c.id };
  });
}

export async function updateCategory({ viewer, input }: Input<typeof updateCategoryInput>) {
  return db.$transaction(async (tx) => {
    await lock(tx, viewer.id);
    const c = await owned(tx, viewer.id, input.categoryId);
    await checkParent(tx, viewer.id, input.parentId, c.id);
    if (input.parentId && c._count.children > 0)
      throw new AppError("invalid_input", "has_children", { fields: { parentId: "has_children" } });
    await tx.category.update({
      where: { id: c.id },
      data: { name: input.name, color: input.color.toLowerCase(), parentId: input.parentId },
    });
    return { categoryId: c.id };
  });
}

/** Rules that set one of `from` now set `to` (null: the category action is removed; a rule left without action is deleted). */
async function repointRules(tx: Tx, userId: string, from: string[], to: string | null) {
  const rules = await tx.rule.findMany({
    where: { userId },
    select: { id: true, match: true, conditions: true, actions: true },
  });
  for (const row of rules) {
    const rule = parseRule(row);
    if (!rule?.actions.category || !from.includes(rule.actions.category)) continue;
    const actions = { ...rule.actions, category: to ?? undefined };
    if (!actions.category && !actions.tags?.length && !actions.counterparty && !actions.transfer)
      await tx.rule.delete({ where: { id: row.id } });
    else await tx.rule.update({ where: { id: row.id }, data: { actions: JSON.parse(JSON.stringify(actions)) } });
  }
}

/**
 * Deletes the category and its sub-categories. Their transactions go back to the automatic
 * category (the user's own choice of a deleted category is gone with it); rules lose that action.
 */
export async function deleteCategory({ viewer, input }: Input<typeof deleteCategoryInput>) {
  return db.$transaction(
    async (tx) => {
      await lock(tx, viewer.id);
      const c = await owned(tx, viewer.id, input.categoryId);
      const children = await tx.category.findMany({
        where: { parentId: c.id, userId: viewer.id },
        select: { id: true },
      });
      const refs = [c.id, ...children.map((x) => x.id)].map((id) => `u:${id}`);
      const moved = await tx.$executeRaw`
        UPDATE "Transaction" SET "userCategory" = NULL, "categoryRuleId" = NULL, "updatedAt" = now()
        WHERE "userId" = ${viewer.id} AND "userCategory" = ANY(${refs}::text[])`;
      await repointRules(tx, viewer.id, refs, null);
      // Budgets on it go with it; a contract named by it reads uncategorised until detection runs again.
      await tx.budget.deleteMany({ where: { userId: viewer.id, category: { in: refs } } });
      await tx.contract.updateMany({
        where: { userId: viewer.id, categoryId: { in: refs } },
        data: { categoryId: null },
      });
      await tx.category.delete({ where: { id: c.id } }); // sub-categories cascade
      return { categoryId: c.id, transactions: moved };
    },
    { timeout: 120_000 },
  );
}

/**
 * Merges the category into another: its transactions and rules move there, its sub-categories go
 * under the target (or beside it when the target is a sub-category), then it is deleted.
 */
export async function mergeCategory({ viewer, input }: Input<typeof mergeCategoryInput>) {
  if (input.categoryId === input.intoId)
    throw new AppError("invalid_input", "same_category", { fields: { intoId: "same_category" } });
  return db.$transaction(
    async (tx) => {
      await lock(tx, viewer.id);
      const from = await owned(tx, viewer.id, input.categoryId);
      const into = await owned(tx, viewer.id, input.intoId);
      if (into.parentId === from.id)
        throw new AppError("invalid_input", "into_own_child", { fields: { intoId: "into_own_child" } });
      const moved = await tx.$executeRaw`
        UPDATE "Transaction" SET "userCategory" = ${`u:${into.id}`}, "updatedAt" = now()
        WHERE "userId" = ${viewer.id} AND "userCategory" = ${`u:${from.id}`}`;
      await repointRules(tx, viewer.id, [`u:${from.id}`], `u:${into.id}`);
      // Its budgets move too, unless the target has one in that currency already (that one stays).
      const taken = await tx.budget.findMany({
        where: { userId: viewer.id, category: `u:${into.id}` },
        select: { currency: true },
      });
      await tx.budget.deleteMany({
        where: { userId: viewer.id, category: `u:${from.id}`, currency: { in: taken.map((b) => b.currency) } },
      });
      await tx.budget.updateMany({
        where: { userId: viewer.id, category: `u:${from.id}` },
        data: { category: `u:${into.id}` },
      });
      await tx.contract.updateMany({
        where: { userId: viewer.id, categoryId: `u:${from.id}` },
        data: { categoryId: `u:${into.id}` },
      });
      await tx.category.updateMany({
        where: { parentId: from.id, userId: viewer.id },
        data: { parentId: into.parentId ?? into.id },
      });
      await tx.category.delete({ where: { id: from.id } });
      return { categoryId: into.id, transactions: moved };
    },
    { timeout: 120_000 },
  );
}

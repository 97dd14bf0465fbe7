import "server-only";
import { db } from "@/lib/db";
import { ownCategoryLookup, type OwnCategoryNames } from "./categories.ts";

/** One of a user's own categories as pages and forms see it (a parent before its children). */
export interface OwnCategoryDto {
  id: string;
  /** The value transactions and rules carry: "u:<id>". */
  ref: string;
  name: string;
  color: string;
  parentId: string | null;
  /** "Parent → Child" for a sub-category, else the name. */
  fullName: string;
}

/**
 * A user's own categories, read by the owner's id: lib/data/own-categories.ts passes the viewer's,
 * background work (the budget alert email) the budget owner's.
 */
export async function loadOwnCategories(userId: string): Promise<OwnCategoryDto[]> {
  const rows = await db.category.findMany({
    where: { userId },
    select: { id: true, name: true, color: true, parentId: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: OwnCategoryDto[] = [];
  const dto = (r: (typeof rows)[number]): OwnCategoryDto => {
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    return { ...r, ref: `u:${r.id}`, fullName: parent ? `${parent.name} → ${r.name}` : r.name };
  };
  for (const top of rows.filter((r) => !r.parentId)) {
    out.push(dto(top));
    for (const child of rows.filter((r) => r.parentId === top.id)) out.push(dto(child));
  }
  return out;
}

/** The names and colours of a user's own categories by "u:<id>" (see OwnCategoryNames). */
export async function loadOwnCategoryNames(userId: string): Promise<OwnCategoryNames> {
  return ownCategoryLookup(await loadOwnCategories(userId));
}

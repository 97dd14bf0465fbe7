import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

/** One of the viewer's own categories, as the browser sees it (a parent before its children). */
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

export async function listOwnCategories(viewer: Viewer): Promise<OwnCategoryDto[]> {
  const rows = await db.category.findMany({
    where: { userId: viewer.id },
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

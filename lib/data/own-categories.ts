import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { cachedForUser } from "@/lib/cache/user-cache";
import type { OwnCategoryNames } from "@/lib/categories/categories";
import { loadOwnCategories, loadOwnCategoryNames, type OwnCategoryDto } from "@/lib/categories/load-own-categories";

export type { OwnCategoryDto };

/** The viewer's own categories, a parent before its children (for the forms and /categories). */
export async function listOwnCategories(viewer: Viewer): Promise<OwnCategoryDto[]> {
  return cachedForUser(viewer.id, "own-categories", [], () => loadOwnCategories(viewer.id));
}

/** The viewer's own categories by "u:<id>", to name them on any server-rendered page or export. */
export async function getOwnCategoryNames(viewer: Viewer): Promise<OwnCategoryNames> {
  return cachedForUser(viewer.id, "own-category-names", [], () => loadOwnCategoryNames(viewer.id));
}

"use client";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { ownCategoryLookup, type OwnCategoryNames } from "@/lib/categories/categories";

export interface OwnCategoryOption {
  ref: string;
  fullName: string;
  name: string;
  color: string;
  parentId: string | null;
}

const Ctx = createContext<{ names: OwnCategoryNames; options: OwnCategoryOption[] }>({ names: {}, options: [] });

/** The viewer's own categories for every signed-in page (names in lists, choices in forms). */
export function OwnCategoriesProvider({
  categories,
  children,
}: {
  categories: OwnCategoryOption[];
  children: ReactNode;
}) {
  const value = useMemo(() => ({ names: ownCategoryLookup(categories), options: categories }), [categories]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useOwnCategories = () => useContext(Ctx);

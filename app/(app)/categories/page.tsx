import type { Metadata } from "next";
import Link from "next/link";
import { CategoriesManager } from "@/components/rules/categories-manager";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Categories" };

export default async function CategoriesPage() {
  await requireUserPage();
  const { m } = await getMessages();
  return (
    <>
      <PageHeader
        title={m.ownCategories.title}
        description={m.ownCategories.description}
        actions={
          <Link className={buttonClass("secondary")} href="/rules">
            {m.ownCategories.backToRules}
          </Link>
        }
      />
      <CategoriesManager />
    </>
  );
}

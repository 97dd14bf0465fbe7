import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireUserPage } from "@/lib/auth/viewer";
import { getAccount } from "@/lib/data/accounts";

/**
 * Decides "not found" (missing, or not the viewer's: the same answer) above the page's loading
 * boundary, before anything streams, so the answer is a real 404 status and not a 200 with the
 * not-found page. The page reads the same account again (getAccount is cached per request).
 */
export default async function AccountLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const viewer = await requireUserPage();
  if (!(await getAccount(viewer, (await params).id))) notFound();
  return children;
}

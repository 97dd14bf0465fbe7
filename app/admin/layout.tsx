import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

// Admins only: everyone else gets a 404. Every admin query and action checks again.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await requireAdminPage();
  const { m } = await getMessages();
  return <AppShell m={m} email={viewer.email} isAdmin>{children}</AppShell>;
}

import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { AppShell } from "@/components/layout/app-shell";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

// Admins only: everyone else gets a 404. Every admin query and action checks again.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await requireAdminPage();
  const { m } = await getMessages();
  const t = m.admin.nav;
  const items = [
    { href: "/admin", label: t.overview },
    { href: "/admin/users", label: t.users },
    { href: "/admin/banks", label: t.banks },
    { href: "/admin/consents", label: t.consents },
    { href: "/admin/sync-runs", label: t.syncRuns },
    { href: "/admin/health", label: t.health },
    { href: "/admin/jobs", label: t.jobs },
    { href: "/admin/audit", label: t.audit },
  ];
  return (
    <AppShell m={m} email={viewer.email} isAdmin>
      <AdminNav label={t.label} items={items} />
      {children}
      <p className="mt-8 text-xs text-slate-600 dark:text-slate-400">{m.admin.notice}</p>
    </AppShell>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { recordAdminView } from "@/lib/admin/record-admin-view";
import { unsafeAdminOverview } from "@/lib/admin/unsafe-admin-overview";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminOverviewPage() {
  const admin = await requireAdminPage();
  const { m } = await getMessages();
  const [stats] = await Promise.all([unsafeAdminOverview({ admin }), recordAdminView({ admin, page: "overview" })]);
  const t = m.admin.overview;
  const cards = [
    {
      label: t.users,
      value: stats.users,
      note: stats.disabledUsers ? t.disabledUsers(stats.disabledUsers) : null,
      href: "/admin/users",
      alert: false,
    },
    { label: t.banks, value: stats.banks, note: null, href: "/admin/banks", alert: false },
    { label: t.failedRuns, value: stats.failedRuns, note: null, href: "/admin/sync-runs", alert: stats.failedRuns > 0 },
    { label: t.endingSoon, value: stats.endingSoon, note: null, href: "/admin/consents", alert: stats.endingSoon > 0 },
    { label: t.expired, value: stats.expired, note: null, href: "/admin/consents", alert: stats.expired > 0 },
  ];
  return (
    <>
      <PageHeader title={m.admin.title} description={t.description} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {cards.map((c) => (
          <li key={c.label}>
            <Link
              href={c.href}
              className="block rounded-lg bg-white dark:bg-slate-900 p-5 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700 hover:ring-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              <span className="block text-sm text-slate-600 dark:text-slate-400">{c.label}</span>
              <span
                className={`mt-1 block text-3xl font-semibold tabular-nums ${c.alert ? "text-amber-800 dark:text-amber-300" : "text-slate-900 dark:text-slate-100"}`}
              >
                {c.value}
              </span>
              {c.note && <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">{c.note}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

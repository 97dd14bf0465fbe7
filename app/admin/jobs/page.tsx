import type { Metadata } from "next";
import { AdminTable, Td, Th } from "@/components/admin/table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { recordAdminView } from "@/lib/admin/record-admin-view";
import { unsafeJobQueue } from "@/lib/admin/unsafe-job-queue";
import { requireAdminPage } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Admin · Job queue" };

export default async function AdminJobsPage() {
  const admin = await requireAdminPage();
  const { m, locale } = await getMessages();
  const [data] = await Promise.all([unsafeJobQueue({ admin }), recordAdminView({ admin, page: "jobs" })]);
  const t = m.admin.jobs;
  return (
    <>
      <PageHeader title={m.admin.nav.jobs} description={t.description} />
      {!data.available ? (
        <EmptyState title={t.unavailableTitle}>{t.unavailableBody}</EmptyState>
      ) : data.queues.length === 0 ? (
        <EmptyState title={t.emptyTitle}>{t.emptyBody}</EmptyState>
      ) : (
        <AdminTable caption={t.caption} testId="admin-jobs">
          <thead>
            <tr>
              <Th>{t.name}</Th>
              <Th className="text-right">{t.queued}</Th>
              <Th className="text-right">{t.active}</Th>
              <Th className="text-right">{t.failed}</Th>
              <Th>{t.oldest}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {data.queues.map((q) => (
              <tr key={q.name}>
                <Td>
                  <code className="text-sm text-slate-900 dark:text-slate-100">{q.name}</code>
                </Td>
                <Td className="text-right tabular-nums">{q.queued}</Td>
                <Td className="text-right tabular-nums">{q.active}</Td>
                <Td
                  className={`text-right tabular-nums ${q.failed ? "font-semibold text-red-800 dark:text-red-300" : ""}`}
                >
                  {q.failed}
                </Td>
                <Td className="whitespace-nowrap">
                  {q.oldestWaiting ? formatDateTime(q.oldestWaiting, locale) : m.admin.none}
                </Td>
              </tr>
            ))}
          </tbody>
        </AdminTable>
      )}
    </>
  );
}

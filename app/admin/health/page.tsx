import type { Metadata } from "next";
import { AdminTable, Badge, Td, Th } from "@/components/admin/table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { recordAdminView } from "@/lib/admin/record-admin-view";
import { unsafeBankHealth } from "@/lib/admin/unsafe-bank-health";
import { requireAdminPage } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { intlLocale } from "@/lib/i18n/locale";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Admin · Bank health" };

export default async function AdminHealthPage() {
  const admin = await requireAdminPage();
  const { m, locale } = await getMessages();
  const [banks] = await Promise.all([unsafeBankHealth({ admin }), recordAdminView({ admin, page: "health" })]);
  const t = m.admin.health;
  const percent = new Intl.NumberFormat(intlLocale(locale), { style: "percent", maximumFractionDigits: 0 });
  return (
    <>
      <PageHeader title={m.admin.nav.health} description={t.description} />
      {banks.length === 0 ? (
        <EmptyState title={t.emptyTitle}>{t.emptyBody}</EmptyState>
      ) : (
        <AdminTable caption={t.caption} testId="admin-health">
          <thead>
            <tr>
              <Th>{t.bank}</Th>
              <Th>{t.successRate}</Th>
              <Th>{t.runs}</Th>
              <Th>{t.lastError}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {banks.map((b) => (
              <tr key={b.bankCode ?? b.bankName ?? "?"} data-testid="admin-health-row">
                <Td>
                  <span className="font-medium text-slate-900 dark:text-slate-100">
                    {b.bankName ?? m.banks.unknownBank}
                  </span>
                  {b.bankCode && <span className="block text-xs text-slate-600 dark:text-slate-400">{b.bankCode}</span>}
                </Td>
                <Td>
                  {b.successRate === null ? (
                    m.admin.none
                  ) : (
                    <Badge tone={b.successRate >= 0.95 ? "ok" : b.successRate >= 0.7 ? "warn" : "bad"}>
                      {percent.format(b.successRate)}
                    </Badge>
                  )}
                </Td>
                <Td>
                  <span className="tabular-nums">{b.finished}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {t.breakdown(b.succeeded, b.partial, b.failed)}
                  </span>
                </Td>
                <Td className="max-w-sm text-xs">
                  {b.lastError ? (
                    <>
                      <span className="text-slate-600 dark:text-slate-400">
                        {formatDateTime(b.lastError.at, locale)}
                      </span>
                      {b.lastError.code && (
                        <code className="ml-2 rounded bg-slate-100 dark:bg-slate-800 px-1.5 py-0.5 text-slate-800 dark:text-slate-200">
                          {b.lastError.code}
                        </code>
                      )}
                      {b.lastError.message && (
                        <p className="mt-1 text-slate-700 dark:text-slate-300">{b.lastError.message}</p>
                      )}
                    </>
                  ) : (
                    m.admin.none
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </AdminTable>
      )}
    </>
  );
}

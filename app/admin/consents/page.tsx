import type { Metadata } from "next";
import { AdminTable, Td, Th } from "@/components/admin/table";
import { PageHeader } from "@/components/ui/card";
import { recordAdminView } from "@/lib/admin/record-admin-view";
import { unsafeConsentCockpit, type ConsentRow } from "@/lib/admin/unsafe-consent-cockpit";
import { requireAdminPage } from "@/lib/auth/viewer";
import type { Messages } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locale";
import { formatDate } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Admin · Consents" };

export default async function AdminConsentsPage() {
  const admin = await requireAdminPage();
  const { m, locale } = await getMessages();
  const [data] = await Promise.all([unsafeConsentCockpit({ admin }), recordAdminView({ admin, page: "consents" })]);
  const t = m.admin.consents;
  const max = Math.max(1, ...data.weeks.map((w) => w.count));
  const stats = [
    {
      label: t.expiredNow,
      value: data.expired.length,
      tone: data.expired.length ? "text-red-800 dark:text-red-300" : "text-slate-900 dark:text-slate-100",
      id: "expired",
    },
    {
      label: t.endingSoon,
      value: data.endingSoon.length,
      tone: data.endingSoon.length ? "text-amber-800 dark:text-amber-300" : "text-slate-900 dark:text-slate-100",
      id: "ending",
    },
    {
      label: t.renewals(data.renewalDays),
      value: data.renewals,
      tone: "text-slate-900 dark:text-slate-100",
      id: "renewals",
    },
  ];
  return (
    <>
      <PageHeader title={m.admin.nav.consents} description={t.description} />
      <dl className="mb-6 grid gap-4 sm:grid-cols-3">
        {stats.map((s) => (
          <div
            key={s.id}
            className="rounded-lg bg-white dark:bg-slate-900 p-5 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
            data-testid={`consent-stat-${s.id}`}
          >
            <dt className="text-sm text-slate-600 dark:text-slate-400">{s.label}</dt>
            <dd className={`mt-1 text-3xl font-semibold tabular-nums ${s.tone}`}>{s.value}</dd>
          </div>
        ))}
      </dl>
      <div className="space-y-6">
        <AdminTable caption={t.weeksCaption} testId="consent-weeks">
          <thead>
            <tr>
              <Th>{t.week}</Th>
              <Th className="text-right">{t.count}</Th>
              <Th className="w-1/2">
                <span className="sr-only">{t.count}</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {data.weeks.map((w, i) => (
              <tr key={w.from} data-testid="consent-week">
                <Td className="whitespace-nowrap">
                  <span className="mr-2 text-xs font-semibold text-slate-500 dark:text-slate-400">{i + 1}</span>
                  {t.weekRange(formatDate(w.from, locale), formatDate(w.to, locale))}
                </Td>
                <Td className="text-right font-semibold tabular-nums">{w.count}</Td>
                <Td aria-hidden="true">
                  <div className="h-2.5 rounded-full bg-slate-100 dark:bg-slate-800">
                    <div
                      className={`h-2.5 rounded-full ${i < 2 ? "bg-amber-500" : "bg-brand-600"}`}
                      style={{ width: `${(w.count / max) * 100}%` }}
                    />
                  </div>
                </Td>
              </tr>
            ))}
          </tbody>
        </AdminTable>
        <ConsentTable
          caption={t.endingSoonCaption}
          empty={t.noneEnding}
          rows={data.endingSoon}
          m={m}
          locale={locale}
          testId="consents-ending"
        />
        <ConsentTable
          caption={t.expiredCaption}
          empty={t.noneExpired}
          rows={data.expired}
          m={m}
          locale={locale}
          testId="consents-expired"
        />
      </div>
    </>
  );
}

function ConsentTable({
  caption,
  empty,
  rows,
  m,
  locale,
  testId,
}: {
  caption: string;
  empty: string;
  rows: ConsentRow[];
  m: Messages;
  locale: Locale;
  testId: string;
}) {
  const t = m.admin.consents;
  return (
    <AdminTable caption={caption} testId={testId}>
      <thead>
        <tr>
          <Th>{t.bank}</Th>
          <Th>{t.user}</Th>
          <Th>{t.validUntil}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.length === 0 ? (
          <tr>
            <Td colSpan={3} className="text-slate-600 dark:text-slate-400">
              {empty}
            </Td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.connectionId}>
              <Td>
                {r.bankName ?? m.banks.unknownBank}
                {r.bankCode && <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">({r.bankCode})</span>}
              </Td>
              <Td className="[overflow-wrap:anywhere]">{r.userEmail}</Td>
              <Td className="whitespace-nowrap">{formatDate(r.consentValidUntil, locale)}</Td>
            </tr>
          ))
        )}
      </tbody>
    </AdminTable>
  );
}

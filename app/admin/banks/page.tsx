import type { Metadata } from "next";
import { StateBadge } from "@/components/banks/state-badge";
import { FilterForm, FilterSelect } from "@/components/admin/filters";
import { AdminTable, Td, Th } from "@/components/admin/table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { recordAdminView } from "@/lib/admin/record-admin-view";
import { CONNECTION_STATES, isConnectionState, unsafeListConnections } from "@/lib/admin/unsafe-list-connections";
import { requireAdminPage } from "@/lib/auth/viewer";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Admin · Banks" };

export default async function AdminBanksPage({
  searchParams,
}: {
  searchParams: Promise<{ state?: string; bank?: string }>;
}) {
  const admin = await requireAdminPage();
  const { m, locale } = await getMessages();
  const sp = await searchParams;
  const state = isConnectionState(sp.state) ? sp.state : undefined;
  const bankCode = typeof sp.bank === "string" && /^[0-9A-Za-z]{1,20}$/.test(sp.bank) ? sp.bank : undefined;
  const [result] = await Promise.all([
    unsafeListConnections({ admin, state, bankCode }),
    recordAdminView({ admin, page: "banks", filters: { state, bank: bankCode } }),
  ]);
  const t = m.admin.banks;
  return (
    <>
      <PageHeader title={m.admin.nav.banks} description={t.description} />
      <FilterForm action="/admin/banks" label={m.admin.filter} submitLabel={m.admin.filter} resetLabel={m.admin.reset}>
        <FilterSelect
          label={t.stateLabel}
          name="state"
          value={state}
          options={[
            { value: "", label: m.admin.all },
            ...CONNECTION_STATES.map((s) => ({ value: s, label: m.banks.states[s].label })),
          ]}
        />
        <FilterSelect
          label={t.bankLabel}
          name="bank"
          value={bankCode}
          options={[
            { value: "", label: m.admin.all },
            ...result.banks.map((b) => ({
              value: b.bankCode,
              label: `${b.bankName ?? b.bankCode} (${b.bankCode}) · ${b.count}`,
            })),
          ]}
        />
      </FilterForm>
      {result.limited && (
        <div className="mb-4">
          <Notice tone="info">{m.admin.limited(result.connections.length)}</Notice>
        </div>
      )}
      {result.connections.length === 0 ? (
        <EmptyState title={t.emptyTitle}>{t.emptyBody}</EmptyState>
      ) : (
        <AdminTable caption={t.caption(result.connections.length)} testId="admin-banks">
          <thead>
            <tr>
              <Th>{t.bank}</Th>
              <Th>{t.user}</Th>
              <Th>{t.state}</Th>
              <Th>{t.syncMode}</Th>
              <Th>{t.lastSync}</Th>
              <Th>{t.failCounter}</Th>
              <Th>{t.consentEnd}</Th>
              <Th>{t.lastError}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {result.connections.map((c) => (
              <tr key={c.id} data-testid="admin-bank-row">
                <Td>
                  <span className="font-medium text-slate-900 dark:text-slate-100">
                    {c.bankName ?? m.banks.unknownBank}
                  </span>
                  {c.bankCode && <span className="block text-xs text-slate-600 dark:text-slate-400">{c.bankCode}</span>}
                  {c.accounts.length > 0 && (
                    <ul className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400" aria-label={t.accounts}>
                      {c.accounts.map((a, i) => (
                        <li key={i} className="whitespace-nowrap font-mono">
                          {a.iban ?? a.name}
                        </li>
                      ))}
                    </ul>
                  )}
                </Td>
                <Td className="min-w-[11rem] [overflow-wrap:anywhere]">{c.userEmail}</Td>
                <Td className="whitespace-nowrap">
                  <StateBadge state={c.state} label={m.banks.states[c.state].label} />
                </Td>
                <Td className="whitespace-nowrap">
                  {m.banks.modeShort[c.syncMode]}
                  {c.fellBack && (
                    <span className="block text-xs font-medium text-amber-800 dark:text-amber-300">
                      {t.fellBack(m.banks.modeShort.NONE)}
                    </span>
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  {c.lastImportedAt ? formatDateTime(c.lastImportedAt, locale) : m.admin.never}
                  {c.xs2aLastSyncedAt && (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {t.xs2aSynced(formatDateTime(c.xs2aLastSyncedAt, locale))}
                    </span>
                  )}
                </Td>
                <Td
                  className={`tabular-nums ${c.syncFailCounter > 0 ? "font-semibold text-red-800 dark:text-red-300" : ""}`}
                >
                  {c.syncFailCounter}
                </Td>
                <Td className="whitespace-nowrap">
                  {c.consentValidUntil ? formatDate(c.consentValidUntil, locale) : m.admin.none}
                  {c.consentDaysLeft !== null && (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {t.daysLeft(c.consentDaysLeft)}
                    </span>
                  )}
                </Td>
                <Td className="min-w-[12rem] max-w-xs text-xs text-slate-700 dark:text-slate-300">
                  {c.lastError ?? m.admin.none}
                </Td>
              </tr>
            ))}
          </tbody>
        </AdminTable>
      )}
    </>
  );
}

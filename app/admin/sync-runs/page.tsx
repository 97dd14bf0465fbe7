import type { Metadata } from "next";
import { DismissQuarantineButton } from "@/components/admin/dismiss-quarantine-button";
import { FilterForm, FilterSelect } from "@/components/admin/filters";
import { RerunImportButton } from "@/components/admin/rerun-import-button";
import { AdminTable, Badge, Td, Th } from "@/components/admin/table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { recordAdminView } from "@/lib/admin/record-admin-view";
import { unsafeListFailedRuns, unsafeListQuarantinedTurnovers } from "@/lib/admin/unsafe-list-failed-runs";
import { requireAdminPage } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { intlLocale } from "@/lib/i18n/locale";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Admin · Sync failures" };

export default async function AdminSyncRunsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const admin = await requireAdminPage();
  const { m, locale } = await getMessages();
  const sp = await searchParams;
  const status = sp.status === "FAILED" || sp.status === "PARTIAL" ? sp.status : undefined;
  const [runs, quarantined] = await Promise.all([
    unsafeListFailedRuns({ admin, status }),
    unsafeListQuarantinedTurnovers({ admin }),
    recordAdminView({ admin, page: "sync-runs", filters: { status } }),
  ]);
  const t = m.admin.runs;
  const q = t.quarantine;
  const seconds = new Intl.NumberFormat(intlLocale(locale), {
    style: "unit",
    unit: "second",
    maximumFractionDigits: 1,
  });
  return (
    <>
      <PageHeader title={m.admin.nav.syncRuns} description={t.description} />
      <FilterForm
        action="/admin/sync-runs"
        label={m.admin.filter}
        submitLabel={m.admin.filter}
        resetLabel={m.admin.reset}
      >
        <FilterSelect
          label={t.statusLabel}
          name="status"
          value={status}
          options={[
            { value: "", label: m.admin.all },
            { value: "FAILED", label: t.failed },
            { value: "PARTIAL", label: t.partial },
          ]}
        />
      </FilterForm>
      {runs.length === 0 ? (
        <EmptyState title={t.emptyTitle}>{t.emptyBody}</EmptyState>
      ) : (
        <AdminTable caption={t.caption(runs.length)} testId="admin-runs">
          <thead>
            <tr>
              <Th>{t.when}</Th>
              <Th>{t.bank}</Th>
              <Th>{t.status}</Th>
              <Th>{t.error}</Th>
              <Th>{t.requestIds}</Th>
              <Th>{t.duration}</Th>
              <Th>
                <span className="sr-only">{t.actions}</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {runs.map((r) => (
              <tr key={r.id} data-testid="admin-run-row">
                <Td className="whitespace-nowrap">
                  {formatDateTime(r.queuedAt, locale)}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {t.triggers[r.trigger] ?? r.trigger}
                  </span>
                </Td>
                <Td className="min-w-[11rem]">
                  <span className="font-medium text-slate-900 dark:text-slate-100">
                    {r.bankName ?? m.banks.unknownBank}
                  </span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400 [overflow-wrap:anywhere]">
                    {r.userEmail}
                  </span>
                </Td>
                <Td>
                  <Badge tone={r.status === "FAILED" ? "bad" : "warn"}>
                    {r.status === "FAILED" ? t.failed : t.partial}
                  </Badge>
                </Td>
                <Td className="min-w-[14rem] max-w-sm">
                  {r.errorCode && (
                    <code className="rounded bg-slate-100 dark:bg-slate-800 px-1.5 py-0.5 text-xs text-slate-800 dark:text-slate-200">
                      {r.errorCode}
                    </code>
                  )}
                  {r.errorMessage && (
                    <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">{r.errorMessage}</p>
                  )}
                  {!r.errorCode && !r.errorMessage && m.admin.none}
                </Td>
                <Td>
                  {r.requestIds.length ? (
                    <ul className="space-y-0.5">
                      {r.requestIds.map((id) => (
                        <li key={id}>
                          <code className="text-xs text-slate-800 dark:text-slate-200">{id}</code>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    m.admin.none
                  )}
                </Td>
                <Td className="whitespace-nowrap tabular-nums">
                  {r.durationMs === null ? m.admin.none : seconds.format(r.durationMs / 1000)}
                </Td>
                <Td>
                  {r.canRerun ? (
                    <RerunImportButton
                      connectionId={r.connectionId}
                      label={`${t.rerun}: ${r.bankName ?? ""} ${r.userEmail}`}
                    />
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </AdminTable>
      )}
      <section className="mt-8" aria-labelledby="quarantine-title">
        <h2 id="quarantine-title" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
          {q.title}
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-400">{q.description}</p>
        {quarantined.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="admin-quarantine-empty">
            <span className="font-medium text-slate-800 dark:text-slate-200">{q.emptyTitle}.</span> {q.emptyBody}
          </p>
        ) : (
          <AdminTable caption={q.caption(quarantined.length)} testId="admin-quarantine">
            <thead>
              <tr>
                <Th>{q.seen}</Th>
                <Th>{q.account}</Th>
                <Th>{q.reason}</Th>
                <Th>{q.bankData}</Th>
                <Th>{q.runs}</Th>
                <Th>
                  <span className="sr-only">{t.actions}</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {quarantined.map((r) => (
                <tr key={r.id} data-testid="admin-quarantine-row">
                  <Td className="whitespace-nowrap">
                    {q.firstSeen(formatDateTime(r.firstSeenAt, locale))}
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {q.lastSeen(formatDateTime(r.lastSeenAt, locale))} · {q.times(r.timesSeen)}
                    </span>
                  </Td>
                  <Td className="min-w-[12rem]">
                    <span className="font-medium text-slate-900 dark:text-slate-100">
                      {r.bankName ?? m.banks.unknownBank}
                    </span>
                    <span className="block text-xs text-slate-600 dark:text-slate-400 [overflow-wrap:anywhere]">
                      {r.userEmail}
                    </span>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {[r.accountName, r.accountIban].filter(Boolean).join(" · ")}
                    </span>
                  </Td>
                  <Td className="min-w-[14rem] max-w-sm">
                    <ul className="space-y-0.5">
                      {r.reasons.map((reason) => (
                        <li key={reason}>
                          <code className="text-xs text-slate-800 dark:text-slate-200 [overflow-wrap:anywhere]">
                            {reason}
                          </code>
                        </li>
                      ))}
                    </ul>
                  </Td>
                  <Td className="min-w-[14rem] max-w-sm text-xs [overflow-wrap:anywhere]">
                    <span className="tabular-nums">{r.bankText.bookingDate ?? q.noDate}</span> ·{" "}
                    <span className="tabular-nums">
                      {[r.bankText.amount ?? "–", r.bankText.currency].filter(Boolean).join(" ")}
                    </span>
                    {r.bankText.counterparty && <> · {r.bankText.counterparty}</>}
                    {r.bankText.counterpartyIban && <> · {r.bankText.counterpartyIban}</>}
                    {r.bankText.purpose && (
                      <span className="block text-slate-600 dark:text-slate-400">{r.bankText.purpose}</span>
                    )}
                  </Td>
                  <Td>
                    <ul className="space-y-0.5">
                      {[...new Set([r.firstSeenRunId, r.lastSeenRunId].filter(Boolean))].map((id) => (
                        <li key={id}>
                          <code className="text-xs text-slate-800 dark:text-slate-200">{id}</code>
                        </li>
                      ))}
                    </ul>
                  </Td>
                  <Td>
                    <DismissQuarantineButton
                      quarantineId={r.id}
                      label={`${q.dismiss}: ${r.bankName ?? ""} ${r.userEmail} ${r.reasons[0] ?? ""}`}
                    />
                  </Td>
                </tr>
              ))}
            </tbody>
          </AdminTable>
        )}
      </section>
    </>
  );
}

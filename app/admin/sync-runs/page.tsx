import type { Metadata } from "next";
import { FilterForm, FilterSelect } from "@/components/admin/filters";
import { RerunImportButton } from "@/components/admin/rerun-import-button";
import { AdminTable, Badge, Td, Th } from "@/components/admin/table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { recordAdminView } from "@/lib/admin/record-admin-view";
import { unsafeListFailedRuns } from "@/lib/admin/unsafe-list-failed-runs";
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
  const [runs] = await Promise.all([
    unsafeListFailedRuns({ admin, status }),
    recordAdminView({ admin, page: "sync-runs", filters: { status } }),
  ]);
  const t = m.admin.runs;
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
          <tbody className="divide-y divide-slate-100">
            {runs.map((r) => (
              <tr key={r.id} data-testid="admin-run-row">
                <Td className="whitespace-nowrap">
                  {formatDateTime(r.queuedAt, locale)}
                  <span className="block text-xs text-slate-600">{t.triggers[r.trigger] ?? r.trigger}</span>
                </Td>
                <Td className="min-w-[11rem]">
                  <span className="font-medium text-slate-900">{r.bankName ?? m.banks.unknownBank}</span>
                  <span className="block text-xs text-slate-600 [overflow-wrap:anywhere]">{r.userEmail}</span>
                </Td>
                <Td>
                  <Badge tone={r.status === "FAILED" ? "bad" : "warn"}>
                    {r.status === "FAILED" ? t.failed : t.partial}
                  </Badge>
                </Td>
                <Td className="min-w-[14rem] max-w-sm">
                  {r.errorCode && (
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{r.errorCode}</code>
                  )}
                  {r.errorMessage && <p className="mt-1 text-xs text-slate-700">{r.errorMessage}</p>}
                  {!r.errorCode && !r.errorMessage && m.admin.none}
                </Td>
                <Td>
                  {r.requestIds.length ? (
                    <ul className="space-y-0.5">
                      {r.requestIds.map((id) => (
                        <li key={id}>
                          <code className="text-xs text-slate-800">{id}</code>
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
    </>
  );
}

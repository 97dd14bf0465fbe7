import type { Metadata } from "next";
import { FilterForm, FilterInput, FilterSelect, Pager } from "@/components/admin/filters";
import { AdminTable, Td, Th } from "@/components/admin/table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { recordAdminView } from "@/lib/admin/record-admin-view";
import { AUDIT_ACTION_FILTERS, unsafeListAuditEvents } from "@/lib/admin/unsafe-list-audit-events";
import { requireAdminPage } from "@/lib/auth/viewer";
import { pageParam, textParam } from "@/lib/http/search-params";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Admin · Audit log" };

type Search = { [K in "action" | "actor" | "target" | "page"]?: string | string[] };

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const admin = await requireAdminPage();
  const { m, locale } = await getMessages();
  const sp = await searchParams;
  const action = AUDIT_ACTION_FILTERS.find((a) => a === sp.action);
  const actor = textParam(sp.actor, 320);
  const target = textParam(sp.target, 200);
  const page = pageParam(sp.page);
  const [result] = await Promise.all([
    unsafeListAuditEvents({ admin, action, actor, target, page }),
    recordAdminView({ admin, page: "audit", filters: { action, actor, target, page } }),
  ]);
  const t = m.admin.audit;
  return (
    <>
      <PageHeader title={m.admin.nav.audit} description={t.description} />
      <FilterForm action="/admin/audit" label={m.admin.search} submitLabel={m.admin.search} resetLabel={m.admin.reset}>
        <FilterSelect
          label={t.actionLabel}
          name="action"
          value={action}
          options={[
            { value: "", label: t.allActions },
            ...AUDIT_ACTION_FILTERS.map((a) => ({ value: a, label: a.endsWith(".") ? t.prefix(a) : a })),
          ]}
        />
        <FilterInput label={t.actorLabel} name="actor" value={actor} />
        <FilterInput label={t.targetLabel} name="target" value={target} />
      </FilterForm>
      {result.events.length === 0 ? (
        <EmptyState title={t.emptyTitle}>{t.emptyBody}</EmptyState>
      ) : (
        <AdminTable caption={t.caption(result.total)} testId="admin-audit">
          <thead>
            <tr>
              <Th>{t.at}</Th>
              <Th>{t.action}</Th>
              <Th>{t.actor}</Th>
              <Th>{t.target}</Th>
              <Th>{t.ip}</Th>
              <Th>{t.details}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {result.events.map((e) => (
              <tr key={e.id} data-testid="admin-audit-row">
                <Td className="whitespace-nowrap">{formatDateTime(e.at, locale)}</Td>
                <Td>
                  <code className="whitespace-nowrap rounded bg-slate-100 dark:bg-slate-800 px-1.5 py-0.5 text-xs text-slate-900 dark:text-slate-100">
                    {e.action}
                  </code>
                </Td>
                <Td className="[overflow-wrap:anywhere]">{e.actorEmail ?? e.actorId ?? m.admin.none}</Td>
                <Td className="text-xs">
                  {e.targetType || e.targetId ? (
                    <>
                      <span className="text-slate-600 dark:text-slate-400">{e.targetType}</span>{" "}
                      <span className="[overflow-wrap:anywhere]">{e.targetId}</span>
                    </>
                  ) : (
                    m.admin.none
                  )}
                </Td>
                <Td className="whitespace-nowrap text-xs">{e.ip ?? m.admin.none}</Td>
                <Td className="max-w-xs break-all font-mono text-xs text-slate-700 dark:text-slate-300">
                  {e.details ?? m.admin.none}
                </Td>
              </tr>
            ))}
          </tbody>
        </AdminTable>
      )}
      <Pager
        path="/admin/audit"
        params={{ action, actor, target }}
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        labels={m.admin}
      />
    </>
  );
}

import type { Metadata } from "next";
import { FilterForm, FilterInput, Pager } from "@/components/admin/filters";
import { AdminTable, Badge, Td, Th } from "@/components/admin/table";
import { UserStatusButton } from "@/components/admin/user-status-button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { recordAdminView } from "@/lib/admin/record-admin-view";
import { unsafeListUsers } from "@/lib/admin/unsafe-list-users";
import { requireAdminPage } from "@/lib/auth/viewer";
import { pageParam, textParam } from "@/lib/http/search-params";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Admin · Users" };

export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
}) {
  const admin = await requireAdminPage();
  const { m, locale } = await getMessages();
  const sp = await searchParams;
  const q = textParam(sp.q, 200);
  const page = pageParam(sp.page);
  const [result] = await Promise.all([
    unsafeListUsers({ admin, query: q, page }),
    recordAdminView({ admin, page: "users", filters: { q, page } }),
  ]);
  const t = m.admin.users;
  return (
    <>
      <PageHeader title={m.admin.nav.users} description={t.description} />
      <FilterForm action="/admin/users" label={m.admin.search} submitLabel={m.admin.search} resetLabel={m.admin.reset}>
        <FilterInput label={t.searchLabel} name="q" value={q} />
      </FilterForm>
      {result.users.length === 0 ? (
        <EmptyState title={t.emptyTitle}>{t.emptyBody}</EmptyState>
      ) : (
        <AdminTable caption={t.caption(result.total)} testId="admin-users">
          <thead>
            <tr>
              <Th>{t.email}</Th>
              <Th>{t.banks}</Th>
              <Th>{t.secondFactor}</Th>
              <Th>{t.lastSignIn}</Th>
              <Th>{t.created}</Th>
              <Th>{t.status}</Th>
              <Th>
                <span className="sr-only">{t.actions}</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {result.users.map((u) => (
              <tr key={u.id} data-testid="admin-user-row">
                <Td>
                  <span className="font-medium text-slate-900 dark:text-slate-100">{u.email}</span>
                  {u.name && <span className="block text-xs text-slate-600 dark:text-slate-400">{u.name}</span>}
                </Td>
                <Td className="tabular-nums">{u.banks}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1" data-testid="admin-user-2fa">
                    {u.totp ? <Badge tone="ok">{t.totpOn}</Badge> : <Badge>{t.totpOff}</Badge>}
                    {u.passkeys > 0 && <Badge tone="ok">{t.passkeys(u.passkeys)}</Badge>}
                  </div>
                </Td>
                <Td className="whitespace-nowrap">
                  {u.lastSignInAt ? formatDateTime(u.lastSignInAt, locale) : m.admin.never}
                </Td>
                <Td className="whitespace-nowrap">{formatDateTime(u.createdAt, locale)}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {u.disabled ? <Badge tone="bad">{t.disabled}</Badge> : <Badge tone="ok">{t.active}</Badge>}
                    {u.role === "ADMIN" && <Badge>{t.admin}</Badge>}
                    {u.emailVerified ? (
                      <Badge tone="ok">{m.security.adminVerified}</Badge>
                    ) : (
                      <Badge tone="warn">{m.security.adminUnverified}</Badge>
                    )}
                  </div>
                </Td>
                <Td>
                  {u.id === admin.id ? (
                    <span className="text-xs text-slate-600 dark:text-slate-400">{t.you}</span>
                  ) : (
                    <UserStatusButton userId={u.id} email={u.email} disabled={u.disabled} />
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </AdminTable>
      )}
      <Pager
        path="/admin/users"
        params={{ q }}
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        labels={m.admin}
      />
    </>
  );
}

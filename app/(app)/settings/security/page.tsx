import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/security/change-password-form";
import { EmailSettings } from "@/components/security/email-settings";
import { SessionsList } from "@/components/security/sessions-list";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { getAccountEmail, listSecurityLog, listSessions } from "@/lib/data/security";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const viewer = await requireUserPage();
  const { m, locale } = await getMessages();
  const t = m.security;
  const [sessions, log, account] = await Promise.all([
    listSessions(viewer),
    listSecurityLog(viewer),
    getAccountEmail(viewer),
  ]);
  return (
    <>
      <PageHeader
        title={m.settings.security}
        actions={
          <Link href="/settings" className={buttonClass("secondary")}>
            {m.settings.title}
          </Link>
        }
      />
      <div className="grid gap-6 md:max-w-3xl">
        <SessionsList sessions={sessions} />
        <ChangePasswordForm />
        <EmailSettings email={account.email} verified={account.verified} />
        <Card title={t.logTitle}>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t.logHint}</p>
          {log.length === 0 ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">{t.logEmpty}</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="security-log">
                <thead className="text-slate-600 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t.logWhen}
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t.logWhat}
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      {t.logFrom}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {log.map((e) => (
                    <tr key={e.id}>
                      <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(e.at, locale)}</td>
                      <td className="py-2 pr-4">{t.logActions[e.action] ?? e.action}</td>
                      <td className="py-2">{e.from ?? "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}

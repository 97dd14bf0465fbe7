import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireUserPage } from "@/lib/auth/viewer";
import { getEmailReminderSetting, listOutbox, outboxAvailable } from "@/lib/data/consent";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Email outbox" };

/** The development outbox: the viewer's own emails, only where no mail server sends them. */
export default async function OutboxPage() {
  const viewer = await requireUserPage();
  if (!outboxAvailable()) notFound();
  const { m, locale } = await getMessages();
  const t = m.consent.outbox;
  const [emails, remindersOn] = await Promise.all([listOutbox(viewer), getEmailReminderSetting(viewer)]);
  return (
    <>
      <PageHeader
        title={t.title}
        description={t.description}
        actions={
          <Link href="/settings" className={buttonClass("secondary")}>
            {m.settings.title}
          </Link>
        }
      />
      <div className="space-y-4">
        {!remindersOn && <Notice tone="warning">{t.remindersOff}</Notice>}
        {emails.length === 0 ? (
          <EmptyState title={t.empty}>{t.emptyBody}</EmptyState>
        ) : (
          <ul className="space-y-3" data-testid="outbox">
            {emails.map((e) => (
              <li key={e.id} data-testid="outbox-email">
                <details className="group rounded-lg bg-white dark:bg-slate-900 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
                  <summary className="flex cursor-pointer list-none flex-wrap items-baseline justify-between gap-x-4 gap-y-1 rounded-lg px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-800/50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-700 dark:focus-visible:outline-emerald-400">
                    <span className="font-medium text-slate-900 dark:text-slate-100">{e.subject}</span>
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      {t.to}: {e.to} · {t.sent}: {formatDateTime(e.createdAt, locale)}
                    </span>
                  </summary>
                  <pre className="whitespace-pre-wrap break-words border-t border-slate-100 dark:border-slate-800 px-4 py-3 font-sans text-sm text-slate-800 dark:text-slate-200">
                    {e.text}
                  </pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

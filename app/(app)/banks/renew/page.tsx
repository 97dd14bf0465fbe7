import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { RenewButton } from "@/components/consent/renew-button";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireUserPage } from "@/lib/auth/viewer";
import { parseId, parseIdList, renewWalkUrl, type DueConnection } from "@/lib/consent/renew-all";
import { getRenewPage } from "@/lib/data/consent";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Renew consent" };

type Search = { [K in "all" | "done" | "skip" | "connection"]?: string | string[] };

function statusLine(d: DueConnection, m: Messages, locale: Locale) {
  const date = formatDate(d.validUntil, locale);
  if (d.consent.level === "expired") return m.consent.renew.ended(date);
  return d.consent.step !== null ? m.consent.renew.ends(date) : m.consent.renew.notDue(date);
}

/**
 * Renewing consent: one bank (from a banner, a card or an email) or the "Renew all" walk. The
 * walk's queue is derived from the data each time (whatever is still due), so it can be left and
 * resumed; the URL only remembers what this walk renewed (`done`) or skipped (`skip`).
 */
export default async function RenewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireUserPage();
  const { m, locale } = await getMessages();
  const t = m.consent.renew;
  const sp = await searchParams;
  const done = parseIdList(sp.done);
  const skip = parseIdList(sp.skip);
  const walking = sp.all === "1";
  const page = await getRenewPage(viewer, { unverifiedFocusId: parseId(sp.connection), done, skip });
  const { walk, focus } = page;
  const bankName = (d: { bankName: string | null }) => d.bankName ?? m.banks.unknownBank;

  const renewedNotices = page.renewed.map((r) => (
    <Notice key={r.id} tone="success" live>
      {r.validUntil ? t.renewed(bankName(r), formatDate(r.validUntil, locale)) : t.renewed(bankName(r), "–")}
    </Notice>
  ));

  return (
    <>
      <PageHeader title={walking ? t.walkTitle : t.title} description={t.description} />
      <div className="space-y-4 md:max-w-2xl">
        {renewedNotices}

        {focus && !done.includes(focus.id) ? (
          <BankStep
            bank={bankName(focus)}
            line={statusLine(focus, m, locale)}
            expired={focus.consent.level === "expired"}
          >
            <RenewButton
              connectionId={focus.id}
              label={t.renewBank(bankName(focus))}
              returnTo={`/banks/renew?done=${focus.id}`}
            />
            <Link href="/banks" className={buttonClass("ghost")}>
              {t.backToBanks}
            </Link>
          </BankStep>
        ) : sp.connection && !focus && done.length === 0 ? (
          <Notice
            tone="warning"
            actions={
              <Link href="/banks" className={buttonClass("secondary")}>
                {t.backToBanks}
              </Link>
            }
          >
            {t.notFound}
          </Notice>
        ) : walking && walk.current ? (
          <>
            <Progress
              position={walk.position}
              total={walk.total}
              label={t.progress(walk.position, walk.total)}
              aria={t.progressLabel}
            />
            <BankStep
              eyebrow={t.next}
              bank={bankName(walk.current)}
              line={statusLine(walk.current, m, locale)}
              expired={walk.current.consent.level === "expired"}
            >
              <RenewButton
                connectionId={walk.current.id}
                label={t.renewBank(bankName(walk.current))}
                returnTo={renewWalkUrl({ done: [...done, walk.current.id], skip })}
              />
              <Link
                href={renewWalkUrl({ done, skip: [...skip, walk.current.id] })}
                className={buttonClass("secondary")}
              >
                {t.skip}
              </Link>
              <Link href="/banks" className={buttonClass("ghost")}>
                {t.leave}
              </Link>
            </BankStep>
            <p className="text-sm text-slate-600 dark:text-slate-400">{t.leaveHint}</p>
            {walk.upcoming.length > 0 && (
              <ol
                className="divide-y divide-slate-100 dark:divide-slate-800 rounded-lg bg-white dark:bg-slate-900 text-sm shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
                aria-label={t.progressLabel}
              >
                {walk.upcoming.map((u, i) => (
                  <li key={u.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
                    <span className="font-medium">
                      {walk.position + i + 1}. {bankName(u)}
                    </span>
                    <span className="text-slate-600 dark:text-slate-400">{statusLine(u, m, locale)}</span>
                  </li>
                ))}
              </ol>
            )}
          </>
        ) : walking && walk.skipped.length > 0 ? (
          <Notice
            tone="warning"
            actions={
              <>
                <Link href={renewWalkUrl({ done })} className={buttonClass("secondary")}>
                  {t.startOver}
                </Link>
                <Link href="/banks" className={buttonClass("ghost")}>
                  {t.backToBanks}
                </Link>
              </>
            }
          >
            {t.skippedLeft(walk.skipped.length)}
          </Notice>
        ) : !walking && walk.current ? (
          <Notice
            tone="info"
            actions={
              <>
                <Link
                  href={walk.remaining > 1 ? "/banks/renew?all=1" : `/banks/renew?connection=${walk.current.id}`}
                  className={buttonClass("primary")}
                >
                  {walk.remaining > 1 ? m.consent.banner.renewAll(walk.remaining) : t.renewBank(bankName(walk.current))}
                </Link>
                <Link href="/banks" className={buttonClass("ghost")}>
                  {t.backToBanks}
                </Link>
              </>
            }
          >
            {m.consent.banner.message(
              bankName(walk.current),
              formatDate(walk.current.validUntil, locale),
              walk.current.consent.step ?? 14,
              walk.current.consent.daysLeft ?? 0,
            )}
          </Notice>
        ) : (
          <EmptyState
            title={t.allDoneTitle}
            action={
              <Link href="/banks" className={buttonClass()}>
                {t.backToBanks}
              </Link>
            }
          >
            {t.allDoneBody}
          </EmptyState>
        )}
      </div>
    </>
  );
}

function Progress({ position, total, label, aria }: { position: number; total: number; label: string; aria: string }) {
  const pct = total ? Math.round(((position - 1) / total) * 100) : 100;
  return (
    <div>
      <div className="mb-1.5 flex justify-between text-sm font-medium text-slate-700 dark:text-slate-300">
        <span data-testid="renew-progress">{label}</span>
      </div>
      <div
        role="progressbar"
        aria-label={aria}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={position - 1}
        aria-valuetext={label}
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div className="h-full rounded-full bg-brand-700 transition-[width]" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function BankStep({
  eyebrow,
  bank,
  line,
  expired,
  children,
}: {
  eyebrow?: string;
  bank: string;
  line: string;
  expired: boolean;
  children: ReactNode;
}) {
  return (
    <section
      className="rounded-lg bg-white dark:bg-slate-900 p-5 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
      data-testid="renew-step"
      aria-labelledby="renew-step-bank"
    >
      {eyebrow && (
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{eyebrow}</p>
      )}
      <h2 id="renew-step-bank" className="mt-1 text-lg font-semibold text-slate-900 dark:text-slate-100">
        {bank}
      </h2>
      <p
        className={`mt-1 text-sm ${expired ? "font-medium text-red-800 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}`}
      >
        {line}
      </p>
      <div className="mt-4 flex flex-wrap items-start gap-2">{children}</div>
    </section>
  );
}

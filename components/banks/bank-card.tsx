import { RemoveBankButton } from "@/components/banks/remove-bank-button";
import { RenameBankButton } from "@/components/banks/rename-bank-button";
import { RenewButton } from "@/components/consent/renew-button";
import { StateBadge, type Attention } from "@/components/banks/state-badge";
import { runReason, saysWhenNext } from "@/components/sync/sync-text";
import { messages } from "@/lib/i18n/messages";
import { formatDate, formatDateTime, formatMoney, formatRelative } from "@/lib/i18n/format";
import { nextScheduledSync } from "@/lib/sync/next-scheduled-sync";
import type { Locale } from "@/lib/i18n/locale";
import type { BankConnectionDto } from "@/lib/data/banks";
import type { ReactNode } from "react";

export const formatIban = (iban: string) => iban.replace(/(.{4})/g, "$1 ").trim();

export function BankCard({
  bank,
  locale,
  now,
  actions,
  footer,
}: {
  bank: BankConnectionDto;
  locale: Locale;
  now: Date;
  actions?: ReactNode;
  footer?: ReactNode;
}) {
  const m = messages(locale).banks;
  const name = bank.name || bank.bankName || m.unknownBank;
  const state = m.states[bank.state];
  // "Up to date" only when it is: a failed last attempt or old data say so instead.
  const quiet = bank.state === "ok" || bank.state === "login_each_sync";
  const attention: Attention | undefined = !quiet
    ? undefined
    : bank.lastAttempt
      ? "last_failed"
      : bank.staleDays !== null
        ? "stale"
        : undefined;
  return (
    <section
      aria-labelledby={`bank-${bank.id}`}
      className="rounded-lg bg-white dark:bg-slate-900 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
      data-testid="bank-card"
    >
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 dark:border-slate-800 p-5">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={`bank-${bank.id}`} className="text-lg font-semibold">
              {name}
            </h2>
            <StateBadge
              state={bank.state}
              label={attention ? m.attentionLabels[attention] : state.label}
              attention={attention}
            />
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {m.syncMode}: {m.modeShort[bank.syncMode]} ·{" "}
            {bank.lastImportedAt ? m.lastUpdated(formatRelative(bank.lastImportedAt, now, locale)) : m.neverUpdated} ·{" "}
            {bank.consentValidUntil ? m.consentUntil(formatDate(bank.consentValidUntil, locale)) : m.consentUnknown}
          </p>
          {bank.state !== "ok" && <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{state.help}</p>}
          <DataHealth bank={bank} locale={locale} now={now} />
          {(bank.state === "failing" || bank.state === "disabled") && (
            <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
              {bank.syncMessage && <>{m.bankSays(bank.syncMessage)} · </>}
              {m.failCounter(Math.min(bank.syncFailCounter, 3))}
            </p>
          )}
        </div>
        {/* items-start: a sync's result line under "Sync now" must not stretch the buttons beside it. */}
        <div className="flex flex-wrap items-start gap-2">
          {(bank.state === "consent_expired" || bank.state === "consent_expiring") && (
            <RenewButton
              connectionId={bank.id}
              label={messages(locale).consent.banner.renewConsent}
              ariaLabel={messages(locale).consent.banner.renewNowFor(name)}
              returnTo={`/banks/renew?done=${bank.id}`}
              variant={bank.state === "consent_expired" ? "primary" : "secondary"}
            />
          )}
          {actions}
          <RenameBankButton connectionId={bank.id} name={name} ownName={bank.ownName} defaultName={bank.defaultName} />
          <RemoveBankButton connectionId={bank.id} bankName={name} />
        </div>
      </div>
      <div className="p-5">
        <h3 className="sr-only">{m.accounts}</h3>
        {bank.accounts.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{m.noAccounts}</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {bank.accounts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                <div className="min-w-0">
                  <p className="font-medium">{a.name}</p>
                  {a.iban && (
                    <p className="font-mono text-xs text-slate-600 dark:text-slate-400">{formatIban(a.iban)}</p>
                  )}
                  {a.duplicateOfBank && (
                    <p className="text-xs text-amber-800 dark:text-amber-300">{m.sameIban(a.duplicateOfBank)}</p>
                  )}
                  {a.closed && <p className="text-xs text-slate-600 dark:text-slate-400">{m.closed}</p>}
                </div>
                {a.balance !== null && (
                  <p className="tabular text-right font-semibold">{formatMoney(a.balance, a.currency, locale)}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {footer && <div className="border-t border-slate-100 dark:border-slate-800 px-5 py-3">{footer}</div>}
    </section>
  );
}

/** The last attempt's outcome when it did not complete (and what happens next), and data older than expected. */
function DataHealth({ bank, locale, now }: { bank: BankConnectionDto; locale: Locale; now: Date }) {
  const all = messages(locale);
  const m = all.banks;
  const last = bank.lastAttempt;
  const when = (d: Date) => `${formatRelative(d, now, locale)} (${formatDateTime(d, locale)})`;
  let next: string | null = null;
  if (last && last.kind !== "retrying" && !saysWhenNext(last.errorCode)) {
    const automatic = bank.syncMode !== "NONE" && !bank.syncNeedsLogin;
    next =
      bank.state === "failing" || last.errorCode === "sync_failed"
        ? m.noAutoRetry
        : !automatic
          ? m.nextTryManual
          : m.nextTry(when(last.retryAt ?? nextScheduledSync(now)));
  }
  return (
    <>
      {last && (
        <p data-testid="bank-last-attempt" className="mt-2 text-sm text-red-800 dark:text-red-300">
          {(() => {
            // A retry attempt under way has no next time yet: it is trying again right now.
            const reason =
              last.kind === "retrying" && !last.retryAt
                ? (all.sync.reasons.xs2a_retrying ?? all.sync.otherReason)
                : runReason(
                    all.sync,
                    { errorCode: last.errorCode, retryAt: last.retryAt?.toISOString() ?? null },
                    { t: all.syncRetry, locale },
                  );
            return last.kind === "retrying"
              ? m.lastAttempt.retrying(reason)
              : m.lastAttempt[last.kind](formatDateTime(last.at, locale), reason);
          })()}
          {next && <> {next}</>}
        </p>
      )}
      {bank.staleDays !== null && (
        <p data-testid="bank-stale" className="mt-2 text-sm text-amber-900 dark:text-amber-200">
          {m.stale(bank.staleDays)}
        </p>
      )}
    </>
  );
}

import { RemoveBankButton } from "@/components/banks/remove-bank-button";
import { RenameBankButton } from "@/components/banks/rename-bank-button";
import { RenewButton } from "@/components/consent/renew-button";
import { StateBadge } from "@/components/banks/state-badge";
import { messages } from "@/lib/i18n/messages";
import { formatDate, formatMoney, formatRelative } from "@/lib/i18n/format";
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
  return (
    <section
      aria-labelledby={`bank-${bank.id}`}
      className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
      data-testid="bank-card"
    >
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 p-5">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={`bank-${bank.id}`} className="text-lg font-semibold">
              {name}
            </h2>
            <StateBadge state={bank.state} label={state.label} />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {m.syncMode}: {m.modeShort[bank.syncMode]} ·{" "}
            {bank.lastImportedAt ? m.lastUpdated(formatRelative(bank.lastImportedAt, now, locale)) : m.neverUpdated} ·{" "}
            {bank.consentValidUntil ? m.consentUntil(formatDate(bank.consentValidUntil, locale)) : m.consentUnknown}
          </p>
          {bank.state !== "ok" && <p className="mt-2 text-sm text-slate-700">{state.help}</p>}
          {(bank.state === "failing" || bank.state === "disabled") && (
            <p className="mt-1 text-sm text-slate-700">
              {bank.syncMessage && <>{m.bankSays(bank.syncMessage)} · </>}
              {m.failCounter(Math.min(bank.syncFailCounter, 3))}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
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
          <p className="text-sm text-slate-600">{m.noAccounts}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {bank.accounts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                <div className="min-w-0">
                  <p className="font-medium">{a.name}</p>
                  {a.iban && <p className="font-mono text-xs text-slate-600">{formatIban(a.iban)}</p>}
                  {a.duplicateOfBank && <p className="text-xs text-amber-800">{m.sameIban(a.duplicateOfBank)}</p>}
                  {a.closed && <p className="text-xs text-slate-600">{m.closed}</p>}
                </div>
                {a.balance !== null && (
                  <p className="tabular text-right font-semibold">{formatMoney(a.balance, a.currency, locale)}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {footer && <div className="border-t border-slate-100 px-5 py-3">{footer}</div>}
    </section>
  );
}

import Link from "next/link";
import { Amount } from "@/components/transactions/amount";
import type { BankGroupDto } from "@/lib/data/accounts";
import { formatDateTime, formatMoney, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

/** Accounts grouped by bank login, each with its balance and how fresh the bank's data is. */
export function AccountGroups({
  groups,
  m,
  locale,
  now,
  detailed = false,
}: {
  groups: BankGroupDto[];
  m: Messages;
  locale: Locale;
  now: Date;
  detailed?: boolean;
}) {
  return (
    <div className="space-y-4">
      {groups.map((g) => (
        <section
          key={g.key}
          aria-labelledby={`bank-${g.key}`}
          className="overflow-hidden rounded-lg bg-white dark:bg-slate-900 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
          data-testid="bank-group"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 dark:border-slate-700 px-4 py-3">
            <h3 id={`bank-${g.key}`} className="font-semibold text-slate-900 dark:text-slate-100">
              {g.bankName || "—"}
            </h3>
            <p
              className="text-xs text-slate-600 dark:text-slate-400"
              title={g.dataAsOf ? formatDateTime(g.dataAsOf, locale) : undefined}
            >
              {g.dataAsOf
                ? m.dashboard.dataAsOf(
                    `${formatDateTime(g.dataAsOf, locale)} (${formatRelative(g.dataAsOf, now, locale)})`,
                  )
                : m.dashboard.noDataYet}
            </p>
          </div>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {g.accounts.map((a) => (
              <li key={a.id}>
                <Link
                  href={`/accounts/${a.id}`}
                  className="flex items-center justify-between gap-4 px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-800/50 focus-visible:bg-slate-50 dark:focus-visible:bg-slate-800/50"
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-slate-900 dark:text-slate-100">{a.name}</span>
                    <span className="block truncate text-xs text-slate-600 dark:text-slate-400">
                      {m.accounts.types[a.type] ?? a.type}
                      {a.iban ? ` · ${formatIban(a.iban)}` : ""}
                      {a.closed && (
                        <span className="ml-2 rounded bg-slate-100 dark:bg-slate-800 px-1.5 py-0.5 font-medium text-slate-700 dark:text-slate-300 ring-1 ring-slate-300 dark:ring-slate-600">
                          {m.accounts.closed}
                        </span>
                      )}
                    </span>
                  </span>
                  <span className="text-right">
                    {a.balance !== null ? (
                      <Amount value={a.balance} currency={a.currency} locale={locale} balance />
                    ) : (
                      <span className="text-slate-600 dark:text-slate-400">{m.accounts.none}</span>
                    )}
                    {detailed && a.available !== null && (
                      <span className="block whitespace-nowrap text-xs text-slate-600 dark:text-slate-400">
                        {m.accounts.available}: {formatMoney(a.available, a.currency, locale)}
                      </span>
                    )}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** IBANs in groups of four, as printed on cards and statements. */
export const formatIban = (iban: string) =>
  iban
    .replace(/\s+/g, "")
    .replace(/(.{4})/g, "$1 ")
    .trim();

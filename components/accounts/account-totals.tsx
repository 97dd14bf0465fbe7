import type { AccountTotal } from "@/lib/data/account-totals";
import { formatMoney } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

/** The total booked balance per currency above the account list (as on the dashboard). */
export function AccountTotals({ totals, m, locale }: { totals: AccountTotal[]; m: Messages; locale: Locale }) {
  const d = m.dashboard;
  if (totals.length === 0) return null;
  return (
    <ul className="mb-6 flex flex-wrap gap-4" aria-label={d.totalBalance}>
      {totals.map((t) => (
        <li
          key={t.currency}
          className="min-w-56 rounded-lg bg-white dark:bg-slate-900 px-5 py-4 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
          data-testid="accounts-total"
        >
          <p className="text-sm font-medium text-slate-600 dark:text-slate-400">
            {totals.length > 1 ? d.totalIn(t.currency) : d.totalBalance}
          </p>
          <p className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100 tabular-nums">
            {formatMoney(t.booked, t.currency, locale)}
          </p>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{d.bookedHint(t.accounts)}</p>
        </li>
      ))}
    </ul>
  );
}

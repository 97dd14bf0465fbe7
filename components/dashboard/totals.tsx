import type { CurrencyTotal } from "@/lib/data/dashboard";
import { formatMoney } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

/** Total booked balance per currency; pending shown beside it, never added in. */
export function Totals({ totals, m, locale }: { totals: CurrencyTotal[]; m: Messages; locale: Locale }) {
  const d = m.dashboard;
  return (
    // One currency takes the whole row; two or more sit side by side.
    <div className={`grid grid-cols-1 gap-4 ${totals.length > 1 ? "sm:grid-cols-2" : ""}`}>
      {totals.map((t) => (
        <section
          key={t.currency}
          className="rounded-lg bg-white dark:bg-slate-900 p-5 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
          aria-label={d.totalIn(t.currency)}
          data-testid="total-balance"
        >
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">
            {totals.length > 1 ? d.totalIn(t.currency) : d.totalBalance}
          </h2>
          <p
            className="mt-1 text-3xl font-semibold tracking-tight text-slate-900 dark:text-slate-100 tabular-nums"
            data-testid="total-booked"
          >
            {formatMoney(t.booked, t.currency, locale)}
          </p>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{d.bookedHint(t.accounts)}</p>
          <p
            className="mt-3 border-t border-slate-100 dark:border-slate-800 pt-2 text-sm text-slate-700 dark:text-slate-300"
            data-testid="total-pending"
          >
            {t.pending === "0.00" ? (
              d.noPending
            ) : (
              <>
                {d.pending}:{" "}
                <span className="font-medium tabular-nums">{formatMoney(t.pending, t.currency, locale)}</span>
              </>
            )}
          </p>
        </section>
      ))}
    </div>
  );
}

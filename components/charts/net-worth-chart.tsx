"use client";
import { lazyPlot } from "@/components/charts/lazy-plot";
import { ChartFrame, DataTable } from "@/components/charts/chart-table";
import { useI18n } from "@/components/providers";
import { formatDate, formatMoney } from "@/lib/i18n/format";
import { addDays } from "@/lib/transactions/cents";

const BalanceHistoryPlot = lazyPlot(() => import("@/components/charts/balance-history-plot"), "h-56");

/** Net worth in one currency: the daily line, and each month's end in the table. */
export function NetWorthChart({
  currency,
  daily,
  monthEnds,
}: {
  currency: string;
  /** One balance a day in cents from `from` on (lib/data/net-worth.ts). */
  daily: { from: string; cents: number[] };
  monthEnds: { date: string; balance: string }[];
}) {
  const { m, locale } = useI18n();
  const a = m.accounts;
  const n = m.budgets.netWorth;
  const money = (v: string | number) => formatMoney(v, currency, locale);
  const cents = daily.cents;
  if (cents.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{n.empty}</p>;
  return (
    <ChartFrame
      summary={a.historySummary(
        formatDate(daily.from, locale),
        formatDate(addDays(daily.from, cents.length - 1), locale),
        money(Math.min(...cents) / 100),
        money(Math.max(...cents) / 100),
      )}
      tableLabel={a.showTable}
      table={
        <DataTable
          caption={n.tableCaption(currency)}
          head={[n.month, n.value]}
          rows={monthEnds.map((p) => [formatDate(p.date, locale), money(p.balance)])}
        />
      }
    >
      <BalanceHistoryPlot
        data={cents.map((c, i) => ({ date: addDays(daily.from, i), balance: c / 100 }))}
        currency={currency}
        locale={locale}
        money={money}
        labels={{ balance: n.value }}
      />
    </ChartFrame>
  );
}

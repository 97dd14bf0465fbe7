"use client";
import { lazyPlot } from "@/components/charts/lazy-plot";
import { ChartFrame, DataTable } from "@/components/charts/chart-table";
import { useI18n } from "@/components/providers";
import { formatDate, formatMoney } from "@/lib/i18n/format";
import { toCents } from "@/lib/transactions/cents";

const BalanceHistoryPlot = lazyPlot(() => import("@/components/charts/balance-history-plot"), "h-56");

/** Net worth in one currency: the daily line, and each month's end in the table. */
export function NetWorthChart({
  currency,
  daily,
  monthEnds,
}: {
  currency: string;
  daily: { date: string; balance: string }[];
  monthEnds: { date: string; balance: string }[];
}) {
  const { m, locale } = useI18n();
  const a = m.accounts;
  const n = m.budgets.netWorth;
  const money = (v: string | number) => formatMoney(v, currency, locale);
  const first = daily[0];
  const last = daily[daily.length - 1];
  if (!first || !last) return <p className="text-sm text-slate-600 dark:text-slate-400">{n.empty}</p>;
  const cents = daily.map((p) => toCents(p.balance));
  return (
    <ChartFrame
      summary={a.historySummary(
        formatDate(first.date, locale),
        formatDate(last.date, locale),
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
        data={daily.map((p) => ({ date: p.date, balance: Number(p.balance) }))}
        currency={currency}
        locale={locale}
        money={money}
        labels={{ balance: n.value }}
      />
    </ChartFrame>
  );
}

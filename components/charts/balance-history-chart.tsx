"use client";
import { lazyPlot } from "@/components/charts/lazy-plot";
import { ChartFrame, DataTable } from "@/components/charts/chart-table";
import { useI18n } from "@/components/providers";
import { formatDate, formatMoney } from "@/lib/i18n/format";
import { toCents } from "@/lib/transactions/cents";

const BalanceHistoryPlot = lazyPlot(() => import("@/components/charts/balance-history-plot"), "h-56");

export function BalanceHistoryChart({
  currency,
  points,
}: {
  currency: string;
  points: { date: string; balance: string }[];
}) {
  const { m, locale } = useI18n();
  const a = m.accounts;
  const money = (v: string | number) => formatMoney(v, currency, locale);
  const data = points.map((p) => ({ date: p.date, balance: Number(p.balance) }));
  const cents = points.map((p) => toCents(p.balance));
  const min = Math.min(...cents);
  const max = Math.max(...cents);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return <p className="text-sm text-slate-600 dark:text-slate-400">{a.noHistory}</p>;
  return (
    <ChartFrame
      summary={a.historySummary(
        formatDate(first.date, locale),
        formatDate(last.date, locale),
        money(min / 100),
        money(max / 100),
      )}
      tableLabel={a.showTable}
      table={
        <DataTable
          caption={a.balanceHistory}
          head={[a.date, a.balance]}
          rows={[...points].reverse().map((p) => [formatDate(p.date, locale), money(p.balance)])}
        />
      }
    >
      <BalanceHistoryPlot
        data={data}
        currency={currency}
        locale={locale}
        money={money}
        labels={{ balance: a.balance }}
      />
    </ChartFrame>
  );
}

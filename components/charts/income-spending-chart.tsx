"use client";
import { lazyPlot } from "@/components/charts/lazy-plot";
import { ChartFrame, DataTable } from "@/components/charts/chart-table";
import { useI18n } from "@/components/providers";
import type { MonthFlow } from "@/lib/data/dashboard";
import { intlLocale } from "@/lib/i18n/locale";
import { dateFormat, formatMoney } from "@/lib/i18n/format";
import { fromCents, toCents } from "@/lib/transactions/cents";

const IncomeSpendingPlot = lazyPlot(() => import("@/components/charts/income-spending-plot"), "h-64");

export function IncomeSpendingChart({ currency, months }: { currency: string; months: MonthFlow[] }) {
  const { m, locale } = useI18n();
  const d = m.dashboard;
  const monthName = (ym: string, style: "short" | "long") =>
    dateFormat(intlLocale(locale), {
      month: style,
      year: style === "long" ? "numeric" : "2-digit",
      timeZone: "UTC",
    }).format(new Date(`${ym}-15T00:00:00Z`));
  const data = months.map((x) => ({
    label: monthName(x.month, "short"),
    income: Number(x.income),
    spending: Number(x.spending),
  }));
  const money = (v: string | number) => formatMoney(v, currency, locale);
  const totalIn = fromCents(months.reduce((s, x) => s + toCents(x.income), 0));
  const totalOut = fromCents(months.reduce((s, x) => s + toCents(x.spending), 0));
  return (
    <ChartFrame
      summary={d.chartSummary(money(totalIn), money(totalOut))}
      tableLabel={d.showTable}
      table={
        <DataTable
          caption={d.incomeVsSpending}
          head={[d.month, d.income, d.spending]}
          rows={months.map((x) => [monthName(x.month, "long"), money(x.income), money(x.spending)])}
        />
      }
    >
      <IncomeSpendingPlot
        data={data}
        currency={currency}
        locale={locale}
        money={money}
        labels={{ income: d.income, spending: d.spending }}
      />
    </ChartFrame>
  );
}

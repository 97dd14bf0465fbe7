"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame, DataTable } from "@/components/charts/chart-table";
import { useI18n } from "@/components/providers";
import type { MonthFlow } from "@/lib/data/dashboard";
import { intlLocale } from "@/lib/i18n/locale";
import { formatMoney } from "@/lib/i18n/format";
import { fromCents, toCents } from "@/lib/transactions/cents";


export function IncomeSpendingChart({ currency, months }: { currency: string; months: MonthFlow[] }) {
  const { m, locale } = useI18n();
  const d = m.dashboard;
  const monthName = (ym: string, style: "short" | "long") =>
    new Intl.DateTimeFormat(intlLocale(locale), { month: style, year: style === "long" ? "numeric" : "2-digit", timeZone: "UTC" }).format(new Date(`${ym}-15T00:00:00Z`));
  const data = months.map((x) => ({ label: monthName(x.month, "short"), income: Number(x.income), spending: Number(x.spending) }));
  const money = (v: string | number) => formatMoney(v, currency, locale);
  const totalIn = fromCents(months.reduce((s, x) => s + toCents(x.income), 0));
  const totalOut = fromCents(months.reduce((s, x) => s + toCents(x.spending), 0));
  return (
    <ChartFrame
      summary={d.chartSummary(money(totalIn), money(totalOut))}
      tableLabel={d.showTable}
      table={<DataTable caption={d.incomeVsSpending} head={[d.month, d.income, d.spending]} rows={months.map((x) => [monthName(x.month, "long"), money(x.income), money(x.spending)])} />}
    >
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, left: 8, bottom: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} />
            <YAxis tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={72}
              tickFormatter={(v: number) => new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(v)} />
            <Tooltip formatter={(v) => money(Number(v))} cursor={{ fill: "#f1f5f9" }} />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="income" name={d.income} fill="#047857" radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Bar dataKey="spending" name={d.spending} fill="#be123c" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

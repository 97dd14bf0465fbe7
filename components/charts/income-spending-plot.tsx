"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAxisMoney } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";

/** The recharts drawing of IncomeSpendingChart, loaded after the page (see lazy-plot.tsx). */
export default function IncomeSpendingPlot({
  data,
  currency,
  locale,
  money,
  labels: d,
}: {
  data: { label: string; income: number; spending: number }[];
  currency: string;
  locale: Locale;
  money: (v: number) => string;
  labels: { income: string; spending: string };
}) {
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: 8, bottom: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--chart-grid)" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "var(--chart-axis)" }} tickLine={false} axisLine={false} />
          <YAxis
            tick={{ fontSize: 12, fill: "var(--chart-axis)" }}
            tickLine={false}
            axisLine={false}
            width={72}
            tickFormatter={(v: number) => formatAxisMoney(v, currency, locale)}
          />
          <Tooltip formatter={(v) => money(Number(v))} cursor={{ fill: "var(--chart-cursor)" }} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar
            dataKey="income"
            name={d.income}
            fill="var(--chart-income)"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
          <Bar
            dataKey="spending"
            name={d.spending}
            fill="var(--chart-spending)"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

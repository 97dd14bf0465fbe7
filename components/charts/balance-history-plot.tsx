"use client";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAxisMoney, formatDate, formatDayMonth } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";

/** The recharts drawing of BalanceHistoryChart, loaded after the page (see lazy-plot.tsx). */
export default function BalanceHistoryPlot({
  data,
  currency,
  locale,
  money,
  labels: a,
}: {
  data: { date: string; balance: number }[];
  currency: string;
  locale: Locale;
  money: (v: number) => string;
  labels: { balance: string };
}) {
  return (
    <div className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 8, left: 8, bottom: 0 }} accessibilityLayer={false}>
          <defs>
            <linearGradient id="bal" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="var(--chart-line)" stopOpacity={0.25} />
              <stop offset="100%" stopColor="var(--chart-line)" stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--chart-grid)" />
          <XAxis
            dataKey="date"
            tick={{ fontSize: 12, fill: "var(--chart-axis)" }}
            tickLine={false}
            axisLine={false}
            minTickGap={40}
            tickFormatter={(d: string) => formatDayMonth(d, locale)}
          />
          <YAxis
            tick={{ fontSize: 12, fill: "var(--chart-axis)" }}
            tickLine={false}
            axisLine={false}
            width={72}
            domain={["auto", "auto"]}
            tickFormatter={(v: number) => formatAxisMoney(v, currency, locale)}
          />
          <Tooltip formatter={(v) => money(Number(v))} labelFormatter={(d) => formatDate(String(d), locale)} />
          <Area
            type="stepAfter"
            dataKey="balance"
            name={a.balance}
            stroke="var(--chart-line)"
            strokeWidth={2}
            fill="url(#bal)"
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}

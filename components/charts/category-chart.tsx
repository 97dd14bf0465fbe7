"use client";
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame, DataTable } from "@/components/charts/chart-table";
import { useI18n } from "@/components/providers";
import { categoryName } from "@/lib/categories/categories";
import { formatMoney } from "@/lib/i18n/format";
import { toCents } from "@/lib/transactions/cents";

const COLORS = ["#0f766e", "#1d4ed8", "#7c3aed", "#be123c", "#b45309", "#047857", "#4338ca", "#9d174d", "#0369a1", "#64748b"];

export function CategoryChart({ currency, items }: { currency: string; items: { group: string; amount: string }[] }) {
  const { m, locale } = useI18n();
  const d = m.dashboard;
  const money = (v: string | number) => formatMoney(v, currency, locale);
  const total = items.reduce((s, x) => s + toCents(x.amount), 0);
  // The chart shows the nine largest groups and folds the rest into one bar; the table has all.
  const top = items.slice(0, 9);
  const rest = items.slice(9).reduce((s, x) => s + toCents(x.amount), 0);
  const name = (g: string) => (g ? categoryName(g, locale) : m.categories.uncategorised);
  const data = [...top.map((x) => ({ name: name(x.group), value: Number(x.amount) })), ...(rest ? [{ name: locale === "de" ? "Weitere" : "Other", value: rest / 100 }] : [])];
  const pct = (c: number) => new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(total ? c / total : 0);
  return (
    <ChartFrame
      summary={items[0] ? d.categorySummary(name(items[0].group), money(items[0].amount)) : d.noSpending}
      tableLabel={d.showTable}
      table={<DataTable caption={d.byCategory} head={[d.category, d.amount, d.share]} rows={items.map((x) => [name(x.group), money(x.amount), pct(toCents(x.amount))])} />}
    >
      <div className="w-full" style={{ height: Math.max(160, data.length * 34 + 20) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, left: 0, bottom: 0 }} accessibilityLayer={false}>
            <XAxis type="number" hide />
            <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12, fill: "#334155" }} tickLine={false} axisLine={false} />
            <Tooltip formatter={(v) => money(Number(v))} cursor={{ fill: "#f1f5f9" }} />
            <Bar dataKey="value" name={d.spending} radius={[0, 3, 3, 0]} isAnimationActive={false}>
              {data.map((_, i) => <Cell key={i} fill={COLORS[i % COLORS.length]} />)}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

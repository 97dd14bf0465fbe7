"use client";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame, DataTable } from "@/components/charts/chart-table";
import { useI18n } from "@/components/providers";
import { formatDate, formatMoney } from "@/lib/i18n/format";
import { intlLocale } from "@/lib/i18n/locale";
import { toCents } from "@/lib/transactions/cents";

export function BalanceHistoryChart({ currency, points }: { currency: string; points: { date: string; balance: string }[] }) {
  const { m, locale } = useI18n();
  const a = m.accounts;
  const money = (v: string | number) => formatMoney(v, currency, locale);
  const data = points.map((p) => ({ date: p.date, balance: Number(p.balance) }));
  const cents = points.map((p) => toCents(p.balance));
  const min = Math.min(...cents);
  const max = Math.max(...cents);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return <p className="text-sm text-slate-600">{a.noHistory}</p>;
  return (
    <ChartFrame
      summary={a.historySummary(formatDate(first.date, locale), formatDate(last.date, locale), money(min / 100), money(max / 100))}
      tableLabel={a.showTable}
      table={<DataTable caption={a.balanceHistory} head={[a.date, a.balance]} rows={[...points].reverse().map((p) => [formatDate(p.date, locale), money(p.balance)])} />}
    >
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={data} margin={{ top: 8, right: 8, left: 8, bottom: 0 }} accessibilityLayer={false}>
            <defs>
              <linearGradient id="bal" x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor="#0f766e" stopOpacity={0.25} />
                <stop offset="100%" stopColor="#0f766e" stopOpacity={0.02} />
              </linearGradient>
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="date" tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} minTickGap={40}
              tickFormatter={(d: string) => new Intl.DateTimeFormat(intlLocale(locale), { day: "2-digit", month: "2-digit", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`))} />
            <YAxis tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={72} domain={["auto", "auto"]}
              tickFormatter={(v: number) => new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(v)} />
            <Tooltip formatter={(v) => money(Number(v))} labelFormatter={(d) => formatDate(String(d), locale)} />
            <Area type="stepAfter" dataKey="balance" name={a.balance} stroke="#0f766e" strokeWidth={2} fill="url(#bal)" isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

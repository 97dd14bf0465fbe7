"use client";
import { ChartFrame } from "@/components/charts/chart-table";
import { lazyPlot } from "@/components/charts/lazy-plot";
import { useI18n, usePageTexts } from "@/components/providers";
import { contracts } from "@/lib/i18n/messages/contracts";
import type { ForecastDto } from "@/lib/contracts/forecast";
import { formatDate, formatMoney } from "@/lib/i18n/format";

const BalanceHistoryPlot = lazyPlot(() => import("@/components/charts/balance-history-plot"), "h-56");

/** The 30-day forecast: the total as a chart, every account per day in the table, days below zero marked. */
export function ForecastChart({ forecast }: { forecast: ForecastDto }) {
  const { locale } = useI18n();
  const c = usePageTexts(contracts);
  const currency = forecast.accounts[0]?.currency ?? "EUR";
  const money = (v: string | number) => formatMoney(v, currency, locale);
  const belowDays = forecast.days.filter((d) => d.belowZero.length > 0 || Number(d.total) < 0).length;
  const first = forecast.days[0];
  const last = forecast.days[forecast.days.length - 1];
  if (!first || !last) return null;
  const summary = `${formatDate(first.date, locale)} – ${formatDate(last.date, locale)}: ${money(first.total)} → ${money(last.total)}. ${belowDays ? c.belowZeroDays(belowDays) : c.noBelowZero}`;
  return (
    <ChartFrame
      summary={summary}
      tableLabel={c.showTable}
      table={
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{c.forecastTitle}</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700 text-xs uppercase text-slate-600 dark:text-slate-400">
              <th scope="col" className="py-2 pr-3">
                {c.date}
              </th>
              {/* The total first: on a phone the account columns scroll out of view, the total must not. */}
              <th scope="col" className="py-2 pr-3 text-right">
                {c.forecastTotal}
              </th>
              {forecast.accounts.map((a) => (
                <th key={a.id} scope="col" className="py-2 pr-3 text-right last:pr-0">
                  {a.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {forecast.days.map((d) => (
              <tr key={d.date} className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1.5 pr-3 font-normal">
                  {formatDate(d.date, locale)}
                </th>
                <td className="py-1.5 pr-3 text-right font-medium tabular-nums">{money(d.total)}</td>
                {forecast.accounts.map((a) => {
                  const below = d.belowZero.includes(a.id);
                  return (
                    <td
                      key={a.id}
                      className={`py-1.5 pr-3 text-right tabular-nums last:pr-0 ${below ? "font-semibold text-red-800 dark:text-red-300" : ""}`}
                    >
                      {money(d.balances[a.id] ?? "0")}
                      {below && <span className="ml-1 text-xs">({c.belowZero})</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <BalanceHistoryPlot
        data={forecast.days.map((d) => ({ date: d.date, balance: Number(d.total) }))}
        currency={currency}
        locale={locale}
        money={money}
        labels={{ balance: c.forecastTotal }}
      />
    </ChartFrame>
  );
}

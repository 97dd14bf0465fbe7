"use client";
import { lazyPlot } from "@/components/charts/lazy-plot";
import { ChartFrame, DataTable } from "@/components/charts/chart-table";
import { useI18n } from "@/components/providers";
import { useOwnCategories } from "@/components/transactions/own-categories";
import { categoryColor, categoryName } from "@/lib/categories/categories";
import { formatMoney, numberFormat } from "@/lib/i18n/format";
import { intlLocale } from "@/lib/i18n/locale";
import { toCents } from "@/lib/transactions/cents";

const CategoryPlot = lazyPlot(() => import("@/components/charts/category-plot"), "h-40");

export function CategoryChart({ currency, items }: { currency: string; items: { group: string; amount: string }[] }) {
  const { m, locale } = useI18n();
  const { names: own } = useOwnCategories();
  const d = m.dashboard;
  const money = (v: string | number) => formatMoney(v, currency, locale);
  const total = items.reduce((s, x) => s + toCents(x.amount), 0);
  // The chart shows the nine largest groups and folds the rest into one bar; the table has all.
  const top = items.slice(0, 9);
  const rest = items.slice(9).reduce((s, x) => s + toCents(x.amount), 0);
  const name = (g: string) => (g ? categoryName(g, locale, own) : m.categories.uncategorised);
  const data = [
    ...top.map((x) => ({ name: name(x.group), value: Number(x.amount), color: categoryColor(x.group, own) })),
    ...(rest ? [{ name: locale === "de" ? "Weitere" : "Other", value: rest / 100, color: null }] : []),
  ];
  const pct = (c: number) =>
    numberFormat(intlLocale(locale), { style: "percent", maximumFractionDigits: 1 }).format(total ? c / total : 0);
  return (
    <ChartFrame
      summary={items[0] ? d.categorySummary(name(items[0].group), money(items[0].amount)) : d.noSpending}
      tableLabel={d.showTable}
      table={
        <DataTable
          caption={d.byCategory}
          head={[d.category, d.amount, d.share]}
          rows={items.map((x) => [
            <NameWithColor key={x.group} name={name(x.group)} color={categoryColor(x.group, own)} />,
            money(x.amount),
            pct(toCents(x.amount)),
          ])}
        />
      }
    >
      <CategoryPlot data={data} money={money} labels={{ spending: d.spending }} />
    </ChartFrame>
  );
}

/** A category's name with the user's colour beside it (own categories only; the colour is decoration). */
function NameWithColor({ name, color }: { name: string; color: string | null }) {
  if (!color) return name;
  return (
    <span className="inline-flex items-center gap-2" data-color={color}>
      <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: color }} />
      {name}
    </span>
  );
}

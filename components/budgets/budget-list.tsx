import { DeleteBudgetButton } from "@/components/budgets/delete-budget-button";
import { categoryName, type OwnCategoryNames } from "@/lib/categories/categories";
import type { BudgetDto } from "@/lib/data/budgets";
import { formatMoney } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

/** Budgets with their progress bars; `compact` for the dashboard card (no remove, no per-day line). */
export function BudgetList({
  budgets,
  m,
  locale,
  own,
  compact = false,
}: {
  budgets: BudgetDto[];
  m: Messages;
  locale: Locale;
  /** The viewer's own categories (lib/data/own-categories.ts), to name a budget on one. */
  own: OwnCategoryNames;
  compact?: boolean;
}) {
  const b = m.budgets;
  return (
    <ul className="space-y-4" data-testid="budget-list">
      {budgets.map((x) => {
        const name = categoryName(x.category, locale, own);
        const money = (v: string) => formatMoney(v, x.currency, locale);
        const over = x.left.startsWith("-");
        const tone = x.percent >= 100 ? "bg-red-700" : x.percent >= 80 ? "bg-amber-500" : "bg-emerald-600";
        return (
          <li key={x.id} data-testid="budget" data-category={x.category} data-percent={x.percent}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="font-medium text-slate-900 dark:text-slate-100">
                {name}
                {x.currency !== "EUR" ? ` · ${x.currency}` : ""}
              </span>
              <span className="text-sm tabular-nums text-slate-700 dark:text-slate-300" data-testid="budget-spent">
                {b.spent(money(x.spent), money(x.limit))}
              </span>
            </div>
            <div
              role="progressbar"
              aria-label={b.progressLabel(name)}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.min(x.percent, 100)}
              aria-valuetext={`${x.percent} %, ${b.spent(money(x.spent), money(x.limit))}`}
              className="mt-1 h-2.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
            >
              <div className={`h-full ${tone}`} style={{ width: `${Math.min(x.percent, 100)}%` }} />
            </div>
            <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-700 dark:text-slate-300">
              <span className={over ? "font-medium text-red-800 dark:text-red-300" : ""} data-testid="budget-left">
                {over ? b.over(money(x.left.slice(1))) : b.left(money(x.left))}
              </span>
              {!compact && x.daysLeft > 0 && !over && (
                <span data-testid="budget-per-day">{b.perDay(money(x.perDay), x.daysLeft)}</span>
              )}
              {!compact && x.rollover && x.carried !== "0.00" && <span>{b.carried(money(x.carried))}</span>}
            </p>
            {!compact && (
              <div className="mt-1">
                <DeleteBudgetButton budgetId={x.id} label={b.remove(name)} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The in-app alerts: every budget at 80 % or more this month. */
export function BudgetAlerts({
  budgets,
  m,
  locale,
  own,
}: {
  budgets: BudgetDto[];
  m: Messages;
  locale: Locale;
  own: OwnCategoryNames;
}) {
  const reached = budgets.filter((x) => x.reached.length > 0);
  if (reached.length === 0) return null;
  return (
    <section
      aria-label={m.budgets.alertsTitle}
      className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 px-4 py-3 text-sm text-amber-950 dark:text-amber-100"
      data-testid="budget-alerts"
    >
      <ul className="space-y-1">
        {reached.map((x) => {
          const name = categoryName(x.category, locale, own);
          return <li key={x.id}>{x.reached.includes(100) ? m.budgets.alert100(name) : m.budgets.alert80(name)}</li>;
        })}
      </ul>
    </section>
  );
}

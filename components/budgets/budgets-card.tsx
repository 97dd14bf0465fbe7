import Link from "next/link";
import { BudgetAlerts, BudgetList } from "@/components/budgets/budget-list";
import { Card } from "@/components/ui/card";
import type { OwnCategoryNames } from "@/lib/categories/categories";
import type { BudgetDto } from "@/lib/data/budgets";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

/** Dashboard: the fullest budgets of this month and their alerts; nothing when there are none. */
export function BudgetsCard({
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
  if (budgets.length === 0) return null;
  return (
    <Card
      title={m.budgets.cardTitle}
      actions={
        <Link href="/budgets" className="text-sm font-medium text-brand-800 dark:text-emerald-300 hover:underline">
          {m.budgets.allBudgets}
        </Link>
      }
    >
      <div className="space-y-4" data-testid="budgets-card">
        <BudgetAlerts budgets={budgets} m={m} locale={locale} own={own} />
        <BudgetList budgets={budgets.slice(0, 4)} m={m} locale={locale} own={own} compact />
      </div>
    </Card>
  );
}

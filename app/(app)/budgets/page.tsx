import type { Metadata } from "next";
import { BudgetAlerts, BudgetList } from "@/components/budgets/budget-list";
import { BudgetForm } from "@/components/budgets/budget-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { getBudgets } from "@/lib/data/budgets";
import { getOwnCategoryNames } from "@/lib/data/own-categories";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Budgets" };

export default async function BudgetsPage() {
  const viewer = await requireUserPage();
  const { m, locale } = await getMessages();
  const b = m.budgets;
  const [data, own] = await Promise.all([getBudgets(viewer), getOwnCategoryNames(viewer)]);
  const month = new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${data.today.slice(0, 7)}-01T00:00:00Z`));
  return (
    <>
      <PageHeader title={b.title} description={b.description} />
      <div className="space-y-6">
        <BudgetAlerts budgets={data.budgets} m={m} locale={locale} own={own} />
        <Card title={b.monthOf(month)}>
          {data.budgets.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{b.empty}</p>
          ) : (
            <BudgetList budgets={data.budgets} m={m} locale={locale} own={own} />
          )}
        </Card>
        <Card title={b.newBudget}>
          <BudgetForm currencies={data.currencies} />
        </Card>
      </div>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AccountGroups } from "@/components/accounts/account-groups";
import { CategoryChart } from "@/components/charts/category-chart";
import { IncomeSpendingChart } from "@/components/charts/income-spending-chart";
import { BudgetsCard } from "@/components/budgets/budgets-card";
import { NetWorthChart } from "@/components/charts/net-worth-chart";
import { FixedCostsCard } from "@/components/contracts/fixed-costs-card";
import { BankAttention } from "@/components/dashboard/bank-attention";
import { RecentTransactions } from "@/components/dashboard/recent-transactions";
import { CardSkeleton } from "@/components/dashboard/skeleton";
import { Totals } from "@/components/dashboard/totals";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUserPage, type Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { listBanks } from "@/lib/data/banks";
import { getFixedCostsCard } from "@/lib/data/contracts";
import { getBudgets } from "@/lib/data/budgets";
import { getOwnCategoryNames } from "@/lib/data/own-categories";
import { getDashboard } from "@/lib/data/dashboard";
import { getNetWorth } from "@/lib/data/net-worth";
import type { Messages } from "@/lib/i18n/messages";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Dashboard" };

// The consent banners sit above this page, in the signed-in layout's banner slot.
export default async function DashboardPage() {
  const viewer = await requireUserPage();
  const { m, locale } = await getMessages();
  const d = m.dashboard;
  const [data, at, fixedCosts, budgets, banks, own] = await Promise.all([
    getDashboard(viewer),
    now(),
    getFixedCostsCard(viewer),
    getBudgets(viewer),
    listBanks(viewer),
    getOwnCategoryNames(viewer),
  ]);
  if (!data.hasAccounts) {
    return (
      <>
        <PageHeader title={d.title} description={d.description} />
        <EmptyState
          title={d.emptyTitle}
          action={
            <Link className={buttonClass()} href="/banks/add">
              {d.addBank}
            </Link>
          }
        >
          {d.emptyBody}
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title={d.title} description={d.description} />
      <div className="space-y-6">
        <BankAttention banks={banks} m={m} />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
          <div className="min-w-0 space-y-3 lg:col-span-3">
            <Totals totals={data.totals} m={m} locale={locale} />
            <FixedCostsCard data={fixedCosts} m={m} locale={locale} />
            <BudgetsCard budgets={budgets.budgets} m={m} locale={locale} own={own} />
            <h2 className="pt-3 text-base font-semibold text-slate-900 dark:text-slate-100">{d.accountsByBank}</h2>
            <AccountGroups groups={data.banks} m={m} locale={locale} now={at} />
          </div>
          <Card
            title={d.recent}
            className="min-w-0 lg:col-span-2"
            actions={
              <Link
                href="/transactions"
                className="text-sm font-medium text-brand-800 dark:text-emerald-300 hover:underline"
              >
                {d.allTransactions}
              </Link>
            }
          >
            <RecentTransactions items={data.recent} m={m} locale={locale} today={data.today} own={own} />
          </Card>
        </div>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card title={d.incomeVsSpending} className="min-w-0">
            <p className="-mt-2 mb-3 text-xs text-slate-600 dark:text-slate-400">{d.incomeVsSpendingHint}</p>
            {data.flows.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{d.noSpending}</p>
            ) : (
              data.flows.map((f) => (
                <div key={f.currency} className="space-y-2">
                  {data.flows.length > 1 && (
                    <h3 className="text-sm font-medium text-slate-700 dark:text-slate-300">{f.currency}</h3>
                  )}
                  <IncomeSpendingChart currency={f.currency} months={f.months} />
                </div>
              ))
            )}
          </Card>
          <Card title={d.byCategory} className="min-w-0">
            <p className="-mt-2 mb-3 text-xs text-slate-600 dark:text-slate-400">{d.byCategoryHint}</p>
            {data.categories.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{d.noSpending}</p>
            ) : (
              data.categories.map((c) => (
                <div key={c.currency} className="space-y-2">
                  {data.categories.length > 1 && (
                    <h3 className="text-sm font-medium text-slate-700 dark:text-slate-300">{c.currency}</h3>
                  )}
                  <CategoryChart currency={c.currency} items={c.items} />
                </div>
              ))
            )}
          </Card>
        </div>
        {/* A year of daily balances is the slowest read here: the rest of the page does not wait for it. */}
        <Suspense fallback={<CardSkeleton title={m.budgets.netWorth.title} />}>
          <NetWorthCard viewer={viewer} m={m} />
        </Suspense>
      </div>
    </>
  );
}

async function NetWorthCard({ viewer, m }: { viewer: Viewer; m: Messages }) {
  const netWorth = await getNetWorth(viewer);
  return (
    <Card title={m.budgets.netWorth.title} className="min-w-0">
      <div data-testid="net-worth" className="space-y-4">
        {netWorth.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{m.budgets.netWorth.empty}</p>
        ) : (
          netWorth.map((n) => (
            <div key={n.currency} className="space-y-2">
              <p className="-mt-2 text-xs text-slate-600 dark:text-slate-400">
                {m.budgets.netWorth.description(n.currency)}
              </p>
              <NetWorthChart currency={n.currency} daily={n.daily} monthEnds={n.monthEnds} />
            </div>
          ))
        )}
      </div>
    </Card>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { TransactionFilterForm } from "@/components/transactions/transaction-filters";
import { TransactionList } from "@/components/transactions/transaction-list";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { today } from "@/lib/clock";
import { groupByBank, listVisibleAccounts } from "@/lib/data/accounts";
import { listTransactions } from "@/lib/data/transactions";
import { getMessages } from "@/lib/i18n/server";
import { filtersToSearchParams, hasFilters, parseFilters } from "@/lib/transactions/filters";

export const metadata: Metadata = { title: "Transactions" };

export default async function TransactionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireUserPage();
  const { m } = await getMessages();
  const t = m.transactions;
  const filters = parseFilters(await searchParams);
  const accounts = await listVisibleAccounts(viewer);
  if (accounts.length === 0) {
    return (
      <>
        <PageHeader title={t.title} description={t.description} />
        <EmptyState
          title={t.emptyTitle}
          action={
            <Link className={buttonClass()} href="/banks/add">
              {t.addBank}
            </Link>
          }
        >
          {t.emptyBody}
        </EmptyState>
      </>
    );
  }
  const [first, day] = await Promise.all([listTransactions({ viewer, filters, accounts }), today()]);
  const query = filtersToSearchParams(filters).toString();
  const banks = groupByBank(accounts)
    .filter((g) => !g.key.startsWith("bank:"))
    .map((g) => ({ id: g.key, name: g.bankName }));
  return (
    <>
      <PageHeader
        title={t.title}
        description={t.description}
        actions={
          <a
            className={buttonClass("secondary")}
            href={`/api/transactions/export${query ? `?${query}` : ""}`}
            download
            title={t.exportHint}
            data-testid="export-csv"
          >
            {t.exportCsv}
          </a>
        }
      />
      <div className="space-y-4">
        <TransactionFilterForm
          filters={filters}
          accounts={accounts.map((a) => ({ id: a.id, name: a.name, bankName: a.bankName }))}
          banks={banks}
        />
        {first.items.length === 0 ? (
          <EmptyState
            title={hasFilters(filters) ? t.noMatchTitle : t.emptyTitle}
            action={
              hasFilters(filters) ? (
                <Link className={buttonClass("secondary")} href="/transactions">
                  {t.clearFilters}
                </Link>
              ) : undefined
            }
          >
            {hasFilters(filters) ? t.noMatchBody : t.emptyBody}
          </EmptyState>
        ) : (
          <TransactionList key={query} query={query} initial={first} today={day} />
        )}
      </div>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatIban } from "@/components/accounts/account-groups";
import { BalanceHistoryChart } from "@/components/charts/balance-history-chart";
import { TransactionList } from "@/components/transactions/transaction-list";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireUserPage } from "@/lib/auth/viewer";
import { today } from "@/lib/clock";
import { balanceHistory, getAccount } from "@/lib/data/accounts";
import { listTransactions } from "@/lib/data/transactions";
import { formatDate, formatDateTime, formatMoney } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { EMPTY_FILTERS, filtersToSearchParams } from "@/lib/transactions/filters";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireUserPage();
  const { m, locale } = await getMessages();
  const a = m.accounts;
  const account = await getAccount(viewer, (await params).id);
  if (!account) notFound();
  const filters = { ...EMPTY_FILTERS, accounts: [account.id] };
  const day = await today();
  const [history, first] = await Promise.all([
    balanceHistory(viewer, account, { today: day, days: 90 }),
    // A hidden duplicate is not in the visible list, so pass it explicitly.
    listTransactions({ viewer, filters, accounts: [account] }),
  ]);
  const query = filtersToSearchParams(filters).toString();
  const money = (v: string | null) => (v === null ? a.none : formatMoney(v, account.currency, locale));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/accounts" className="font-medium text-brand-800 dark:text-emerald-300 hover:underline">
          ← {a.back}
        </Link>
      </nav>
      <PageHeader
        title={account.name}
        description={
          <>
            {account.bankName} · {a.types[account.type] ?? account.type}
            {account.iban ? (
              <>
                {" "}
                · <span className="font-mono">{formatIban(account.iban)}</span>
              </>
            ) : null}
          </>
        }
      />
      <div className="space-y-6">
        {account.closed && (
          <Notice tone="warning" title={a.closed}>
            {a.closedHint}
          </Notice>
        )}
        <dl className="grid gap-4 sm:grid-cols-3">
          {(
            [
              [a.balance, account.balance, "balance"],
              [a.available, account.available, "available"],
              [a.limit, account.limit, "limit"],
            ] as const
          ).map(([label, value, id]) => (
            <div
              key={id}
              className="rounded-lg bg-white dark:bg-slate-900 p-5 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
            >
              <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">{label}</dt>
              <dd
                className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100 tabular-nums"
                data-testid={`account-${id}`}
              >
                {money(value)}
              </dd>
            </div>
          ))}
        </dl>
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
          <span data-testid="history-from">
            {account.historyFrom ? a.historyFrom(formatDate(account.historyFrom, locale)) : a.historyUnknown}
          </span>
          {account.dataAsOf && <span>{a.dataAsOf(formatDateTime(account.dataAsOf, locale))}</span>}
          {account.holder && (
            <span>
              {a.holder}: {account.holder}
            </span>
          )}
        </p>
        <Card title={a.balanceHistory}>
          <p className="-mt-2 mb-3 text-xs text-slate-600 dark:text-slate-400">{a.balanceHistoryHint}</p>
          {history.length > 1 ? (
            <BalanceHistoryChart currency={account.currency} points={history} />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">{a.noHistory}</p>
          )}
        </Card>
        <section aria-labelledby="account-tx" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="account-tx" className="text-base font-semibold text-slate-900 dark:text-slate-100">
              {a.transactions}
            </h2>
            <Link
              href={`/transactions?${query}`}
              className="text-sm font-medium text-brand-800 dark:text-emerald-300 hover:underline"
            >
              {a.allOfAccount}
            </Link>
          </div>
          {first.items.length === 0 ? (
            <EmptyState title={m.transactions.emptyTitle} />
          ) : (
            <TransactionList query={query} initial={first} showAccount={false} today={day} />
          )}
        </section>
      </div>
    </>
  );
}

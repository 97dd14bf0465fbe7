import type { Metadata } from "next";
import Link from "next/link";
import { ContractActions } from "@/components/contracts/contract-actions";
import { ContractShape } from "@/components/contracts/contract-shape";
import { ContractAlertList } from "@/components/contracts/contract-alert-list";
import { DetectButton } from "@/components/contracts/detect-button";
import { ForecastChart } from "@/components/contracts/forecast-chart";
import { Amount } from "@/components/transactions/amount";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { categoryName, type OwnCategoryNames } from "@/lib/categories/categories";
import { getContractsPage, getForecast, type ContractDto } from "@/lib/data/contracts";
import { getOwnCategoryNames } from "@/lib/data/own-categories";
import { formatDate, formatMoney } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Contracts" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 64) : undefined);

export default async function ContractsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireUserPage();
  const { m, locale } = await getMessages();
  const c = m.contracts;
  const sp = await searchParams;
  const filters = { category: one(sp.category), account: one(sp.account) };
  const [page, forecast, own] = await Promise.all([
    getContractsPage(viewer, filters),
    getForecast(viewer),
    getOwnCategoryNames(viewer),
  ]);
  if (!page.hasAccounts) {
    return (
      <>
        <PageHeader title={c.title} description={c.description} />
        <EmptyState
          title={c.emptyTitle}
          action={
            <Link className={buttonClass()} href="/banks/add">
              {c.addBank}
            </Link>
          }
        >
          {c.emptyBody}
        </EmptyState>
      </>
    );
  }
  const money = (v: string) => formatMoney(v, "EUR", locale);
  const costs = page.contracts.filter((x) => x.direction === "out");
  const income = page.contracts.filter((x) => x.direction === "in");
  const nothing = page.contracts.length === 0 && page.dismissed.length === 0 && !filters.category && !filters.account;
  return (
    <>
      <PageHeader
        title={c.title}
        description={c.description}
        actions={
          <>
            <a className={buttonClass("secondary")} href={`/api/contracts/export?format=${locale}`} download>
              {c.exportCsv}
            </a>
            <DetectButton />
          </>
        }
      />
      {nothing ? (
        <EmptyState title={c.emptyTitle}>{c.emptyBody}</EmptyState>
      ) : (
        <div className="space-y-6">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Card title={c.costsPerMonth}>
              <p
                className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-100"
                data-testid="costs-per-month"
              >
                {money(page.totals.costsPerMonth.replace("-", ""))}
              </p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {c.perYear(money(page.totals.costsPerYear.replace("-", "")))}
              </p>
            </Card>
            <Card title={c.incomePerMonth}>
              <p
                className="text-2xl font-semibold tabular-nums text-emerald-800 dark:text-emerald-300"
                data-testid="income-per-month"
              >
                {money(page.totals.incomePerMonth)}
              </p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {c.perYear(money(page.totals.incomePerYear))}
              </p>
            </Card>
          </div>
          <Card title={c.alertsTitle}>
            <ContractAlertList alerts={page.alerts} m={m} locale={locale} />
          </Card>
          <form method="get" className="flex flex-wrap items-end gap-3" aria-label={c.filters}>
            <div className="space-y-1">
              <label htmlFor="f-category" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
                {c.category}
              </label>
              <select
                id="f-category"
                name="category"
                defaultValue={filters.category ?? ""}
                className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm"
              >
                <option value="">{c.all}</option>
                {page.categories.map((id) => (
                  <option key={id} value={id}>
                    {categoryName(id || null, locale, own)}
                  </option>
                ))}
              </select>
            </div>
            <div className="space-y-1">
              <label htmlFor="f-account" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
                {c.account}
              </label>
              <select
                id="f-account"
                name="account"
                defaultValue={filters.account ?? ""}
                className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm"
              >
                <option value="">{c.all}</option>
                {page.accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              {c.apply}
            </button>
          </form>
          <ContractSection title={c.costs} items={costs} all={page.contracts} m={m} locale={locale} own={own} />
          <ContractSection title={c.income} items={income} all={page.contracts} m={m} locale={locale} own={own} />
          {page.dismissed.length > 0 && (
            <details className="rounded-lg bg-white dark:bg-slate-900 p-5 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
              <summary className="cursor-pointer text-base font-semibold text-slate-900 dark:text-slate-100">
                {c.dismissedTitle(page.dismissed.length)}
              </summary>
              <ContractList items={page.dismissed} all={[]} m={m} locale={locale} own={own} />
            </details>
          )}
          {forecast.accounts.length > 0 && (
            <Card title={c.forecastTitle}>
              <p className="-mt-2 mb-3 text-xs text-slate-600 dark:text-slate-400">{c.forecastHint}</p>
              <ForecastChart forecast={forecast} />
            </Card>
          )}
        </div>
      )}
    </>
  );
}

function ContractSection({
  title,
  items,
  all,
  m,
  locale,
  own,
}: {
  title: string;
  items: ContractDto[];
  all: ContractDto[];
  m: Messages;
  locale: Locale;
  own: OwnCategoryNames;
}) {
  if (items.length === 0) return null;
  return (
    <Card title={title}>
      <ContractList items={items} all={all} m={m} locale={locale} own={own} />
    </Card>
  );
}

/** `all`: the contracts (not dismissed) one of these may be merged with. */
function ContractList({
  items,
  all,
  m,
  locale,
  own,
}: {
  items: ContractDto[];
  all: ContractDto[];
  m: Messages;
  locale: Locale;
  own: OwnCategoryNames;
}) {
  const c = m.contracts;
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800">
      {items.map((x) => (
        <li key={x.id} className="py-4" data-testid="contract">
          <article aria-labelledby={`contract-${x.id}`} className="space-y-2">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h3 id={`contract-${x.id}`} className="font-medium text-slate-900 dark:text-slate-100">
                  {x.name}{" "}
                  <span className="ml-1 rounded bg-slate-100 dark:bg-slate-800 px-1.5 py-0.5 text-xs font-normal text-slate-700 dark:text-slate-300">
                    {c.status[x.status]}
                  </span>
                </h3>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {[x.counterpartyName !== x.name ? x.counterpartyName : null, categoryName(x.categoryId, locale, own)]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              </div>
              <div className="sm:text-right">
                <Amount value={x.typical} currency={x.currency} locale={locale} />
                <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="cadence">
                  {c.cadence[x.cadence]}
                  {x.cadence !== "monthly" && ` · ${c.perMonthShort(formatMoney(x.perMonth, x.currency, locale))}`}
                </p>
                {x.amountMin !== x.amountMax && (
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {c.range(
                      formatMoney(x.amountMin, x.currency, locale),
                      formatMoney(x.amountMax, x.currency, locale),
                    )}
                  </p>
                )}
              </div>
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-xs text-slate-600 dark:text-slate-400">{c.colLast}</dt>
                <dd>
                  {formatDate(x.lastDate, locale)}
                  <AmountAfterDate>{formatMoney(x.last, x.currency, locale)}</AmountAfterDate>
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600 dark:text-slate-400">{c.colNext}</dt>
                <dd data-testid="next-date">
                  {x.active ? (
                    <>
                      {formatDate(x.nextDate, locale)}
                      <AmountAfterDate>{formatMoney(x.typical, x.currency, locale)}</AmountAfterDate>
                    </>
                  ) : (
                    c.ended
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600 dark:text-slate-400">{c.colAccount}</dt>
                <dd>{x.accountNames.join(", ") || "–"}</dd>
              </div>
              {x.endDate && (
                <div>
                  <dt className="text-xs text-slate-600 dark:text-slate-400">{c.endDateLabel}</dt>
                  <dd>
                    {c.endsOn(formatDate(x.endDate, locale))}
                    {x.noticeDays !== null && ` · ${c.noticeDays(x.noticeDays)}`}
                  </dd>
                </div>
              )}
            </dl>
            <ContractActions
              contract={{
                id: x.id,
                name: x.name,
                userName: x.name !== x.detectedName ? x.name : null,
                status: x.status,
                endDate: x.endDate,
                noticeDays: x.noticeDays,
              }}
            />
            {x.status !== "DISMISSED" && (
              <ContractShape
                contract={{ id: x.id, name: x.name }}
                candidates={all
                  .filter((o) => o.id !== x.id && o.direction === x.direction)
                  .map((o) => ({ id: o.id, name: `${o.name} · ${formatMoney(o.typical, o.currency, locale)}` }))}
                payments={x.payments.map((p) => ({
                  id: p.id,
                  label: `${formatDate(p.date, locale)} · ${formatMoney(p.amount, x.currency, locale)}`,
                }))}
              />
            )}
            <details className="text-sm">
              <summary className="cursor-pointer font-medium text-brand-800 dark:text-emerald-300 hover:underline">
                {c.history(x.paymentCount)}
              </summary>
              <div className="relative mt-2 max-w-xl overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead>
                    <tr className="border-b border-slate-200 dark:border-slate-700 text-xs uppercase text-slate-600 dark:text-slate-400">
                      <th scope="col" className="py-1 pr-3">
                        {c.date}
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        {c.colAccount}
                      </th>
                      <th scope="col" className="py-1 text-right">
                        {c.colAmount}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {x.payments.map((p, i) => (
                      <tr key={`${p.date}-${i}`} className="border-b border-slate-100 dark:border-slate-800">
                        <td className="py-1 pr-3">{formatDate(p.date, locale)}</td>
                        <td className="py-1 pr-3">{p.accountName}</td>
                        <td className="py-1 text-right">
                          <Amount value={p.amount} currency={x.currency} locale={locale} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </article>
        </li>
      ))}
    </ul>
  );
}

/** "date · amount" on one line where there is room; on a phone the amount gets its own line (no dangling "·"). */
function AmountAfterDate({ children }: { children: string }) {
  return (
    <span className="block sm:inline">
      <span className="hidden sm:inline"> · </span>
      {children}
    </span>
  );
}

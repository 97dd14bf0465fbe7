"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useI18n, usePageTexts } from "@/components/providers";
import { ownCategories } from "@/lib/i18n/messages/own-categories";
import { useOwnCategories } from "@/components/transactions/own-categories";
import { buttonClass } from "@/components/ui/button";
import { categoryOptions } from "@/lib/categories/categories";
import {
  filtersToSearchParams,
  hasFilters,
  parseFilters,
  STATUSES,
  type TransactionFilters,
} from "@/lib/transactions/filters";

const input =
  "block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";
const label = "block text-sm font-medium text-slate-800 dark:text-slate-200";

/**
 * Search and filters, kept in the URL. A plain GET form (works without JavaScript); with
 * JavaScript the query is cleaned of empty fields and navigated to without a full reload.
 */
export function TransactionFilterForm({
  filters,
  accounts,
  banks,
  action = "/transactions",
}: {
  filters: TransactionFilters;
  accounts: { id: string; name: string; bankName: string }[];
  banks: { id: string; name: string }[];
  action?: string;
}) {
  const { m, locale } = useI18n();
  const ownCategoriesTexts = usePageTexts(ownCategories);
  const { options: own } = useOwnCategories();
  const t = m.transactions;
  const router = useRouter();
  const [pending, start] = useTransition();
  const active = hasFilters({ ...filters, q: "" });

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const params = new URLSearchParams();
    for (const [k, v] of data.entries()) if (typeof v === "string" && v.trim() !== "") params.append(k, v);
    const qs = filtersToSearchParams(parseFilters(params)).toString();
    start(() => router.push(qs ? `${action}?${qs}` : action));
  }

  return (
    <form method="get" action={action} onSubmit={submit} className="space-y-3" role="search" aria-label={t.search}>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1 space-y-1">
          <label htmlFor="tx-q" className={label}>
            {t.searchLabel}
          </label>
          <input
            id="tx-q"
            name="q"
            type="search"
            defaultValue={filters.q}
            placeholder={t.searchPlaceholder}
            className={input}
          />
        </div>
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          {t.search}
        </button>
      </div>
      <details
        className="rounded-lg bg-white dark:bg-slate-900 ring-1 ring-slate-200 dark:ring-slate-700"
        open={active}
      >
        <summary className="cursor-pointer select-none rounded-lg px-4 py-3 text-sm font-medium text-slate-800 dark:text-slate-200 hover:bg-slate-50 dark:hover:bg-slate-800/50">
          {t.filters}
        </summary>
        <div className="grid gap-4 border-t border-slate-200 dark:border-slate-700 px-4 py-4 sm:grid-cols-2 lg:grid-cols-3">
          {accounts.length > 1 && (
            <fieldset className="space-y-1 sm:col-span-2 lg:col-span-3">
              <legend className={label}>{t.accounts}</legend>
              <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
                {accounts.map((a) => (
                  <label
                    key={a.id}
                    className="inline-flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200"
                  >
                    <input
                      type="checkbox"
                      name="account"
                      value={a.id}
                      defaultChecked={filters.accounts.includes(a.id)}
                      className="h-4 w-4 accent-brand-700"
                    />
                    {a.name} <span className="text-slate-600 dark:text-slate-400">· {a.bankName}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          {banks.length > 1 && (
            <div className="space-y-1">
              <label htmlFor="tx-bank" className={label}>
                {t.banks}
              </label>
              <select id="tx-bank" name="bank" defaultValue={filters.banks[0] ?? ""} className={input}>
                <option value="">{t.allBanks}</option>
                {banks.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="space-y-1">
            <label htmlFor="tx-from" className={label}>
              {t.from}
            </label>
            <input id="tx-from" name="from" type="date" defaultValue={filters.from ?? ""} className={input} />
          </div>
          <div className="space-y-1">
            <label htmlFor="tx-to" className={label}>
              {t.to}
            </label>
            <input id="tx-to" name="to" type="date" defaultValue={filters.to ?? ""} className={input} />
          </div>
          <div className="space-y-1">
            <label htmlFor="tx-min" className={label}>
              {t.minAmount}
            </label>
            <input
              id="tx-min"
              name="min"
              inputMode="decimal"
              defaultValue={fmt(filters.min, locale)}
              aria-describedby="tx-amount-hint"
              className={input}
            />
          </div>
          <div className="space-y-1">
            <label htmlFor="tx-max" className={label}>
              {t.maxAmount}
            </label>
            <input
              id="tx-max"
              name="max"
              inputMode="decimal"
              defaultValue={fmt(filters.max, locale)}
              aria-describedby="tx-amount-hint"
              className={input}
            />
            <p id="tx-amount-hint" className="text-xs text-slate-600 dark:text-slate-400">
              {t.amountHint}
            </p>
          </div>
          <div className="space-y-1">
            <label htmlFor="tx-direction" className={label}>
              {t.direction}
            </label>
            <select id="tx-direction" name="direction" defaultValue={filters.direction ?? ""} className={input}>
              <option value="">{t.directions.any}</option>
              <option value="in">{t.directions.in}</option>
              <option value="out">{t.directions.out}</option>
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="tx-category" className={label}>
              {t.category}
            </label>
            <select id="tx-category" name="category" defaultValue={filters.categories[0] ?? ""} className={input}>
              <option value="">{t.allCategories}</option>
              {own.length > 0 && (
                <optgroup label={ownCategoriesTexts.ownGroup}>
                  {own.map((o) => (
                    <option key={o.ref} value={o.ref}>
                      {o.fullName}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label={ownCategoriesTexts.bankGroup}>
                {categoryOptions(locale).map((o) => (
                  <option key={o.id} value={o.id}>
                    {"\u00A0\u00A0".repeat(o.depth) + o.name}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="tx-tag" className={label}>
              {m.categories.tagFilter}
            </label>
            <input
              id="tx-tag"
              name="tag"
              defaultValue={filters.tags[0] ?? ""}
              maxLength={40}
              aria-describedby="tx-tag-hint"
              className={input}
            />
            <p id="tx-tag-hint" className="text-xs text-slate-600 dark:text-slate-400">
              {m.categories.tagFilterHint}
            </p>
          </div>
          <fieldset className="space-y-1" aria-describedby="tx-status-hint">
            <legend className={label}>{t.status}</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
              {STATUSES.map((s) => (
                <label key={s} className="inline-flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
                  <input
                    type="checkbox"
                    name="status"
                    value={s}
                    defaultChecked={filters.statuses.includes(s)}
                    className="h-4 w-4 accent-brand-700"
                  />
                  {t.statuses[s]}
                </label>
              ))}
            </div>
            <p id="tx-status-hint" className="text-xs text-slate-600 dark:text-slate-400">
              {t.statusHint}
            </p>
          </fieldset>
          <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-3">
            <button type="submit" className={buttonClass("primary")} disabled={pending}>
              {t.apply}
            </button>
            {hasFilters(filters) && (
              <a href={action} className={buttonClass("ghost")}>
                {t.clearFilters}
              </a>
            )}
          </div>
        </div>
      </details>
    </form>
  );
}

const fmt = (v: string | null, locale: string) => (v ? (locale === "de" ? v.replace(".", ",") : v) : "");

"use client";
import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/providers";
import { useSessionEnded } from "@/components/use-action";
import { Amount } from "@/components/transactions/amount";
import { StatusBadge } from "@/components/transactions/status-badge";
import { useOwnCategories } from "@/components/transactions/own-categories";
import { TransactionDetails } from "@/components/transactions/transaction-details";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { categoryName } from "@/lib/categories/categories";
import type { TransactionDto, TransactionPage } from "@/lib/data/transactions";
import { formatDate } from "@/lib/i18n/format";
import { queryKeys } from "@/lib/query-keys";

/**
 * The infinite transaction list. The server renders the first page (`initial`); further pages
 * come from /api/transactions with the keyset cursor, so page 50 costs what page 1 costs.
 * `query` is the filter query string, the same one the CSV export receives.
 */
export function TransactionList({
  query,
  initial,
  showAccount = true,
  today,
}: {
  query: string;
  initial: TransactionPage;
  showAccount?: boolean;
  /** Berlin's today ("YYYY-MM-DD"): pending items waiting unusually long are flagged. */
  today: string;
}) {
  const { m } = useI18n();
  const t = m.transactions;
  const key = queryKeys.transactions({ query });
  const qc = useQueryClient();
  const sessionEnded = useSessionEnded();
  const list = useInfiniteQuery({
    queryKey: key,
    initialPageParam: null as string | null,
    initialData: { pages: [initial], pageParams: [null] },
    queryFn: async ({ pageParam, signal }): Promise<TransactionPage> => {
      const params = new URLSearchParams(query);
      if (pageParam) params.set("cursor", pageParam);
      const res = await fetch(`/api/transactions?${params}`, { signal });
      if (res.status === 401) {
        sessionEnded();
        throw new Error("unauthenticated");
      }
      if (!res.ok) throw new Error(`transactions ${res.status}`);
      return res.json();
    },
    getNextPageParam: (last) => last.nextCursor,
    // The server-rendered page is fresh; refetching it on mount would only flash.
    staleTime: 60_000,
  });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  function patch(id: string, next: Partial<TransactionDto>) {
    qc.setQueryData<InfiniteData<TransactionPage>>(
      key,
      (data) =>
        data && {
          ...data,
          pages: data.pages.map((p) => ({
            ...p,
            items: p.items.map((it) => (it.id === id ? { ...it, ...next } : it)),
          })),
        },
    );
  }

  return (
    <div className="space-y-3">
      <ul
        className="divide-y divide-slate-200 dark:divide-slate-700 overflow-hidden rounded-lg bg-white dark:bg-slate-900 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
        data-testid="transaction-list"
      >
        {items.map((tx) => (
          <Row key={tx.id} tx={tx} today={today} showAccount={showAccount} onSaved={(next) => patch(tx.id, next)} />
        ))}
      </ul>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p
          className="text-sm text-slate-600 dark:text-slate-400"
          role="status"
          aria-live="polite"
          data-testid="transaction-count"
        >
          {t.shown(items.length, !!list.hasNextPage)}
        </p>
        {list.hasNextPage ? (
          <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t.loadingMore : t.loadMore}
          </Button>
        ) : items.length > 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t.end}</p>
        ) : null}
      </div>
      {list.isFetchNextPageError && (
        <Notice
          tone="danger"
          live
          actions={
            <Button variant="secondary" onClick={() => list.fetchNextPage()}>
              {m.common.retry}
            </Button>
          }
        >
          {t.loadFailed}
        </Notice>
      )}
    </div>
  );
}

function Row({
  tx,
  today,
  showAccount,
  onSaved,
}: {
  tx: TransactionDto;
  today: string;
  showAccount: boolean;
  onSaved: (next: Partial<TransactionDto>) => void;
}) {
  const { m, locale } = useI18n();
  const { names } = useOwnCategories();
  const [open, setOpen] = useState(false);
  const category = tx.userCategory ?? tx.categoryId;
  const transfer = tx.transferPeerId ? m.budgets.transfer : null;
  const peer = tx.transferPeerAccount ?? "—";
  const shownName = tx.ruleCounterparty ?? tx.counterpartyName;
  const title = transfer
    ? Number(tx.amount) < 0
      ? transfer.to(peer)
      : transfer.from(peer)
    : shownName || tx.purpose.split("\n")[0] || "—";
  const tags = [...new Set([...tx.userTags, ...tx.ruleTags])];
  const detailsId = `tx-${tx.id}-details`;
  return (
    <li
      data-testid="transaction-row"
      data-id={tx.id}
      data-date={tx.bookingDate}
      data-amount={tx.amount}
      data-status={tx.status}
      data-transfer={tx.transferPeerId ? "paired" : undefined}
    >
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-controls={detailsId}
        className="grid w-full grid-cols-[1fr_auto] items-start gap-x-4 gap-y-1 px-4 py-3 text-left hover:bg-slate-50 dark:hover:bg-slate-800/50 focus-visible:bg-slate-50 dark:focus-visible:bg-slate-800/50 sm:grid-cols-[6.5rem_1fr_auto]"
      >
        <span
          className="order-2 col-span-2 text-xs text-slate-600 dark:text-slate-400 sm:order-none sm:col-span-1 sm:pt-0.5 sm:text-sm"
          data-testid="tx-date"
        >
          {formatDate(tx.bookingDate, locale)}
        </span>
        <span className="min-w-0">
          <span className="flex flex-wrap items-center gap-2">
            <span className="truncate font-medium text-slate-900 dark:text-slate-100" data-testid="tx-title">
              {title}
            </span>
            <StatusBadge status={tx.status} date={tx.bookingDate} today={today} m={m} />
          </span>
          <span className="mt-0.5 block truncate text-sm text-slate-600 dark:text-slate-400">
            {transfer || shownName ? tx.purpose.replace(/\n/g, " ") : null}
          </span>
          <span className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
            <span
              className={tx.userCategory ? "font-medium text-brand-800 dark:text-emerald-300" : ""}
              data-testid="tx-category"
            >
              {transfer
                ? transfer.title
                : category
                  ? categoryName(category, locale, names)
                  : m.categories.uncategorised}
            </span>
            {tags.length > 0 && (
              <span data-testid="tx-tags">
                <span className="sr-only">{m.categories.tags}: </span>#{tags.join(" #")}
              </span>
            )}
            {showAccount && (
              <span>
                {tx.accountName} · {tx.bankName}
              </span>
            )}
            {tx.note && (
              <span className="italic" data-testid="tx-note">
                “{tx.note}”
              </span>
            )}
          </span>
        </span>
        <span className="text-right" data-testid="tx-amount">
          <Amount value={tx.amount} currency={tx.currency} locale={locale} canceled={tx.status === "CANCELED"} />
        </span>
      </button>
      <div id={detailsId} hidden={!open}>
        {open && <TransactionDetails tx={tx} onSaved={onSaved} />}
      </div>
    </li>
  );
}

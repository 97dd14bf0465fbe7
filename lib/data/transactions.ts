import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { listVisibleAccounts, type AccountDto } from "@/lib/data/accounts";
import { encodeCursor, type Cursor, type TransactionFilters } from "@/lib/transactions/filters";
import { selectAccountIds, transactionWhere } from "@/lib/transactions/query";

/** One transaction as the browser sees it (locale-free: names and formats are applied there). */
export interface TransactionDto {
  id: string;
  accountId: string;
  accountName: string;
  bankName: string;
  bookingDate: string;
  amount: string;
  currency: string;
  status: "PENDING" | "BOOKED" | "CANCELED";
  purpose: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  /** XS2A's category and the user's own; the user's wins wherever a category is shown. */
  categoryId: string | null;
  userCategory: string | null;
  tags: string[];
  note: string | null;
}

export interface TransactionPage { items: TransactionDto[]; nextCursor: string | null }

export const PAGE_SIZE = 100;

type Row = {
  id: bigint; accountId: string; bookingDate: Date; amount: { toFixed(n: number): string }; currency: string; status: TransactionDto["status"];
  purpose: string; counterpartyName: string | null; counterpartyIban: string | null; categoryId: string | null; userCategory: string | null;
  tags: string[]; note: string | null;
};

/**
 * A page of the viewer's transactions over all visible accounts, newest first
 * (bookingDate desc, id desc), continuing after `cursor`. Pass `accounts` when the caller has
 * them already (the export pages through many times).
 */
export async function listTransactions(opts: {
  viewer: Viewer; filters: TransactionFilters; cursor?: Cursor | null; limit?: number; accounts?: AccountDto[];
}): Promise<TransactionPage> {
  const limit = Math.min(Math.max(opts.limit ?? PAGE_SIZE, 1), 1000);
  const accounts = opts.accounts ?? (await listVisibleAccounts(opts.viewer));
  const accountIds = selectAccountIds(accounts, opts.filters);
  if (accountIds.length === 0) return { items: [], nextCursor: null };
  const where = transactionWhere({ userId: opts.viewer.id, accountIds, filters: opts.filters, cursor: opts.cursor });
  const rows = await db.$queryRaw<Row[]>`
    SELECT t.id, t."accountId", t."bookingDate", t.amount, t.currency, t.status::text AS status, t.purpose,
           t."counterpartyName", t."counterpartyIban", t."categoryId", t."userCategory", t.tags, t.note
    FROM "Transaction" t
    WHERE ${where}
    ORDER BY t."bookingDate" DESC, t.id DESC
    LIMIT ${limit + 1}`;
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const items = rows.slice(0, limit).map((r) => toDto(r, byId.get(r.accountId)));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ bookingDate: last.bookingDate, id: last.id }) : null };
}

function toDto(r: Row, account: AccountDto | undefined): TransactionDto {
  return {
    id: r.id.toString(),
    accountId: r.accountId,
    accountName: account?.name ?? "",
    bankName: account?.bankName ?? "",
    bookingDate: r.bookingDate.toISOString().slice(0, 10),
    amount: r.amount.toFixed(2),
    currency: r.currency,
    status: r.status,
    purpose: r.purpose,
    counterpartyName: r.counterpartyName,
    counterpartyIban: r.counterpartyIban,
    categoryId: r.categoryId,
    userCategory: r.userCategory,
    tags: r.tags,
    note: r.note,
  };
}

/** Every filtered row, in list order, a page at a time (for the CSV export). */
export async function* iterateTransactions(opts: { viewer: Viewer; filters: TransactionFilters; batch?: number }): AsyncGenerator<TransactionDto> {
  const accounts = await listVisibleAccounts(opts.viewer);
  let cursor: Cursor | null = null;
  for (;;) {
    const page = await listTransactions({ viewer: opts.viewer, filters: opts.filters, cursor, limit: opts.batch ?? 1000, accounts });
    yield* page.items;
    const last = page.items[page.items.length - 1];
    if (!page.nextCursor || !last) return;
    cursor = { bookingDate: last.bookingDate, id: last.id };
  }
}

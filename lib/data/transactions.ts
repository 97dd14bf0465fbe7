import "server-only";
import { createHash } from "node:crypto";
import type { Viewer } from "@/lib/auth/viewer";
import { pgPool } from "@/lib/db";
import { listVisibleAccounts, type AccountDto } from "@/lib/data/accounts";
import { encodeCursor, type Cursor, type TransactionFilters } from "@/lib/transactions/filters";
import { Prisma } from "@/lib/generated/prisma/client";
import { selectAccountIds, transactionWhere, visibleAccountIdsSql } from "@/lib/transactions/query";

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
  /** Issue 17: whether a rule set `userCategory` (else it is the user's own choice), the tags rules
   * and the user added, and the counterparty name a rule shows instead of the bank's. */
  categoryByRule: boolean;
  ruleTags: string[];
  userTags: string[];
  ruleCounterparty: string | null;
  /** The other side of an own transfer this row is paired with (lib/transfers), and its account's name. */
  transferPeerId: string | null;
  transferPeerAccount: string | null;
}

export interface TransactionPage {
  items: TransactionDto[];
  nextCursor: string | null;
}

export const PAGE_SIZE = 100;

/**
 * A named (prepared) statement per SQL shape: each pooled connection plans a shape once instead of
 * on every page (planning this statement cost more than running it). Shapes are few: one per
 * combination of filters.
 */
const statementName = (text: string) => `txpage_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;

/** A row as the statement returns it: every column already in its DTO form (see COLUMNS). */
type Row = Omit<TransactionDto, "accountName" | "bankName"> & { accountName?: string; bankName?: string };

/**
 * A page of the viewer's transactions over all visible accounts, newest first
 * (bookingDate desc, id desc), continuing after `cursor`. Pass `accounts` when the caller has
 * them already (the export pages through many times).
 */
export async function listTransactions(opts: {
  viewer: Viewer;
  filters: TransactionFilters;
  cursor?: Cursor | null;
  limit?: number;
  accounts?: AccountDto[];
}): Promise<TransactionPage> {
  const limit = Math.min(Math.max(opts.limit ?? PAGE_SIZE, 1), 1000);
  const sql = transactionPageSql({ ...opts, limit: limit + 1 });
  if (!sql) return { items: [], nextCursor: null };
  const byId = new Map((opts.accounts ?? []).map((a) => [a.id, a]));
  // Through pg, not Prisma: the columns arrive as the strings the DTO needs (Prisma would convert
  // each into Decimal, BigInt and Date first, which was most of the page's time).
  const rows = (await pgPool().query<Row>({ name: statementName(sql.text), text: sql.text, values: sql.values })).rows;
  // Names come from the given accounts, or from the statement's join when none were given.
  const items = rows.slice(0, limit).map((r): TransactionDto => {
    const account = byId.get(r.accountId);
    return { ...r, accountName: account?.name ?? r.accountName ?? "", bankName: account?.bankName ?? r.bankName ?? "" };
  });
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ bookingDate: last.bookingDate, id: last.id }) : null,
  };
}

/**
 * The statement behind listTransactions (exported for the benchmark's EXPLAIN); null when the
 * filters leave no account. With `accounts` given, the page reads only their ids; without, the
 * visible account ids are a subquery and the names are joined to the page's rows, so a page is
 * one statement either way.
 */
export function transactionPageSql(opts: {
  viewer: Viewer;
  filters: TransactionFilters;
  cursor?: Cursor | null;
  limit: number;
  accounts?: AccountDto[];
}): Prisma.Sql | null {
  const { viewer, filters, cursor, limit } = opts;
  if (opts.accounts) {
    const accountIds = selectAccountIds(opts.accounts, filters);
    if (accountIds.length === 0) return null;
    return Prisma.sql`
      SELECT ${COLUMNS} FROM "Transaction" t
      WHERE ${transactionWhere({ userId: viewer.id, accountIds, filters, cursor })}
      ORDER BY t."bookingDate" DESC, t.id DESC
      LIMIT ${limit}`;
  }
  // The page first (an index range scan), then the names of its accounts for its ≤ limit rows.
  return Prisma.sql`
    SELECT p.*, coalesce(a.description, a.type::text) AS "accountName", coalesce(c."bankName", a."bankName", '') AS "bankName"
    FROM (
      SELECT ${COLUMNS} FROM "Transaction" t
      WHERE ${transactionWhere({ userId: viewer.id, accountIds: visibleAccountIdsSql(viewer.id, filters), filters, cursor })}
      ORDER BY t."bookingDate" DESC, t.id DESC
      LIMIT ${limit}
    ) p
    JOIN "BankAccount" a ON a.id = p."accountId"
    LEFT JOIN "BankConnection" c ON c.id = a."connectionId"
    ORDER BY p."bookingDate" DESC, p.id::bigint DESC`;
}

// Text forms: id as a decimal string, the date as YYYY-MM-DD, the amount with its 2 decimals.
const COLUMNS = Prisma.sql`t.id::text AS id, t."accountId", to_char(t."bookingDate", 'YYYY-MM-DD') AS "bookingDate", t.amount::text AS amount,
  t.currency, t.status::text AS status, t.purpose, t."counterpartyName", t."counterpartyIban", t."categoryId", t."userCategory", t.tags, t.note,
  t."categoryRuleId" IS NOT NULL AS "categoryByRule", t."ruleTags", t."userTags", t."ruleCounterparty",
  t."transferPeerId"::text AS "transferPeerId",
  (SELECT coalesce(pa.description, pa.type::text) FROM "Transaction" p JOIN "BankAccount" pa ON pa.id = p."accountId"
   WHERE p.id = t."transferPeerId") AS "transferPeerAccount"`;

/** Every filtered row, in list order, a page at a time (for the CSV export). */
export async function* iterateTransactions(opts: {
  viewer: Viewer;
  filters: TransactionFilters;
  batch?: number;
}): AsyncGenerator<TransactionDto> {
  const accounts = await listVisibleAccounts(opts.viewer);
  let cursor: Cursor | null = null;
  for (;;) {
    const page = await listTransactions({
      viewer: opts.viewer,
      filters: opts.filters,
      cursor,
      limit: opts.batch ?? 1000,
      accounts,
    });
    yield* page.items;
    const last = page.items[page.items.length - 1];
    if (!page.nextCursor || !last) return;
    cursor = { bookingDate: last.bookingDate, id: last.id };
  }
}

import { isOwnCategoryId } from "@/lib/categories/categories";
import { Prisma } from "@/lib/generated/prisma/client";
import { amountQuery, toPrefixTsquery, type Cursor, type TransactionFilters } from "@/lib/transactions/filters";

/**
 * The WHERE clause of the transaction list, shared by the page, the react-query route and the
 * CSV export so the export is exactly what the list shows. Designed for millions of rows:
 *  - `userId` first and `ORDER BY bookingDate DESC, id DESC` match the index
 *    ("userId", "bookingDate" DESC, id DESC), so an unfiltered page is an index range scan;
 *  - the keyset cursor is a row comparison on the same columns (no OFFSET);
 *  - search uses the GIN index on `search` (a `simple` tsvector of purpose + counterparty);
 *  - accounts are resolved beforehand into an id list (the viewer's visible, non-duplicate
 *    accounts, narrowed by the account and bank filters), so no join is needed per row.
 * Every value is a bound parameter.
 */
export function transactionWhere(opts: {
  userId: string;
  accountIds: string[] | Prisma.Sql;
  filters: TransactionFilters;
  cursor?: Cursor | null;
}): Prisma.Sql {
  const { userId, accountIds, filters: f, cursor } = opts;
  const parts: Prisma.Sql[] = [
    Prisma.sql`t."userId" = ${userId}`,
    // A list of ids, or an SQL array expression (visibleAccountIdsSql).
    Array.isArray(accountIds)
      ? Prisma.sql`t."accountId" = ANY(${accountIds}::text[])`
      : Prisma.sql`t."accountId" = ANY(${accountIds})`,
  ];
  const tsq = toPrefixTsquery(f.q);
  // An amount typed into the search box ("3,40", "-3.40") also finds the transactions of that amount.
  const amount = amountQuery(f.q);
  const amountMatch = !amount
    ? null
    : amount.sign === null
      ? Prisma.sql`abs(t.amount) = ${amount.amount}::numeric`
      : Prisma.sql`t.amount = ${`${amount.sign === "-" ? "-" : ""}${amount.amount}`}::numeric`;
  if (tsq && amountMatch) parts.push(Prisma.sql`(t.search @@ to_tsquery('simple', ${tsq}) OR ${amountMatch})`);
  else if (tsq) parts.push(Prisma.sql`t.search @@ to_tsquery('simple', ${tsq})`);
  if (f.from) parts.push(Prisma.sql`t."bookingDate" >= ${f.from}::date`);
  if (f.to) parts.push(Prisma.sql`t."bookingDate" <= ${f.to}::date`);
  if (f.min) parts.push(Prisma.sql`abs(t.amount) >= ${f.min}::numeric`);
  if (f.max) parts.push(Prisma.sql`abs(t.amount) <= ${f.max}::numeric`);
  if (f.direction === "in") parts.push(Prisma.sql`t.amount > 0`);
  if (f.direction === "out") parts.push(Prisma.sql`t.amount < 0`);
  if (f.statuses.length) parts.push(Prisma.sql`t.status::text = ANY(${f.statuses}::text[])`);
  if (f.categories.length) {
    // The user's own category wins over XS2A's; a group ("K.2") includes its children, and so
    // does an own parent category ("u:<id>": its sub-categories, looked up once per query).
    const shown = Prisma.sql`coalesce(t."userCategory", t."categoryId")`;
    const prefixes = f.categories.map((c) => `${c}.%`);
    const ownParents = f.categories.filter(isOwnCategoryId);
    const ownChildren = ownParents.length
      ? Prisma.sql` OR ${shown} IN (SELECT 'u:' || c.id FROM "Category" c WHERE c."userId" = ${userId} AND 'u:' || c."parentId" = ANY(${ownParents}::text[]))`
      : Prisma.empty;
    parts.push(
      Prisma.sql`(${shown} = ANY(${f.categories}::text[]) OR ${shown} LIKE ANY(${prefixes}::text[])${ownChildren})`,
    );
  }
  if (f.tags.length)
    parts.push(
      Prisma.sql`(t.tags && ${f.tags}::text[] OR t."userTags" && ${f.tags}::text[] OR t."ruleTags" && ${f.tags}::text[])`,
    );
  // A paired own transfer is one entry: its incoming side is left out while its outgoing side is in
  // the list (not when only incoming rows are asked for, nor under a search or category filter, which
  // the other side may not match).
  if (f.direction !== "in" && !f.q && f.categories.length === 0) {
    const peerParts = [
      Array.isArray(accountIds)
        ? Prisma.sql`p."accountId" = ANY(${accountIds}::text[])`
        : Prisma.sql`p."accountId" = ANY(${accountIds})`,
    ];
    if (f.from) peerParts.push(Prisma.sql`p."bookingDate" >= ${f.from}::date`);
    if (f.to) peerParts.push(Prisma.sql`p."bookingDate" <= ${f.to}::date`);
    if (f.statuses.length) peerParts.push(Prisma.sql`p.status::text = ANY(${f.statuses}::text[])`);
    const peerListed = Prisma.join(peerParts, " AND ");
    parts.push(
      Prisma.sql`NOT (t."transferPeerId" IS NOT NULL AND t.amount > 0 AND EXISTS (SELECT 1 FROM "Transaction" p WHERE p.id = t."transferPeerId" AND ${peerListed}))`,
    );
  }
  if (cursor) parts.push(Prisma.sql`(t."bookingDate", t.id) < (${cursor.bookingDate}::date, ${cursor.id}::bigint)`);
  return Prisma.join(parts, " AND ");
}

/**
 * The ids of the visible accounts (see listVisibleAccounts), narrowed by the account and bank
 * filters, as one SQL array, for a list read that has not loaded the accounts beforehand: used
 * as `t."accountId" = ANY(<this>)` it is an InitPlan computed once, so the page is still an index
 * range scan in list order (a plain join lets the planner start from the accounts and sort every
 * row of them).
 */
export function visibleAccountIdsSql(userId: string, f: TransactionFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    Prisma.sql`a."userId" = ${userId}`,
    Prisma.sql`a."duplicateOfId" IS NULL`,
    Prisma.sql`(a."connectionId" IS NULL OR c.status IN ('ACTIVE', 'DISABLED'))`,
  ];
  if (f.accounts.length) parts.push(Prisma.sql`a.id = ANY(${f.accounts}::text[])`);
  if (f.banks.length) parts.push(Prisma.sql`a."connectionId" = ANY(${f.banks}::text[])`);
  return Prisma.sql`ARRAY(SELECT a.id FROM "BankAccount" a LEFT JOIN "BankConnection" c ON c.id = a."connectionId" WHERE ${Prisma.join(parts, " AND ")})`;
}

/** Narrows the visible accounts by the account and bank filters (empty filter = all). */
export function selectAccountIds(
  visible: { id: string; connectionId: string | null }[],
  f: TransactionFilters,
): string[] {
  return visible
    .filter(
      (a) =>
        (f.accounts.length === 0 || f.accounts.includes(a.id)) &&
        (f.banks.length === 0 || (a.connectionId !== null && f.banks.includes(a.connectionId))),
    )
    .map((a) => a.id);
}

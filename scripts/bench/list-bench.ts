/**
 * The combined transaction list and its search, through Saldo's data layer (`listTransactions`,
 * the function behind the page and /api/transactions), each against a hand-written keyset query
 * with `pg` returning the same columns and rows. Samples alternate between the two.
 */
import type { Pool } from "pg";
import type { Viewer } from "@/lib/auth/viewer";
import { listTransactions, transactionPageSql } from "@/lib/data/transactions";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { EMPTY_FILTERS, toPrefixTsquery, type TransactionFilters } from "@/lib/transactions/filters";
import { timePair, type Timing } from "./stats";

const COLUMNS = `id, "accountId", "bookingDate", amount, currency, status::text AS status, purpose, "counterpartyName", "counterpartyIban", "categoryId", "userCategory", tags, note`;

/** The keyset query a person would write by hand for the first page (100 rows + 1 to know there is more). */
export const KEYSET_SQL = `SELECT ${COLUMNS} FROM "Transaction" WHERE "userId" = $1 ORDER BY "bookingDate" DESC, id DESC LIMIT 101`;
export const SEARCH_SQL = `SELECT ${COLUMNS} FROM "Transaction" WHERE "userId" = $1 AND search @@ to_tsquery('simple', $2) ORDER BY "bookingDate" DESC, id DESC LIMIT 101`;

export interface PairResult {
  saldo: Timing;
  baseline: Timing;
  rows: number;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the data layer's own statement, as /api/transactions runs it. */
export async function explainList(viewer: Viewer, filters: TransactionFilters): Promise<string> {
  const sql = transactionPageSql({ viewer, filters, limit: 101 })!;
  const rows = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

export async function benchFirstPage(opts: {
  pool: Pool;
  viewer: Viewer;
  samples: number;
  warmup: number;
}): Promise<PairResult> {
  let rows = 0;
  const t = await timePair({
    samples: opts.samples,
    warmup: opts.warmup,
    a: async () => (rows = (await listTransactions({ viewer: opts.viewer, filters: EMPTY_FILTERS })).items.length),
    b: () => opts.pool.query(KEYSET_SQL, [opts.viewer.id]),
  });
  return { saldo: t.a, baseline: t.b, rows };
}

export async function benchSearch(opts: {
  pool: Pool;
  viewer: Viewer;
  term: string;
  samples: number;
  warmup: number;
}): Promise<PairResult & { hits: number }> {
  const tsq = toPrefixTsquery(opts.term) ?? "";
  const hits = Number(
    (
      await opts.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM "Transaction" WHERE "userId" = $1 AND search @@ to_tsquery('simple', $2)`,
        [opts.viewer.id, tsq],
      )
    ).rows[0]?.n ?? 0,
  );
  const filters = { ...EMPTY_FILTERS, q: opts.term };
  let rows = 0;
  const t = await timePair({
    samples: opts.samples,
    warmup: opts.warmup,
    a: async () => (rows = (await listTransactions({ viewer: opts.viewer, filters })).items.length),
    b: () => opts.pool.query(SEARCH_SQL, [opts.viewer.id, tsq]),
  });
  return { saldo: t.a, baseline: t.b, rows, hits };
}

/**
 * Where the data layer's time goes (diagnostic): its statement run alone through Prisma (no
 * mapping to DTOs) and through pg, next to a trivial `SELECT 1` through Prisma and through pg
 * (the per-statement floor of each driver).
 */
export async function benchListParts(opts: { pool: Pool; viewer: Viewer; samples: number; warmup: number }) {
  const sql = transactionPageSql({ viewer: opts.viewer, filters: EMPTY_FILTERS, limit: 101 })!;
  const parts = await timePair({
    samples: opts.samples,
    warmup: opts.warmup,
    a: () => db.$queryRaw(sql),
    b: () => opts.pool.query(sql.text, sql.values as unknown[]),
  });
  const floor = await timePair({
    samples: opts.samples,
    warmup: opts.warmup,
    a: () => db.$queryRaw`SELECT 1`,
    b: () => opts.pool.query("SELECT 1"),
  });
  return { prismaStatement: parts.a, pgStatement: parts.b, prismaSelect1: floor.a, pgSelect1: floor.b };
}

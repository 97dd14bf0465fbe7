/**
 * The import's baseline: the same normalised rows written with `pg` as a plain batched
 * `INSERT … ON CONFLICT DO NOTHING` (5,000 rows a statement, one transaction), with the same
 * `search` tsvector the import stores, so both pay for the same indexes. No comparison with stored
 * rows, no pending handling, no Prisma: the floor a hand-written loader would reach.
 */
import type { Pool } from "pg";
import type { NormalizedTurnover } from "@/lib/import/normalize-turnover";

const SQL = `
INSERT INTO "Transaction" ("userId", "accountId", identity, status, "bookingDate", amount, currency, purpose,
  "counterpartyName", "counterpartyIban", "counterpartyBic", "creditorId", "xs2aTransactionId", "categoryId", tags, search, "updatedAt")
SELECT $1, $2, i.identity, i.status::"TransactionStatus", i.d, i.amount, i.currency, i.purpose, i.cn, i.ci, i.cb, i.cr, i.tx, i.cat,
  string_to_array(i.tags, chr(31)),
  to_tsvector('simple', coalesce(i.purpose, '') || ' ' || coalesce(i.cn, '')), now()
FROM unnest($3::text[], $4::text[], $5::date[], $6::numeric[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
            $12::text[], $13::text[], $14::text[], $15::text[])
  AS i(identity, status, d, amount, currency, purpose, cn, ci, cb, cr, tx, cat, tags)
ON CONFLICT ("accountId", identity) DO NOTHING`;

export async function baselineInsert(opts: {
  pool: Pool;
  userId: string;
  accountId: string;
  rows: readonly NormalizedTurnover[];
  chunkSize?: number;
}) {
  const chunkSize = opts.chunkSize ?? 5000;
  const client = await opts.pool.connect();
  let inserted = 0;
  try {
    await client.query("BEGIN");
    for (let i = 0; i < opts.rows.length; i += chunkSize) {
      const c = opts.rows.slice(i, i + chunkSize);
      const res = await client.query(SQL, [
        opts.userId,
        opts.accountId,
        c.map((r) => r.identity),
        c.map((r) => r.status),
        c.map((r) => r.bookingDate),
        c.map((r) => r.amount),
        c.map((r) => r.currency),
        c.map((r) => r.purpose),
        c.map((r) => r.counterpartyName),
        c.map((r) => r.counterpartyIban),
        c.map((r) => r.counterpartyBic),
        c.map((r) => r.creditorId),
        c.map((r) => r.xs2aTransactionId),
        c.map((r) => r.categoryId),
        c.map((r) => r.tags.join("\u001f")),
      ]);
      inserted += res.rowCount ?? 0;
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return { inserted };
}

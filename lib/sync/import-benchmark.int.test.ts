/**
 * A local measurement, printed and not asserted: importing 100,000 turnovers into one account with
 * upsertAccountTransactions vs a plain batched `unnest` INSERT … ON CONFLICT written with pg.
 * Runs only with SYNC_BENCH=1:
 *   SYNC_BENCH=1 node prisma/with-db.mjs --fresh npx vitest run --project integration lib/sync/import-benchmark
 */
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { normalizeTurnovers } from "./normalize-turnover.ts";
import { createAccount, createConnection, createUser, turnover } from "./test-fixtures.ts";
import type { SourceTurnover } from "./types.ts";
import { CHUNK_SIZE, upsertAccountTransactions } from "./upsert-transactions.ts";

const N = Number(process.env.SYNC_BENCH_N ?? 100_000);

function generate(n: number): SourceTurnover[] {
  const shops = ["REWE", "EDEKA", "Aldi Süd", "dm-drogerie markt", "Deutsche Bahn", "Stadtwerke", "Café Bohne", "Amazon EU"];
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2022, 0, 1) + (i % 1460) * 86_400_000).toISOString().slice(0, 10);
    return turnover({
      bookingDate: day,
      cents: -((i * 7919) % 50_000) - 1,
      transactionId: i % 2 === 0 ? `TX-${i}` : null,
      purpose: [`${shops[i % shops.length]} SAGT DANKE ${i % 977}`, `KARTE 1 ${day}`],
      counterHolder: shops[i % shops.length]!,
      counterIban: i % 3 === 0 ? "DE89370400440532013000" : null,
      tags: i % 5 === 0 ? ["groceries"] : [],
      prebooked: i >= n - 500,
    });
  });
}

async function baseline(pool: pg.Pool, userId: string, accountId: string, turnovers: SourceTurnover[], withSearch: boolean) {
  const rows = normalizeTurnovers({ turnovers, accountCurrency: "EUR" }).turnovers;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    for (let s = 0; s < rows.length; s += CHUNK_SIZE) {
      const c = rows.slice(s, s + CHUNK_SIZE);
      await client.query(
        `INSERT INTO "Transaction" ("userId","accountId",identity,status,"bookingDate",amount,currency,purpose,"counterpartyName","counterpartyIban","xs2aTransactionId",tags,search,"updatedAt")
         SELECT $1, $2, i.identity, i.status::"TransactionStatus", i.d, i.amount, i.currency, i.purpose, i.name, i.iban, i.txid, i.tags::text[],
                ${withSearch ? `to_tsvector('simple', coalesce(i.purpose,'') || ' ' || coalesce(i.name,''))` : "NULL"}, now()
         FROM unnest($3::text[], $4::text[], $5::date[], $6::numeric[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
           AS i(identity, status, d, amount, currency, purpose, name, iban, txid, tags)
         ON CONFLICT ("accountId", identity) DO NOTHING`,
        [
          userId,
          accountId,
          c.map((r) => r.identity),
          c.map((r) => r.status),
          c.map((r) => r.bookingDate),
          c.map((r) => r.amount),
          c.map((r) => r.currency),
          c.map((r) => r.purpose),
          c.map((r) => r.counterpartyName),
          c.map((r) => r.counterpartyIban),
          c.map((r) => r.xs2aTransactionId),
          c.map((r) => `{${r.tags.map((t) => `"${t}"`).join(",")}}`),
        ],
      );
    }
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

describe.skipIf(!process.env.SYNC_BENCH)(`import benchmark (${N} turnovers)`, () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  afterAll(async () => {
    await pool.end();
    await db.$disconnect();
  });

  it("prints timings", async () => {
    const user = await createUser(db);
    const conn = await createConnection(db, user.id);
    const turnovers = generate(N);
    const lines: string[] = [];
    const best = { baseline: Infinity, baselineNoSearch: Infinity, ours: Infinity, reimport: Infinity, reimportChanged: Infinity };
    for (let round = 0; round < 2; round++) {
      const a1 = await createAccount(db, user.id, conn.id);
      const a2 = await createAccount(db, user.id, conn.id);
      const a3 = await createAccount(db, user.id, conn.id);
      const [tb] = await timed(() => baseline(pool, user.id, a1.id, turnovers, true));
      const [tbn] = await timed(() => baseline(pool, user.id, a2.id, turnovers, false));
      const window = { from: "2022-01-01", to: "2025-12-31" };
      const [to, r1] = await timed(() => upsertAccountTransactions({ db, userId: user.id, accountId: a3.id, turnovers, window }));
      expect(r1.added).toBe(N);
      const [tr, r2] = await timed(() => upsertAccountTransactions({ db, userId: user.id, accountId: a3.id, turnovers, window }));
      expect(r2).toMatchObject({ added: 0, updated: 0, removed: 0 });
      const changed = turnovers.map((t, i) => (i % 100 === 2 && !t.prebooked && t.transactionId ? { ...t, purpose: [...t.purpose, "korrigiert"] } : t));
      const [tc, r3] = await timed(() => upsertAccountTransactions({ db, userId: user.id, accountId: a3.id, turnovers: changed, window }));
      lines.push(`round ${round + 1}: baseline ${tb.toFixed(0)} ms (no tsvector ${tbn.toFixed(0)} ms) · upsertAccountTransactions ${to.toFixed(0)} ms · re-import ${tr.toFixed(0)} ms · re-import with ${r3.updated} changed ${tc.toFixed(0)} ms`);
      best.baseline = Math.min(best.baseline, tb);
      best.baselineNoSearch = Math.min(best.baselineNoSearch, tbn);
      best.ours = Math.min(best.ours, to);
      best.reimport = Math.min(best.reimport, tr);
      best.reimportChanged = Math.min(best.reimportChanged, tc);
    }
    lines.push(`best: ours/baseline = ${(best.ours / best.baseline).toFixed(2)}× (first import), re-import ${(best.reimport / best.baseline).toFixed(2)}×`);
    console.log(`\n[sync bench] ${N} turnovers, chunks of ${CHUNK_SIZE}\n  ${lines.join("\n  ")}\n`);
  }, 600_000);
});

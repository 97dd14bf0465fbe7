/**
 * A fast stand-in for the real import when filling the list user's further accounts
 * (BENCH_SEED=sql): one account row and `rows` booked transactions generated in SQL, shaped like
 * the sandbox's history (card payments at the usual merchants, a monthly rent and salary, income
 * transfers) over the last 365 days, with the same `search` tsvector the import writes.
 */
import type { Pool } from "pg";

const SQL = `
WITH m(k, name, purpose, category, lo, hi) AS (VALUES
  (0, 'REWE Markt GmbH', 'REWE SAGT DANKE Kartenzahlung girocard', 'K.2.1', 850, 9500),
  (1, 'EDEKA Zentrale AG', 'EDEKA Kartenzahlung girocard', 'K.2.1', 600, 7800),
  (2, 'ALDI SUED Dienstleistungs-GmbH', 'ALDI SUED Kartenzahlung girocard', 'K.2.1', 700, 6400),
  (3, 'Lidl Vertriebs GmbH', 'Lidl sagt Danke Kartenzahlung girocard', 'K.2.1', 500, 5500),
  (4, 'dm-drogerie markt GmbH', 'dm-drogerie markt Kartenzahlung girocard', 'K.9.1', 290, 3900),
  (5, 'Aral Tankstelle', 'Aral Tankstelle Bochum Kartenzahlung', 'K.8.1', 2500, 8500),
  (6, 'Amazon EU S.a.r.l.', 'AMAZON PAYMENTS EUROPE Bestellung', 'K.7.1', 799, 8999),
  (7, 'Zalando SE', 'Zalando SE Bestellung Lastschrift', 'K.7.1', 1995, 12995),
  (8, 'Lieferando.de', 'Lieferando.de Bestellung', 'K.2.2', 1450, 4800),
  (9, 'Deutsche Bahn Fernverkehr AG', 'DB Fernverkehr Online-Ticket', 'K.8.2', 1790, 12900)
)
INSERT INTO "Transaction" ("userId", "accountId", identity, status, "bookingDate", amount, currency, purpose,
  "counterpartyName", "categoryId", tags, search, "updatedAt")
SELECT $1, $2, 'bench:' || g, 'BOOKED', d, amount, 'EUR', purpose, name, category, ARRAY['card'],
  to_tsvector('simple', purpose || ' ' || coalesce(name, '')), now()
FROM (
  SELECT g, (current_date - (g * 365 / $3))::date AS d,
    CASE WHEN g % 997 = 0 THEN 2850.00 WHEN g % 991 = 0 THEN -1150.00
         ELSE -((lo + (hashint4(g) & 2147483647) % (hi - lo)) / 100.0)::numeric(18, 2) END AS amount,
    CASE WHEN g % 997 = 0 THEN 'Gehalt ' || to_char(current_date - (g * 365 / $3), 'MM/YYYY') || ' Beispiel AG'
         WHEN g % 991 = 0 THEN 'Miete ' || to_char(current_date - (g * 365 / $3), 'MM/YYYY') || ' Wohnung 3. OG'
         ELSE purpose END AS purpose,
    CASE WHEN g % 997 = 0 THEN 'Beispiel AG' WHEN g % 991 = 0 THEN 'Hausverwaltung Muster GmbH' ELSE name END AS name,
    CASE WHEN g % 997 = 0 THEN 'E.1.1' WHEN g % 991 = 0 THEN 'K.1.1' ELSE category END AS category
  FROM generate_series(0, $3 - 1) g JOIN m ON m.k = (hashint4(g + $4) & 2147483647) % 10
) s`;

export async function seedSqlAccount(opts: {
  pool: Pool;
  userId: string;
  index: number;
  rows: number;
}): Promise<string> {
  const id = `bench-sql-${opts.index}`;
  const iban = `DE00BENCH${String(opts.index).padStart(13, "0")}`;
  await opts.pool.query(
    `INSERT INTO "BankAccount" (id, "userId", "xs2aId", iban, "bankName", description, type, currency, balance, "updatedAt")
     VALUES ($1, $2, $1, $3, 'Benchbank', 'Girokonto ' || $4::text, 'GIRO', 'EUR', 1234.56, now())`,
    [id, opts.userId, iban, opts.index],
  );
  await opts.pool.query(SQL, [opts.userId, id, opts.rows, opts.index * 1_000_003]);
  return id;
}

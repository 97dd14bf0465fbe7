-- The kept sums ("TransactionMonthly", "TransactionDaily") on an UPDATE of "Transaction": each
-- trigger first checks whether any updated row changed a value its sums are grouped or summed by,
-- and does nothing if none did. Before, every UPDATE subtracted all its old rows and added all its
-- new ones (twice as many rows as it updated, sorted on disk above work_mem) only to find that
-- nothing had moved: applying a rule that sets a category still "updated" the daily sums, a rule
-- that adds tags or renames the counterparty both sums, and so did a note or a pending row's
-- metadata. When something did change, the sums are computed as before (rows that did not change
-- cancel out), so the result is the same either way.
--
-- Old and new rows are paired by id (a row without a pair, were an id ever changed, counts as a
-- change: its columns are all null on one side). Daily: account,
-- user, day, status, amount. Monthly: account, user, booking day (a move within the month goes the
-- long way, and cancels out), currency, status, amount, and the category as counted (own transfer
-- 'N', else the user's or a rule's category, else the bank's). INSERT and DELETE are unchanged.
CREATE OR REPLACE FUNCTION "saldo_transaction_monthly"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "TransactionMonthly" AS m ("accountId", "userId", month, currency, category, status, income, spending, count)
      SELECT "accountId", "userId", date_trunc('month', "bookingDate")::date, currency, CASE WHEN "transferPeerId" IS NOT NULL THEN 'N' ELSE coalesce("userCategory", "categoryId", '') END, status,
             coalesce(sum(amount) FILTER (WHERE amount > 0), 0), coalesce(sum(amount) FILTER (WHERE amount < 0), 0), count(*)
      FROM new_rows WHERE status <> 'CANCELED' GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 3, 4, 5, 6
    ON CONFLICT ("accountId", month, currency, category, status) DO UPDATE
      SET income = m.income + EXCLUDED.income, spending = m.spending + EXCLUDED.spending, count = m.count + EXCLUDED.count;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "TransactionMonthly" AS m ("accountId", "userId", month, currency, category, status, income, spending, count)
      SELECT "accountId", "userId", date_trunc('month', "bookingDate")::date, currency, CASE WHEN "transferPeerId" IS NOT NULL THEN 'N' ELSE coalesce("userCategory", "categoryId", '') END, status,
             -coalesce(sum(amount) FILTER (WHERE amount > 0), 0), -coalesce(sum(amount) FILTER (WHERE amount < 0), 0), -count(*)
      FROM old_rows o
      -- When the account itself is being deleted its sums go with it (by cascade, in either order).
      WHERE status <> 'CANCELED' AND EXISTS (SELECT 1 FROM "BankAccount" a WHERE a.id = o."accountId")
      GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 3, 4, 5, 6
    ON CONFLICT ("accountId", month, currency, category, status) DO UPDATE
      SET income = m.income + EXCLUDED.income, spending = m.spending + EXCLUDED.spending, count = m.count + EXCLUDED.count;
  ELSE
    -- Nothing the monthly sums group or sum by changed in any row (a rule's tags or counterparty,
    -- a note, a category set to what it was): nothing to do.
    IF NOT EXISTS (
      SELECT 1 FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
      WHERE (o."accountId", o."userId", o."bookingDate", o.currency, o.status, o.amount,
             CASE WHEN o."transferPeerId" IS NOT NULL THEN 'N' ELSE coalesce(o."userCategory", o."categoryId", '') END)
        IS DISTINCT FROM (n."accountId", n."userId", n."bookingDate", n.currency, n.status, n.amount,
             CASE WHEN n."transferPeerId" IS NOT NULL THEN 'N' ELSE coalesce(n."userCategory", n."categoryId", '') END)
    ) THEN
      RETURN NULL;
    END IF;
    INSERT INTO "TransactionMonthly" AS m ("accountId", "userId", month, currency, category, status, income, spending, count)
      SELECT "accountId", "userId", month, currency, category, status, sum(income), sum(spending), sum(n)
      FROM (
        SELECT "accountId", "userId", date_trunc('month', "bookingDate")::date AS month, currency,
               CASE WHEN "transferPeerId" IS NOT NULL THEN 'N' ELSE coalesce("userCategory", "categoryId", '') END AS category, status,
               CASE WHEN amount > 0 THEN amount ELSE 0 END AS income, CASE WHEN amount < 0 THEN amount ELSE 0 END AS spending, 1 AS n
        FROM new_rows WHERE status <> 'CANCELED'
        UNION ALL
        SELECT "accountId", "userId", date_trunc('month', "bookingDate")::date, currency,
               CASE WHEN "transferPeerId" IS NOT NULL THEN 'N' ELSE coalesce("userCategory", "categoryId", '') END, status,
               CASE WHEN amount > 0 THEN -amount ELSE 0 END, CASE WHEN amount < 0 THEN -amount ELSE 0 END, -1
        FROM old_rows WHERE status <> 'CANCELED'
      ) d
      GROUP BY 1, 2, 3, 4, 5, 6
      -- Rows whose values did not change cancel out here.
      HAVING sum(income) <> 0 OR sum(spending) <> 0 OR sum(n) <> 0
      ORDER BY 1, 3, 4, 5, 6
    ON CONFLICT ("accountId", month, currency, category, status) DO UPDATE
      SET income = m.income + EXCLUDED.income, spending = m.spending + EXCLUDED.spending, count = m.count + EXCLUDED.count;
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "saldo_transaction_daily"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "TransactionDaily" AS d ("accountId", "userId", day, amount, count)
      SELECT "accountId", "userId", "bookingDate", sum(amount), count(*)
      FROM new_rows WHERE status = 'BOOKED' GROUP BY 1, 2, 3 ORDER BY 1, 3
    ON CONFLICT ("accountId", day) DO UPDATE SET amount = d.amount + EXCLUDED.amount, count = d.count + EXCLUDED.count;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "TransactionDaily" AS d ("accountId", "userId", day, amount, count)
      SELECT "accountId", "userId", "bookingDate", -sum(amount), -count(*)
      FROM old_rows o
      -- When the account itself is being deleted its days go with it (by cascade, in either order).
      WHERE status = 'BOOKED' AND EXISTS (SELECT 1 FROM "BankAccount" a WHERE a.id = o."accountId")
      GROUP BY 1, 2, 3 ORDER BY 1, 3
    ON CONFLICT ("accountId", day) DO UPDATE SET amount = d.amount + EXCLUDED.amount, count = d.count + EXCLUDED.count;
  ELSE
    -- Nothing the daily sums group or sum by changed in any row (a category, a rule's tags, a
    -- note): nothing to do.
    IF NOT EXISTS (
      SELECT 1 FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
      WHERE (o."accountId", o."userId", o."bookingDate", o.status, o.amount)
        IS DISTINCT FROM (n."accountId", n."userId", n."bookingDate", n.status, n.amount)
    ) THEN
      RETURN NULL;
    END IF;
    INSERT INTO "TransactionDaily" AS d ("accountId", "userId", day, amount, count)
      SELECT "accountId", "userId", day, sum(amount), sum(n)
      FROM (
        SELECT "accountId", "userId", "bookingDate" AS day, amount, 1 AS n FROM new_rows WHERE status = 'BOOKED'
        UNION ALL
        SELECT "accountId", "userId", "bookingDate", -amount, -1 FROM old_rows WHERE status = 'BOOKED'
      ) x
      GROUP BY 1, 2, 3
      HAVING sum(amount) <> 0 OR sum(n) <> 0
      ORDER BY 1, 3
    ON CONFLICT ("accountId", day) DO UPDATE SET amount = d.amount + EXCLUDED.amount, count = d.count + EXCLUDED.count;
  END IF;
  RETURN NULL;
END;
$$;

-- The dashboard's monthly sums (see model TransactionMonthly in schema.prisma).
-- CreateTable
CREATE TABLE "TransactionMonthly" (
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" "TransactionStatus" NOT NULL,
    "income" DECIMAL(18,2) NOT NULL,
    "spending" DECIMAL(18,2) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "TransactionMonthly_pkey" PRIMARY KEY ("accountId","month","currency","category","status")
);

-- CreateIndex
CREATE INDEX "TransactionMonthly_userId_month_idx" ON "TransactionMonthly"("userId", "month");

-- AddForeignKey
ALTER TABLE "TransactionMonthly" ADD CONSTRAINT "TransactionMonthly_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Kept up to date by statement-level triggers with transition tables: one aggregate per
-- statement (an import chunk of 5,000 rows costs one small GROUP BY, an unchanged re-import
-- writes no rows and so costs nothing). Inserted rows add, deleted rows subtract, updated rows
-- subtract their old and add their new values, in the same transaction as the change.
-- Cancelled rows count nowhere, so they are left out. Groups are upserted in key order so that
-- concurrent writers take the summary's row locks in the same order. A group whose rows are all
-- gone keeps a row of zeros (harmless to every sum).
CREATE FUNCTION "saldo_transaction_monthly"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "TransactionMonthly" AS m ("accountId", "userId", month, currency, category, status, income, spending, count)
      SELECT "accountId", "userId", date_trunc('month', "bookingDate")::date, currency, coalesce("userCategory", "categoryId", ''), status,
             coalesce(sum(amount) FILTER (WHERE amount > 0), 0), coalesce(sum(amount) FILTER (WHERE amount < 0), 0), count(*)
      FROM new_rows WHERE status <> 'CANCELED' GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 3, 4, 5, 6
    ON CONFLICT ("accountId", month, currency, category, status) DO UPDATE
      SET income = m.income + EXCLUDED.income, spending = m.spending + EXCLUDED.spending, count = m.count + EXCLUDED.count;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "TransactionMonthly" AS m ("accountId", "userId", month, currency, category, status, income, spending, count)
      SELECT "accountId", "userId", date_trunc('month', "bookingDate")::date, currency, coalesce("userCategory", "categoryId", ''), status,
             -coalesce(sum(amount) FILTER (WHERE amount > 0), 0), -coalesce(sum(amount) FILTER (WHERE amount < 0), 0), -count(*)
      FROM old_rows o
      -- When the account itself is being deleted its sums go with it (by cascade, in either order).
      WHERE status <> 'CANCELED' AND EXISTS (SELECT 1 FROM "BankAccount" a WHERE a.id = o."accountId")
      GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 3, 4, 5, 6
    ON CONFLICT ("accountId", month, currency, category, status) DO UPDATE
      SET income = m.income + EXCLUDED.income, spending = m.spending + EXCLUDED.spending, count = m.count + EXCLUDED.count;
  ELSE
    INSERT INTO "TransactionMonthly" AS m ("accountId", "userId", month, currency, category, status, income, spending, count)
      SELECT "accountId", "userId", month, currency, category, status, sum(income), sum(spending), sum(n)
      FROM (
        SELECT "accountId", "userId", date_trunc('month', "bookingDate")::date AS month, currency,
               coalesce("userCategory", "categoryId", '') AS category, status,
               CASE WHEN amount > 0 THEN amount ELSE 0 END AS income, CASE WHEN amount < 0 THEN amount ELSE 0 END AS spending, 1 AS n
        FROM new_rows WHERE status <> 'CANCELED'
        UNION ALL
        SELECT "accountId", "userId", date_trunc('month', "bookingDate")::date, currency,
               coalesce("userCategory", "categoryId", ''), status,
               CASE WHEN amount > 0 THEN -amount ELSE 0 END, CASE WHEN amount < 0 THEN -amount ELSE 0 END, -1
        FROM old_rows WHERE status <> 'CANCELED'
      ) d
      GROUP BY 1, 2, 3, 4, 5, 6
      -- An update of a note or of nothing the sums see changes nothing here.
      HAVING sum(income) <> 0 OR sum(spending) <> 0 OR sum(n) <> 0
      ORDER BY 1, 3, 4, 5, 6
    ON CONFLICT ("accountId", month, currency, category, status) DO UPDATE
      SET income = m.income + EXCLUDED.income, spending = m.spending + EXCLUDED.spending, count = m.count + EXCLUDED.count;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Transaction_monthly_insert" AFTER INSERT ON "Transaction"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "saldo_transaction_monthly"();
CREATE TRIGGER "Transaction_monthly_update" AFTER UPDATE ON "Transaction"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "saldo_transaction_monthly"();
CREATE TRIGGER "Transaction_monthly_delete" AFTER DELETE ON "Transaction"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "saldo_transaction_monthly"();

-- The sums of the rows already there.
INSERT INTO "TransactionMonthly" ("accountId", "userId", month, currency, category, status, income, spending, count)
  SELECT "accountId", "userId", date_trunc('month', "bookingDate")::date, currency, coalesce("userCategory", "categoryId", ''), status,
         coalesce(sum(amount) FILTER (WHERE amount > 0), 0), coalesce(sum(amount) FILTER (WHERE amount < 0), 0), count(*)
  FROM "Transaction" WHERE status <> 'CANCELED' GROUP BY 1, 2, 3, 4, 5, 6;

-- CreateTable
CREATE TABLE "TransactionDaily" (
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "TransactionDaily_pkey" PRIMARY KEY ("accountId","day")
);

-- CreateIndex
CREATE INDEX "TransactionDaily_userId_day_idx" ON "TransactionDaily"("userId", "day");

-- AddForeignKey
ALTER TABLE "TransactionDaily" ADD CONSTRAINT "TransactionDaily_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Kept up to date like "TransactionMonthly" (see its migration): statement-level triggers with
-- transition tables, one small aggregate per statement, in the same transaction as the change.
-- Only booked rows count (a pending row's amount is not in the booked balance). An update that
-- changes no booked amount or day (a category, a note, a rule's tag) writes nothing here. Groups
-- are upserted in key order so that concurrent writers lock the summary's rows in the same order.
CREATE FUNCTION "saldo_transaction_daily"() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER "Transaction_daily_insert" AFTER INSERT ON "Transaction"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "saldo_transaction_daily"();
CREATE TRIGGER "Transaction_daily_update" AFTER UPDATE ON "Transaction"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "saldo_transaction_daily"();
CREATE TRIGGER "Transaction_daily_delete" AFTER DELETE ON "Transaction"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "saldo_transaction_daily"();

-- The days of the rows already there.
INSERT INTO "TransactionDaily" ("accountId", "userId", day, amount, count)
  SELECT "accountId", "userId", "bookingDate", sum(amount), count(*)
  FROM "Transaction" WHERE status = 'BOOKED' GROUP BY 1, 2, 3;

-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "transferPeerId" BIGINT;

-- CreateTable
CREATE TABLE "TransferRejection" (
    "outId" BIGINT NOT NULL,
    "inId" BIGINT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransferRejection_pkey" PRIMARY KEY ("outId","inId")
);

-- CreateTable
CREATE TABLE "Budget" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "amount" DECIMAL(18,2) NOT NULL,
    "rollover" BOOLEAN NOT NULL DEFAULT false,
    "emailAlerts" BOOLEAN NOT NULL DEFAULT false,
    "startMonth" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Budget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetAlert" (
    "budgetId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "threshold" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "emailedAt" TIMESTAMP(3),

    CONSTRAINT "BudgetAlert_pkey" PRIMARY KEY ("budgetId","month","threshold")
);

-- CreateIndex
CREATE INDEX "TransferRejection_inId_idx" ON "TransferRejection"("inId");

-- CreateIndex
CREATE INDEX "TransferRejection_userId_idx" ON "TransferRejection"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Budget_userId_category_currency_key" ON "Budget"("userId", "category", "currency");

-- CreateIndex
CREATE INDEX "Transaction_transferPeerId_idx" ON "Transaction"("transferPeerId");

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_transferPeerId_fkey" FOREIGN KEY ("transferPeerId") REFERENCES "Transaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferRejection" ADD CONSTRAINT "TransferRejection_outId_fkey" FOREIGN KEY ("outId") REFERENCES "Transaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferRejection" ADD CONSTRAINT "TransferRejection_inId_fkey" FOREIGN KEY ("inId") REFERENCES "Transaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Budget" ADD CONSTRAINT "Budget_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetAlert" ADD CONSTRAINT "BudgetAlert_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A row paired with the other side of an own transfer (transferPeerId) counts as an own transfer,
-- category 'N', in the monthly sums, whatever its category: neither income nor spending. The same
-- function as in 20261125110000_transaction_monthly with only the category expression changed.
-- No row is paired yet, so the kept sums need no rebuild.
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
      -- An update of a note or of nothing the sums see changes nothing here.
      HAVING sum(income) <> 0 OR sum(spending) <> 0 OR sum(n) <> 0
      ORDER BY 1, 3, 4, 5, 6
    ON CONFLICT ("accountId", month, currency, category, status) DO UPDATE
      SET income = m.income + EXCLUDED.income, spending = m.spending + EXCLUDED.spending, count = m.count + EXCLUDED.count;
  END IF;
  RETURN NULL;
END;
$$;

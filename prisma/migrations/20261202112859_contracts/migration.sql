-- CreateEnum
CREATE TYPE "ContractStatus" AS ENUM ('SUGGESTED', 'CONFIRMED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "ContractCadence" AS ENUM ('WEEKLY', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY');

-- CreateTable
CREATE TABLE "Contract" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" "ContractStatus" NOT NULL DEFAULT 'SUGGESTED',
    "direction" TEXT NOT NULL,
    "detectedName" TEXT NOT NULL,
    "name" TEXT,
    "cadence" "ContractCadence" NOT NULL,
    "counterpartyName" TEXT,
    "counterpartyIban" TEXT,
    "creditorId" TEXT,
    "mandateReference" TEXT,
    "categoryId" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "amountMin" DECIMAL(18,2) NOT NULL,
    "amountMax" DECIMAL(18,2) NOT NULL,
    "typicalAmount" DECIMAL(18,2) NOT NULL,
    "lastAmount" DECIMAL(18,2) NOT NULL,
    "firstDate" DATE NOT NULL,
    "lastDate" DATE NOT NULL,
    "nextDate" DATE NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "accountIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "endDate" DATE,
    "noticeDays" INTEGER,
    "missingSince" TIMESTAMP(3),
    "detectedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractTransaction" (
    "contractId" TEXT NOT NULL,
    "transactionId" BIGINT NOT NULL,

    CONSTRAINT "ContractTransaction_pkey" PRIMARY KEY ("contractId","transactionId")
);

-- CreateTable
CREATE TABLE "ContractAlertDigest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractAlertDigest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractAlertNotice" (
    "contractId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "since" DATE NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractAlertNotice_pkey" PRIMARY KEY ("contractId","kind","since")
);

-- CreateIndex
CREATE INDEX "Contract_userId_status_idx" ON "Contract"("userId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_userId_key_key" ON "Contract"("userId", "key");

-- CreateIndex
CREATE INDEX "ContractTransaction_transactionId_idx" ON "ContractTransaction"("transactionId");

-- CreateIndex
CREATE UNIQUE INDEX "ContractAlertDigest_userId_day_key" ON "ContractAlertDigest"("userId", "day");

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractTransaction" ADD CONSTRAINT "ContractTransaction_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractTransaction" ADD CONSTRAINT "ContractTransaction_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "Transaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractAlertDigest" ADD CONSTRAINT "ContractAlertDigest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractAlertNotice" ADD CONSTRAINT "ContractAlertNotice_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

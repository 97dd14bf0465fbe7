-- CreateEnum
CREATE TYPE "QuarantineStatus" AS ENUM ('OPEN', 'RESOLVED', 'DISMISSED');

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "quarantined" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "warnings" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "QuarantinedTurnover" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "connectionId" TEXT,
    "rawKey" TEXT NOT NULL,
    "raw" JSONB NOT NULL,
    "reasons" JSONB NOT NULL,
    "status" "QuarantineStatus" NOT NULL DEFAULT 'OPEN',
    "transactionId" TEXT,
    "matchFields" JSONB NOT NULL,
    "retryFrom" DATE,
    "firstSeenRunId" TEXT,
    "lastSeenRunId" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "timesSeen" INTEGER NOT NULL DEFAULT 1,
    "resolvedAt" TIMESTAMP(3),
    "resolvedRunId" TEXT,
    "resolvedIdentity" TEXT,
    "dismissedAt" TIMESTAMP(3),
    "dismissedBy" TEXT,

    CONSTRAINT "QuarantinedTurnover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuarantinedTurnover_connectionId_status_idx" ON "QuarantinedTurnover"("connectionId", "status");

-- CreateIndex
CREATE INDEX "QuarantinedTurnover_status_lastSeenAt_idx" ON "QuarantinedTurnover"("status", "lastSeenAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "QuarantinedTurnover_accountId_rawKey_key" ON "QuarantinedTurnover"("accountId", "rawKey");

-- AddForeignKey
ALTER TABLE "QuarantinedTurnover" ADD CONSTRAINT "QuarantinedTurnover_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantinedTurnover" ADD CONSTRAINT "QuarantinedTurnover_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantinedTurnover" ADD CONSTRAINT "QuarantinedTurnover_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "BankConnection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantinedTurnover" ADD CONSTRAINT "QuarantinedTurnover_firstSeenRunId_fkey" FOREIGN KEY ("firstSeenRunId") REFERENCES "SyncRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantinedTurnover" ADD CONSTRAINT "QuarantinedTurnover_lastSeenRunId_fkey" FOREIGN KEY ("lastSeenRunId") REFERENCES "SyncRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantinedTurnover" ADD CONSTRAINT "QuarantinedTurnover_resolvedRunId_fkey" FOREIGN KEY ("resolvedRunId") REFERENCES "SyncRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

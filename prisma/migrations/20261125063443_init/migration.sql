-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

-- CreateEnum
CREATE TYPE "SyncMode" AS ENUM ('FULL', 'SHARED', 'NONE');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('PENDING', 'ACTIVE', 'DISABLED', 'REMOVED');

-- CreateEnum
CREATE TYPE "WizardPurpose" AS ENUM ('LINK', 'SYNC', 'RENEW', 'RELINK');

-- CreateEnum
CREATE TYPE "WizardStatus" AS ENUM ('OPEN', 'FINISHED', 'ABORTED', 'FAILED');

-- CreateEnum
CREATE TYPE "AccountType" AS ENUM ('GIRO', 'SAVINGS', 'CREDITCARD', 'LOAN', 'SECURITIES', 'WALLET', 'OTHER');

-- CreateEnum
CREATE TYPE "TransactionStatus" AS ENUM ('PENDING', 'BOOKED', 'CANCELED');

-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('MANUAL', 'SCHEDULED', 'LINK', 'RENEW', 'ADMIN');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED', 'NEEDS_USER');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "locale" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "emailReminders" BOOLEAN NOT NULL DEFAULT true,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Xs2aBankUser" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "xs2aUserId" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "tokenCiphertext" TEXT NOT NULL,
    "tokenValidUntil" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Xs2aBankUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankConnection" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "xs2aId" TEXT,
    "transaction" TEXT NOT NULL,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'PENDING',
    "bankName" TEXT,
    "bic" TEXT,
    "bankCode" TEXT,
    "countryId" TEXT,
    "syncMode" "SyncMode" NOT NULL,
    "xs2aSyncMode" "SyncMode",
    "syncActive" BOOLEAN NOT NULL DEFAULT true,
    "syncMessage" TEXT,
    "syncFailCounter" INTEGER NOT NULL DEFAULT 0,
    "xs2aLastSyncedAt" TIMESTAMP(3),
    "lastImportedAt" TIMESTAMP(3),
    "consentValidUntil" DATE,
    "consentSnoozedUntil" TIMESTAMP(3),
    "credentialsCiphertext" TEXT,
    "relinkedFromId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WizardSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "connectionId" TEXT,
    "purpose" "WizardPurpose" NOT NULL,
    "status" "WizardStatus" NOT NULL DEFAULT 'OPEN',
    "key" TEXT NOT NULL,
    "transaction" TEXT NOT NULL,
    "syncMode" "SyncMode" NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "WizardSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankAccount" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "connectionId" TEXT,
    "xs2aId" TEXT NOT NULL,
    "iban" TEXT,
    "accountNumber" TEXT,
    "bankCode" TEXT,
    "bic" TEXT,
    "bankName" TEXT,
    "holder" TEXT,
    "description" TEXT,
    "type" "AccountType" NOT NULL DEFAULT 'OTHER',
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "jointAccount" BOOLEAN NOT NULL DEFAULT false,
    "balance" DECIMAL(18,2),
    "available" DECIMAL(18,2),
    "limit" DECIMAL(18,2),
    "balanceAsOf" TIMESTAMP(3),
    "historyFrom" DATE,
    "closedAt" TIMESTAMP(3),
    "duplicateOfId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BalanceSnapshot" (
    "id" BIGSERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "observedOn" DATE NOT NULL,
    "balance" DECIMAL(18,2) NOT NULL,
    "available" DECIMAL(18,2),

    CONSTRAINT "BalanceSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Transaction" (
    "id" BIGSERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "status" "TransactionStatus" NOT NULL,
    "bookingDate" DATE NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT '',
    "counterpartyName" TEXT,
    "counterpartyIban" TEXT,
    "counterpartyBic" TEXT,
    "creditorId" TEXT,
    "xs2aTransactionId" TEXT,
    "categoryId" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "userCategory" TEXT,
    "note" TEXT,
    "replacedPending" JSONB,
    "search" tsvector,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "triggeredBy" TEXT,
    "status" "SyncStatus" NOT NULL DEFAULT 'QUEUED',
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "requestIds" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentReminder" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "consentValidUntil" DATE NOT NULL,
    "threshold" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "ip" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "resetAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Xs2aBankUser_userId_key" ON "Xs2aBankUser"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Xs2aBankUser_xs2aUserId_key" ON "Xs2aBankUser"("xs2aUserId");

-- CreateIndex
CREATE UNIQUE INDEX "BankConnection_xs2aId_key" ON "BankConnection"("xs2aId");

-- CreateIndex
CREATE UNIQUE INDEX "BankConnection_transaction_key" ON "BankConnection"("transaction");

-- CreateIndex
CREATE INDEX "BankConnection_userId_idx" ON "BankConnection"("userId");

-- CreateIndex
CREATE INDEX "BankConnection_status_consentValidUntil_idx" ON "BankConnection"("status", "consentValidUntil");

-- CreateIndex
CREATE UNIQUE INDEX "WizardSession_transaction_key" ON "WizardSession"("transaction");

-- CreateIndex
CREATE INDEX "WizardSession_userId_status_idx" ON "WizardSession"("userId", "status");

-- CreateIndex
CREATE INDEX "BankAccount_connectionId_idx" ON "BankAccount"("connectionId");

-- CreateIndex
CREATE INDEX "BankAccount_userId_iban_idx" ON "BankAccount"("userId", "iban");

-- CreateIndex
CREATE UNIQUE INDEX "BankAccount_userId_xs2aId_key" ON "BankAccount"("userId", "xs2aId");

-- CreateIndex
CREATE UNIQUE INDEX "BalanceSnapshot_accountId_observedOn_key" ON "BalanceSnapshot"("accountId", "observedOn");

-- CreateIndex
CREATE INDEX "Transaction_userId_bookingDate_id_idx" ON "Transaction"("userId", "bookingDate" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Transaction_accountId_bookingDate_id_idx" ON "Transaction"("accountId", "bookingDate" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Transaction_search_idx" ON "Transaction" USING GIN ("search");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_accountId_identity_key" ON "Transaction"("accountId", "identity");

-- CreateIndex
CREATE INDEX "SyncRun_connectionId_queuedAt_idx" ON "SyncRun"("connectionId", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "SyncRun_status_queuedAt_idx" ON "SyncRun"("status", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentReminder_connectionId_consentValidUntil_threshold_key" ON "ConsentReminder"("connectionId", "consentValidUntil", "threshold");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at" DESC);

-- AddForeignKey
ALTER TABLE "Xs2aBankUser" ADD CONSTRAINT "Xs2aBankUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankConnection" ADD CONSTRAINT "BankConnection_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WizardSession" ADD CONSTRAINT "WizardSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WizardSession" ADD CONSTRAINT "WizardSession_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "BankConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankAccount" ADD CONSTRAINT "BankAccount_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankAccount" ADD CONSTRAINT "BankAccount_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "BankConnection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BalanceSnapshot" ADD CONSTRAINT "BalanceSnapshot_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "BankConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentReminder" ADD CONSTRAINT "ConsentReminder_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentReminder" ADD CONSTRAINT "ConsentReminder_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "BankConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


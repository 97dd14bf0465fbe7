-- AlterTable
ALTER TABLE "BankConnection" ADD COLUMN     "name" TEXT;

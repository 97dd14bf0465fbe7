-- AlterTable
ALTER TABLE "User" ADD COLUMN     "contractAlertEmails" BOOLEAN NOT NULL DEFAULT true;

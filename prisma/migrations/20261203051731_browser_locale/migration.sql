-- AlterTable
ALTER TABLE "User" ADD COLUMN     "browserLocale" TEXT;

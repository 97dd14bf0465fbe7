-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "jobId" TEXT,
ADD COLUMN     "retryAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "bankFailCounterBefore" INTEGER,
ADD COLUMN     "bankLastSyncedBefore" TIMESTAMP(3),
ADD COLUMN     "bankSyncRequestedAt" TIMESTAMP(3);

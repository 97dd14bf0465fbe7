-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "claims" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "ContractTransaction" ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false;

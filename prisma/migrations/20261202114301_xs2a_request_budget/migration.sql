-- CreateTable
CREATE TABLE "Xs2aRequestBudget" (
    "id" TEXT NOT NULL,
    "nextAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Xs2aRequestBudget_pkey" PRIMARY KEY ("id")
);

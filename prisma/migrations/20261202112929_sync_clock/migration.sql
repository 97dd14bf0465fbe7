-- CreateTable
CREATE TABLE "ScheduledDay" (
    "job" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "ranAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "result" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ScheduledDay_pkey" PRIMARY KEY ("job","day")
);

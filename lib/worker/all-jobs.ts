import "server-only";
import type PgBoss from "pg-boss";
import { consentRemindersJob } from "@/lib/consent/reminder-job";
import { contractAlertsJob, detectContractsJob } from "@/lib/contracts/contracts-job";
import { dataExportJob } from "@/lib/export/data-export-job";
import { registerJob, type Job } from "@/lib/jobs/define-job";
import { syncReapJob } from "@/lib/sync/reap-stuck-runs";
import { syncDailyJob } from "@/lib/sync/schedule-daily-syncs";
import { syncConnectionJob } from "@/lib/sync/sync-queue";
import { reapAbandonedWizardsJob } from "@/lib/wizard/reap-abandoned-wizards";

/** Every background job of Saldo; each is declared (name, payload, handler, schedule) beside its feature. */
const ALL_JOBS: Job[] = [
  syncConnectionJob,
  syncDailyJob,
  syncReapJob,
  reapAbandonedWizardsJob,
  consentRemindersJob,
  detectContractsJob,
  contractAlertsJob,
  dataExportJob,
];

/** Makes this worker handle every job. */
export async function registerAllJobs(boss: PgBoss) {
  for (const job of ALL_JOBS) await retryOnDeadlock(() => registerJob(boss, job));
}

/**
 * Workers started together can deadlock inside pg-boss's create_queue (it creates a table per
 * queue); PostgreSQL aborts one of them with 40P01. createQueue is idempotent, so running the
 * registration again is safe.
 */
async function retryOnDeadlock(register: () => Promise<void>, attempts = 5) {
  for (let i = 1; ; i++) {
    try {
      return await register();
    } catch (err) {
      if ((err as { code?: string }).code !== "40P01" || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 400 * i));
    }
  }
}

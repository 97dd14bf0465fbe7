import type PgBoss from "pg-boss";
import { registerConsentReminders } from "@/lib/consent/reminder-job";
import { registerSyncJobs } from "@/lib/jobs/sync-handlers";

/** Every job this worker handles. Each feature adds its queue and handler here. */
export async function registerJobs(boss: PgBoss) {
  await registerSyncJobs(boss);
  await registerConsentReminders(boss);
}

import type PgBoss from "pg-boss";
import { registerConsentReminders } from "@/lib/consent/reminder-job";
import { registerSyncJobs } from "@/lib/jobs/sync-handlers";

/** Every job this worker handles. Each feature adds its queue and handler here. */
export async function registerJobs(boss: PgBoss) {
  await retryOnDeadlock(() => registerSyncJobs(boss));
  await retryOnDeadlock(() => registerConsentReminders(boss));
}

/**
 * Workers started together can deadlock inside pg-boss's create_queue (it creates a table per
 * queue); PostgreSQL aborts one of them with 40P01. createQueue is idempotent and each feature
 * creates its queues before calling work(), so running the registration again is safe.
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

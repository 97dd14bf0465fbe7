import type PgBoss from "pg-boss";
import { registerSyncJobs } from "@/lib/jobs/sync-handlers";

/** Every job this worker handles. Each feature adds its queue and handler here. */
export async function registerJobs(boss: PgBoss) {
  await registerSyncJobs(boss);
}

import type PgBoss from "pg-boss";

/** Every job this worker handles. Each feature adds its queue and handler here. */
export async function registerJobs(boss: PgBoss) {
  void boss;
}

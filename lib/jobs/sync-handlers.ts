import type PgBoss from "pg-boss";
import { DAILY_SYNC_CRON, DAILY_SYNC_TZ, QUEUES, REAP_CRON, syncConnectionPayload } from "@/lib/jobs/queues";
import { sendSyncJob, SYNC_QUEUE_OPTIONS } from "@/lib/jobs/send";
import { log } from "@/lib/log";
import { reapAbandonedLinks } from "@/lib/wizard/reap-abandoned-links";
import { reapStuckRuns } from "@/lib/sync/reap-stuck-runs";
import { runSync } from "@/lib/sync/run-sync";
import { scheduleDailySyncs } from "@/lib/sync/schedule-daily-syncs";

/** Seconds to wait when another run of the connection holds it. */
const BUSY_DELAY_SECONDS = 20;

/** Runs one sync job; retryable XS2A errors and a busy connection re-queue the same run. */
export async function handleSyncJob(boss: PgBoss, raw: unknown) {
  const parsed = syncConnectionPayload.safeParse(raw);
  if (!parsed.success) {
    log.error({ issues: parsed.error.issues }, "invalid sync job payload; dropped");
    return;
  }
  const p = parsed.data;
  const result = await runSync({ runId: p.runId, importOnly: p.importOnly, attempt: p.attempt });
  if (result.outcome === "retry") {
    await sendSyncJob({ ...p, attempt: p.attempt + 1 }, { boss, startAfterSeconds: result.delayMs / 1000 });
  } else if (result.outcome === "busy") {
    await sendSyncJob(p, { boss, startAfterSeconds: BUSY_DELAY_SECONDS });
  }
  log.info(
    { runId: p.runId, outcome: result.outcome, ...(result.outcome === "done" ? { status: result.status } : {}) },
    "sync job handled",
  );
}

export async function registerSyncJobs(boss: PgBoss, opts: { batchSize?: number } = {}) {
  await boss.createQueue(QUEUES.syncConnection, { name: QUEUES.syncConnection, ...SYNC_QUEUE_OPTIONS });
  await boss.createQueue(QUEUES.syncDaily, {
    name: QUEUES.syncDaily,
    policy: "singleton",
    retryLimit: 3,
    retryDelay: 60,
  });
  await boss.createQueue(QUEUES.syncReap, { name: QUEUES.syncReap, policy: "singleton", retryLimit: 0 });
  await boss.work(QUEUES.syncConnection, { batchSize: opts.batchSize ?? 1 }, async (jobs) => {
    for (const job of jobs) await handleSyncJob(boss, job.data);
  });
  await boss.work(QUEUES.syncDaily, async () => {
    await scheduleDailySyncs();
  });
  await boss.work(QUEUES.syncReap, async () => {
    const r = await reapStuckRuns();
    if (r.interrupted || r.expired) log.warn(r, "reaped stuck sync runs");
    const links = await reapAbandonedLinks();
    if (links.abandoned) log.info(links, "removed abandoned bank links");
  });
  await boss.schedule(QUEUES.syncDaily, DAILY_SYNC_CRON, {}, { tz: DAILY_SYNC_TZ });
  await boss.schedule(QUEUES.syncReap, REAP_CRON, {});
}

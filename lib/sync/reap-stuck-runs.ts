import "server-only";
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";
import { db } from "@/lib/db";
import { recoverDeadRuns } from "./recover-dead-runs.ts";

/** How often each worker looks for runs of dead workers (recover-dead-runs.ts). */
const RECOVER_EVERY_MS = 10_000;

/** Longer than a job's pg-boss expiry plus its retry delay, so a retried job can still resume its run. */
const REAP_RUNNING_AFTER_MS = 15 * 60_000;
const REAP_QUEUED_AFTER_MS = 6 * 60 * 60_000;

/**
 * Stuck runs never spin forever in the UI: RUNNING without a heartbeat for 15 minutes (its worker
 * died and its job is gone) becomes FAILED "interrupted"; QUEUED for six hours (its job was
 * lost) becomes FAILED "expired". The data is safe either way: imports are idempotent.
 */
export async function reapStuckRuns(opts: { now?: Date } = {}) {
  const at = opts.now ?? new Date();
  const interrupted = await db.syncRun.updateMany({
    where: {
      status: "RUNNING",
      OR: [
        { heartbeatAt: { lt: new Date(at.getTime() - REAP_RUNNING_AFTER_MS) } },
        { heartbeatAt: null, startedAt: { lt: new Date(at.getTime() - REAP_RUNNING_AFTER_MS) } },
      ],
    },
    data: {
      status: "FAILED",
      finishedAt: at,
      errorCode: "interrupted",
      errorMessage: "The sync was interrupted and did not finish.",
    },
  });
  const expired = await db.syncRun.updateMany({
    where: { status: "QUEUED", queuedAt: { lt: new Date(at.getTime() - REAP_QUEUED_AFTER_MS) } },
    data: {
      status: "FAILED",
      finishedAt: at,
      errorCode: "expired",
      errorMessage: "The sync waited too long and was dropped.",
    },
  });
  return { interrupted: interrupted.count, expired: expired.count };
}

/**
 * Every five minutes, the backstop for runs nobody can take over. Dead workers' runs are taken
 * over much sooner: every worker looks for them every ten seconds (a heartbeat older than 30 s),
 * so a killed worker's run is running again within about 45 s.
 */
export const syncReapJob = defineJob({
  name: "sync-reap",
  payload: z.object({}).passthrough(),
  queue: { policy: "singleton", retryLimit: 0 },
  schedule: { cron: "*/5 * * * *" },
  async handle() {
    const r = await reapStuckRuns();
    if (r.interrupted || r.expired) log.warn(r, "reaped stuck sync runs");
  },
  onWorkerStart(boss) {
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        await recoverDeadRuns({ boss });
      } catch (err) {
        log.warn({ err }, "could not look for runs of dead workers");
      } finally {
        busy = false;
      }
    };
    setInterval(() => void tick(), RECOVER_EVERY_MS).unref();
  },
});

import "server-only";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { STALE_AFTER_MS, TAKEN_OVER } from "./claim-run.ts";
import { cancelSyncJob, orphanedSyncJobs, RESUMED_RUN_PRIORITY, sendSyncJob, syncJobPayload } from "./sync-queue.ts";

/** Runs taken over per pass; the rest go on the next pass, seconds later. */
const BATCH = 100;
/** Triggers whose runs only read what XS2A holds (a wizard's import, an admin's re-run). */
const IMPORT_ONLY_TRIGGERS = new Set(["LINK", "RENEW", "ADMIN"]);

/**
 * Takes over the runs of dead workers: a RUNNING run whose heartbeat is older than 30 s goes back
 * to QUEUED (keeping its checkpoint, so the next attempt resumes instead of asking XS2A again),
 * the dead worker's job is cancelled (it held the connection's one active slot of the `stately`
 * queue until pg-boss's expiry) and a new job for the same run is sent. Every worker runs this
 * every few seconds; `FOR UPDATE SKIP LOCKED` hands each dead run to exactly one of them.
 *
 * A worker can also die holding a job outside a run: after taking the job and before claiming its
 * run, or after the run's end. Such a job, active for 30 s without a RUNNING run of its own, is
 * cancelled (freeing the connection's queue slot) and a still QUEUED run gets a new job. Two
 * workers meeting the same job both cancel it; the queue drops the second new job as a duplicate
 * (or, started already, it finds the run busy or done).
 */
export async function recoverDeadRuns(opts: { boss?: PgBoss; staleAfterMs?: number } = {}) {
  const staleBefore = new Date(Date.now() - (opts.staleAfterMs ?? STALE_AFTER_MS));
  const taken = await db.$queryRaw<{ id: string; connectionId: string; jobId: string | null; trigger: string }[]>`
    WITH dead AS (
      SELECT id, "jobId" FROM "SyncRun"
      WHERE status = 'RUNNING' AND COALESCE("heartbeatAt", "startedAt", "queuedAt") < ${staleBefore}
      ORDER BY "queuedAt"
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "SyncRun" r SET status = 'QUEUED', "heartbeatAt" = NULL, "jobId" = NULL, "errorCode" = ${TAKEN_OVER}
    FROM dead WHERE r.id = dead.id
    RETURNING r.id, r."connectionId", dead."jobId", r.trigger::text AS trigger`;
  for (const run of taken) {
    try {
      const payload = run.jobId ? await syncJobPayload(run.jobId, { boss: opts.boss }) : null;
      if (run.jobId) await cancelSyncJob(run.jobId, { boss: opts.boss });
      const jobId = await sendSyncJob(
        {
          runId: run.id,
          connectionId: run.connectionId,
          importOnly: payload?.importOnly ?? IMPORT_ONLY_TRIGGERS.has(run.trigger),
          attempt: payload?.attempt ?? 1,
        },
        { boss: opts.boss, priority: RESUMED_RUN_PRIORITY },
      );
      // null: a job of this connection is already waiting; it claims the run when it starts.
      log.warn({ runId: run.id, deadJobId: run.jobId, jobId }, "took over the sync run of a dead worker");
    } catch (err) {
      log.error({ err, runId: run.id }, "could not re-queue the run of a dead worker");
    }
  }
  const orphans = await orphanedSyncJobs({ olderThanMs: opts.staleAfterMs ?? STALE_AFTER_MS, limit: BATCH });
  for (const job of orphans) {
    try {
      const payload = await syncJobPayload(job.jobId, { boss: opts.boss });
      await cancelSyncJob(job.jobId, { boss: opts.boss });
      let jobId: string | null = null;
      if (job.status === "QUEUED" && job.runId && job.connectionId) {
        // A run waiting for a retry keeps its delay.
        const waitMs = (job.retryAt?.getTime() ?? 0) - Date.now();
        jobId = await sendSyncJob(
          {
            runId: job.runId,
            connectionId: job.connectionId,
            importOnly: payload?.importOnly ?? false,
            attempt: payload?.attempt ?? 1,
          },
          {
            boss: opts.boss,
            priority: RESUMED_RUN_PRIORITY,
            ...(waitMs > 0 ? { startAfterSeconds: waitMs / 1000 } : {}),
          },
        );
      }
      log.warn(
        { runId: job.runId, runStatus: job.status, deadJobId: job.jobId, jobId },
        "cancelled the sync job of a dead worker outside its run",
      );
    } catch (err) {
      log.error({ err, deadJobId: job.jobId }, "could not cancel the sync job of a dead worker");
    }
  }
  return { recovered: taken.length, orphanedJobs: orphans.length };
}

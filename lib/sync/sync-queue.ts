import "server-only";
import type PgBoss from "pg-boss";
import type { Prisma, SyncTrigger } from "@/lib/generated/prisma/client";
import { z } from "zod";
import { contractsDetectedBefore, sendDetectContractsJob } from "@/lib/contracts/contracts-job";
import { db } from "@/lib/db";
import { pairTransfers } from "@/lib/transfers/pair-transfers";
import { checkBudgetAlerts } from "@/lib/budgets/budgets";
import { today } from "@/lib/clock";
import { defineJob, producerBoss, promoteWaitingJob, sendJob } from "@/lib/jobs/define-job";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import { BUSY_DELAY_SECONDS } from "./retry-policy.ts";
import { runSync } from "./run-sync.ts";

/**
 * The sync queue: one job = one attempt of one SyncRun. The handler runs it and applies the
 * retry policy (retry-policy.ts): a retryable XS2A error re-sends the same run with attempt + 1
 * after the run's delay; a connection busy with another run re-sends it after a short wait.
 *
 * `stately`: per singleton key (the connection) at most one queued and one active job, so twenty
 * clicks on "Sync now" can never run twice at once; the advisory lock in claim-run.ts is the
 * second guard. pg-boss's own retries only recover a worker that died mid-job (expiry).
 */
export const syncConnectionJob = defineJob({
  name: "sync-connection",
  payload: z.object({
    runId: z.string().min(1).max(64),
    connectionId: z.string().min(1).max(64),
    /** Read what XS2A holds without asking it to sync (after a wizard, an admin re-run). */
    importOnly: z.boolean().default(false),
    /** 1 for the first try; +1 after each retryable XS2A error. */
    attempt: z.number().int().min(1).max(20).default(1),
  }),
  queue: { policy: "stately", retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
  // SYNC_CONCURRENCY runs per worker: a run mostly waits on XS2A and PostgreSQL.
  concurrency: () => env().sync.concurrency,
  async handle(p, { boss, jobId, priority }) {
    const result = await runSync({ runId: p.runId, importOnly: p.importOnly, attempt: p.attempt, jobId });
    // A run sent again keeps its job's place (ahead of the daily backlog when someone waits for it).
    const again = { boss, priority };
    if (result.outcome === "retry") {
      await sendSyncJob({ ...p, attempt: p.attempt + 1 }, { ...again, startAfterSeconds: result.delayMs / 1000 });
    } else if (result.outcome === "handback") {
      // Another worker takes it at once. Dropped as a duplicate (a newer job of this connection
      // is queued): fail this job instead, so pg-boss retries it.
      if (!(await sendSyncJob(p, again))) throw new Error("sync run handed back; retry");
    } else if (result.outcome === "busy") {
      await sendSyncJob(p, { ...again, startAfterSeconds: BUSY_DELAY_SECONDS });
    }
    if (result.outcome === "done" && result.status !== "FAILED" && result.userId) {
      const day = await today();
      await afterImport(p.runId, result.userId, result.wrote, day);
      // Unsure (the read failed): detect, as after every import before.
      const stale = result.wrote || (await contractsDetectedBefore(result.userId, day).catch(() => true));
      if (stale) await queueContractDetection(result.userId, boss, result.trigger ? priorityOf(result.trigger) : 0);
    }
    const status = result.outcome === "done" ? { status: result.status } : {};
    metrics().syncRunsHandled.inc({ outcome: result.outcome === "done" ? result.status : result.outcome });
    log.info({ runId: p.runId, outcome: result.outcome, ...status }, "sync job handled");
  },
});

export type SyncJobPayload = z.input<typeof syncConnectionJob.payload>;

/**
 * A run taken over from a dead worker was running already: its new job goes ahead of the waiting
 * ones (pg-boss fetches by priority first), or behind a backlog (a daily run) it would wait far
 * longer than the minute its recovery promises.
 */
export const RESUMED_RUN_PRIORITY = 10;

/**
 * A run someone waits for (sync now, a finished wizard, an admin's re-run) goes ahead of the
 * daily run's backlog: at 05:30 a user who renewed a consent must not wait behind a million
 * scheduled syncs. Only a resumed run goes before it.
 */
export const USER_RUN_PRIORITY = 5;

export const priorityOf = (trigger: SyncTrigger) => (trigger === "SCHEDULED" ? 0 : USER_RUN_PRIORITY);

/** Sends one attempt of a run; returns the job id, or null when the queue dropped it as a duplicate. */
export function sendSyncJob(
  payload: SyncJobPayload,
  opts: { startAfterSeconds?: number; boss?: PgBoss; priority?: number } = {},
) {
  return sendJob(syncConnectionJob, payload, {
    boss: opts.boss,
    singletonKey: payload.connectionId,
    ...(opts.startAfterSeconds ? { startAfter: Math.ceil(opts.startAfterSeconds) } : {}),
    ...(opts.priority ? { priority: opts.priority } : {}),
  });
}

/**
 * A user's run takes over the connection's waiting scheduled run instead of queueing behind it
 * (the queue holds one waiting job per connection): the waiting job moves ahead of the backlog,
 * starts now instead of at its slot in the daily window, and reads the way the user's run would
 * (`importOnly` after a wizard). Runs in the caller's transaction, which holds the connection's
 * enqueue lock. Returns false when no job was waiting (a worker took it already: it runs now).
 */
export function promoteWaitingSyncJob(
  tx: Prisma.TransactionClient,
  opts: { runId: string; connectionId: string; importOnly: boolean; priority: number },
) {
  return promoteWaitingJob(tx, syncConnectionJob, {
    singletonKey: opts.connectionId,
    priority: opts.priority,
    startNow: true,
    match: { runId: opts.runId },
    set: { importOnly: opts.importOnly },
  });
}

/**
 * After every import: the two sides of new own transfers are paired (over all the user's banks;
 * only after an import that wrote, since only new rows can pair), then the budgets' 80 % and
 * 100 % alerts are checked (pairing first: a transfer never counts as spending; checked after
 * every import, since a new month's rollover can cross a threshold without a new row). A failure
 * here is logged and leaves the run as it is: the next import (for pairing: the next that writes)
 * tries again.
 */
async function afterImport(runId: string, userId: string, wrote: boolean, day: string) {
  if (wrote)
    await pairTransfers({ userId })
      .then((r) => log.info({ runId, ...r }, "transfers paired"))
      .catch((err) => log.warn({ err }, "transfers not paired"));
  await checkBudgetAlerts({ userId, today: day }).catch((err) => log.warn({ err }, "budget alerts not checked"));
}

/**
 * New transactions may complete (or end) contracts: detection runs after every import that wrote.
 * An import that wrote nothing leaves detection's input as it was, so it runs only when the day
 * moved on since it last ran (a payment not arriving makes a contract late or inactive): a
 * "Sync now" with nothing new no longer re-reads all the user's transactions.
 */
async function queueContractDetection(userId: string, boss: PgBoss, priority: number) {
  await sendDetectContractsJob(userId, { boss, priority }).catch((err) =>
    log.warn({ err }, "contract detection not queued"),
  );
}

/**
 * Frees the connection's slot in the queue held by a dead worker's job (`stately`: one active job
 * per connection, which pg-boss would otherwise keep until its expiry, ten minutes later).
 */
export async function cancelSyncJob(jobId: string, opts: { boss?: PgBoss } = {}) {
  const boss = opts.boss ?? (await producerBoss());
  await boss.cancel(syncConnectionJob.name, jobId);
}

/**
 * Sync jobs active for longer than `olderThanMs` that run no live run: their worker took the job
 * and died before claiming the run (still QUEUED), or after the run's end (pairing transfers,
 * budget alerts), or the run belongs to another job by now. A live handler holds a job in that
 * state for moments only: claiming the run is its first step and completing the job follows the
 * run's end. Such a job keeps the connection's one active slot of the `stately` queue until
 * pg-boss's expiry, ten minutes later; worse, once a job of the same connection is first in line,
 * every fetch of the queue fails on the slot (pg-boss ignores the unique violation and returns
 * nothing), so no connection syncs meanwhile.
 */
export function orphanedSyncJobs(opts: { olderThanMs: number; limit: number }) {
  return db.$queryRaw<
    { jobId: string; runId: string | null; status: string | null; connectionId: string | null; retryAt: Date | null }[]
  >`
    SELECT j.id::text AS "jobId", r.id AS "runId", r.status::text AS status, r."connectionId", r."retryAt"
    FROM pgboss.job j LEFT JOIN "SyncRun" r ON r.id = j.data->>'runId'
    WHERE j.name = ${syncConnectionJob.name} AND j.state = 'active'
      AND j.started_on < now() - ${opts.olderThanMs}::int * interval '1 millisecond'
      AND (r.id IS NULL OR r.status <> 'RUNNING' OR r."jobId" IS DISTINCT FROM j.id::text)
    ORDER BY j.started_on
    LIMIT ${opts.limit}`;
}

/** The payload a run's job was sent with, when pg-boss still has it. */
export async function syncJobPayload(jobId: string, opts: { boss?: PgBoss } = {}) {
  const boss = opts.boss ?? (await producerBoss());
  const job = await boss.getJobById<SyncJobPayload>(syncConnectionJob.name, jobId);
  const parsed = job ? syncConnectionJob.payload.safeParse(job.data) : null;
  return parsed?.success ? parsed.data : null;
}

/**
 * Inserts many first attempts at once (the daily run): one statement per call. A connection that
 * already has a waiting job keeps it (the queue's `stately` policy drops the duplicate).
 */
export async function insertSyncJobs(
  jobs: { runId: string; connectionId: string; startAfter?: Date }[],
  opts: { boss?: PgBoss } = {},
) {
  if (jobs.length === 0) return;
  const boss = opts.boss ?? (await producerBoss());
  await ensureSyncQueue(boss);
  await boss.insert(
    jobs.map((j) => ({
      name: syncConnectionJob.name,
      data: syncConnectionJob.payload.parse({ runId: j.runId, connectionId: j.connectionId }),
      singletonKey: j.connectionId,
      ...(j.startAfter ? { startAfter: j.startAfter.toISOString() } : {}),
    })),
  );
}

let queueReady: Promise<void> | undefined;
function ensureSyncQueue(boss: PgBoss) {
  return (queueReady ??= boss
    .createQueue(syncConnectionJob.name, { name: syncConnectionJob.name, ...syncConnectionJob.queue })
    .catch((err: unknown) => {
      queueReady = undefined;
      throw err;
    }));
}

import "server-only";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { berlinToday } from "@/lib/berlin-time";
import { now, today } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";
import { lastScheduledSync } from "./next-scheduled-sync.ts";
import { insertSyncJobs } from "./sync-queue.ts";
import { FAILED_SYNCS_TO_DISABLE, policyInput, syncPolicy } from "./sync-policy.ts";

/** Connections read, runs created and jobs inserted per round trip. */
const BATCH = 1000;

/** Where in the window a connection's daily sync starts: a stable fraction in [0, 1) of its id. */
function spreadOf(connectionId: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < connectionId.length; i++) h = Math.imul(h ^ connectionId.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

/**
 * The daily run: one SCHEDULED run per connection the sync policy lets refresh without its user
 * — `full` (import what XS2A synced overnight; no bank call) and `shared` (sync with Saldo's
 * half, one bank call). `none`, disabled connections and expired consents are left alone.
 *
 * Sized for millions of connections: a keyset walk over the connections (BATCH at a time), the
 * runs of a batch created in one statement and its jobs inserted at once (pg-boss `insert`), each
 * job starting at a stable point of the window (SALDO_DAILY_SYNC_WINDOW_MINUTES) instead of one
 * burst. Per connection the rule of enqueueSync holds: a connection with an open run (or whose
 * enqueue lock is held right now) gets no second one.
 */
export async function scheduleDailySyncs(
  opts: {
    batchSize?: number;
    windowMinutes?: number;
    boss?: PgBoss;
    /** Resume after this connection id (a walk a dead worker left part-way). */
    after?: string;
    /** Resuming: also (re)send the jobs of the first batch's queued scheduled runs (duplicates are dropped). */
    resend?: boolean;
    /** After each batch: how far the walk got (stored, so another worker can resume it). */
    onBatch?: (progress: { cursor: string; queued: number }) => Promise<unknown>;
  } = {},
) {
  const day = await today();
  const batchSize = opts.batchSize ?? BATCH;
  const windowMs = (opts.windowMinutes ?? env().sync.dailyWindowMinutes) * 60_000;
  const startAt = Date.now();
  let cursor = opts.after ?? "";
  let queued = 0;
  let candidates = 0;
  let batches = 0;
  for (;;) {
    const page = await db.bankConnection.findMany({
      // A coarse pre-filter; the policy decides.
      where: {
        id: { gt: cursor },
        status: "ACTIVE",
        xs2aId: { not: null },
        syncMode: { in: ["FULL", "SHARED"] },
        syncFailCounter: { lt: FAILED_SYNCS_TO_DISABLE },
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        userId: true,
        status: true,
        xs2aId: true,
        syncMode: true,
        xs2aSyncMode: true,
        syncFailCounter: true,
        consentValidUntil: true,
        credentialsCiphertext: true,
      },
    });
    if (page.length === 0) break;
    batches++;
    candidates += page.length;
    cursor = page[page.length - 1]!.id;
    const due = page.filter((c) => syncPolicy(policyInput(c), day, "schedule").kind !== "refused");
    try {
      const runs = await createScheduledRuns(due);
      // Resuming: the dead worker may have created the batch after its cursor's runs and died
      // before sending their jobs, so every queued scheduled run of that batch is sent (a job
      // waiting already stays). Later batches it never reached.
      const toSend = opts.resend && batches === 1 ? await queuedScheduledRuns(due.map((c) => c.id)) : runs;
      await insertSyncJobs(
        toSend.map((r) => ({
          ...r,
          startAfter: new Date(startAt + Math.floor(spreadOf(r.connectionId) * windowMs)),
        })),
        { boss: opts.boss },
      );
      queued += runs.length;
    } catch (err) {
      log.error({ err, after: cursor }, "could not queue a batch of scheduled syncs");
    }
    await opts.onBatch?.({ cursor, queued });
    if (page.length < batchSize) break;
  }
  log.info({ queued, candidates, batches }, "daily syncs queued");
  return { queued, candidates, batches };
}

/** The QUEUED scheduled runs of these connections (their jobs may be missing). */
function queuedScheduledRuns(connectionIds: string[]) {
  if (connectionIds.length === 0) return Promise.resolve([]);
  return db.syncRun
    .findMany({
      where: { connectionId: { in: connectionIds }, trigger: "SCHEDULED", status: "QUEUED" },
      select: { id: true, connectionId: true },
    })
    .then((rows) => rows.map((r) => ({ runId: r.id, connectionId: r.connectionId })));
}

/**
 * One QUEUED run per connection that has no open run, in one statement. Each connection's enqueue
 * lock (the advisory lock of enqueue-sync.ts) is tried first: a connection being enqueued right now
 * by its user is skipped (it gets that run).
 */
async function createScheduledRuns(connections: { id: string; userId: string }[]) {
  if (connections.length === 0) return [];
  const ids = connections.map((c) => c.id);
  const userIds = connections.map((c) => c.userId);
  const runIds = connections.map(() => `sch${randomUUID().replace(/-/g, "")}`);
  return db.$transaction(
    (tx) => tx.$queryRaw<{ runId: string; connectionId: string }[]>`
      WITH candidate AS (
        SELECT * FROM unnest(${ids}::text[], ${userIds}::text[], ${runIds}::text[]) AS c(id, user_id, run_id)
      ), locked AS (
        SELECT * FROM candidate WHERE pg_try_advisory_xact_lock(hashtext('sync-enqueue:' || id))
      )
      INSERT INTO "SyncRun" (id, "userId", "connectionId", trigger, "triggeredBy", status)
      SELECT l.run_id, l.user_id, l.id, 'SCHEDULED'::"SyncTrigger", 'schedule', 'QUEUED'::"SyncStatus"
      FROM locked l
      WHERE NOT EXISTS (
        SELECT 1 FROM "SyncRun" r WHERE r."connectionId" = l.id AND r.status IN ('QUEUED', 'RUNNING')
      )
      RETURNING id AS "runId", "connectionId"`,
    { timeout: 60_000 },
  );
}

/**
 * A day's walk whose row has not moved for this long lost its worker (killed, or the machine went
 * away mid-walk): the next check takes it over. A live walk moves the row after every batch.
 */
export const DAILY_WALK_STALE_MS = 5 * 60_000;

/**
 * The daily run for the slot the app's clock (`SALDO_CLOCK`) is in, once: the latest 05:30 Berlin
 * at or before "now" names the day, and of every worker and tick asking for that day exactly one
 * inserts its ScheduledDay row and runs it. The catch-up rule is the consent reminders' one: after
 * the clock jumps (the sandbox advanced two days, a worker was down) the run due now happens once;
 * the skipped days are not replayed (an import reads everything XS2A holds since the last one).
 *
 * The walk stores how far it got after every batch. When its worker dies part-way (a deploy at
 * 05:30, a killed process), the next check after DAILY_WALK_STALE_MS (the sandbox clock's tick, or
 * the cron job's retry) takes the day over and goes on from there: the connections after the last
 * stored batch are not left without their refresh until tomorrow, and those before it get no
 * second run.
 */
export async function runDailySyncsIfDue(opts: { at?: Date; boss?: PgBoss; staleAfterMs?: number } = {}) {
  const slot = lastScheduledSync(opts.at ?? (await now()));
  const day = berlinToday(slot);
  const key = { job_day: { job: "sync-daily", day } };
  const claimed = await db.scheduledDay.createMany({
    data: [{ job: "sync-daily", day, ranAt: new Date() }],
    skipDuplicates: true,
  });
  let resumed: { cursor: string; queued: number } | null = null;
  if (claimed.count === 0) {
    // Taken over only when unfinished (no `queued` yet) and its walk stopped moving.
    const staleBefore = new Date(Date.now() - (opts.staleAfterMs ?? DAILY_WALK_STALE_MS));
    const [stale] = await db.$queryRaw<{ cursor: string | null; queued: number | null }[]>`
      UPDATE "ScheduledDay" SET "ranAt" = (${new Date().toISOString()}::timestamptz AT TIME ZONE 'UTC')
      WHERE job = 'sync-daily' AND day = ${day} AND NOT (result ? 'queued')
        AND "ranAt" < (${staleBefore.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      RETURNING result->>'cursor' AS cursor, (result->>'queuedSoFar')::int AS queued`;
    if (!stale) return { ran: false as const, day };
    resumed = { cursor: stale.cursor ?? "", queued: stale.queued ?? 0 };
    log.warn({ day, after: resumed.cursor }, "the daily run's walk had stopped; resuming it");
  }
  const before = resumed?.queued ?? 0;
  const result = await scheduleDailySyncs({
    boss: opts.boss,
    after: resumed?.cursor,
    resend: resumed !== null,
    onBatch: (p) =>
      db.scheduledDay.update({
        where: key,
        data: { ranAt: new Date(), result: { cursor: p.cursor, queuedSoFar: before + p.queued } },
      }),
  });
  const total = { ...result, queued: before + result.queued, ...(resumed ? { resumed: true } : {}) };
  await db.scheduledDay.update({ where: key, data: { result: total } });
  return { ran: true as const, day, ...total };
}

/**
 * With the sandbox clock (development and the browser tests) a "day" can pass in a second, so each
 * worker also asks every few seconds whether the day's run is due. Never with the system clock.
 * The queue is a singleton: a check whose worker was killed holds it until it expires, so the
 * check expires after a minute (a long walk goes on; the next check finds its day claimed).
 */
const SANDBOX_CLOCK_TICK_MS = 3_000;

/** Daily at 05:30 Berlin: after XS2A's own night syncs, and well outside the 02:00–03:00 DST gap. */
export const syncDailyJob = defineJob({
  name: "sync-daily",
  payload: z.object({}).passthrough(),
  queue: { policy: "singleton", retryLimit: 3, retryDelay: 60 },
  schedule: { cron: "30 5 * * *", tz: "Europe/Berlin" },
  async handle(_payload, { boss }) {
    await runDailySyncsIfDue({ boss });
  },
  onWorkerStart(boss) {
    if (env().clock !== "sandbox") return;
    const enqueue = () =>
      boss
        .send(syncDailyJob.name, {}, { retryLimit: 0, expireInSeconds: 60 })
        .catch((err) => log.warn({ err }, "could not enqueue the daily sync check"));
    void enqueue();
    setInterval(enqueue, SANDBOX_CLOCK_TICK_MS).unref();
  },
});

import "server-only";
import { db } from "@/lib/db";
import type { Prisma, SyncTrigger } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { STALE_AFTER_MS } from "./claim-run.ts";
import { cancelSyncJob, priorityOf, promoteWaitingSyncJob, sendSyncJob } from "./sync-queue.ts";
import { log } from "@/lib/log";

export type EnqueueResult = { runId: string; created: boolean };

/** A RUNNING run whose worker stopped beating (see claim-run.ts). */
const isDead = (r: { status: string; heartbeatAt: Date | null; startedAt: Date | null; queuedAt: Date }) =>
  r.status === "RUNNING" && (r.heartbeatAt ?? r.startedAt ?? r.queuedAt).getTime() < Date.now() - STALE_AFTER_MS;

/**
 * Queues a sync run of one connection, or returns the one already queued or running: twenty
 * clicks make one run. The check-and-create is serialised per connection by a transaction-level
 * advisory lock (pg_try_advisory_xact_lock); `beforeCreate` (e.g. the rate limit) is only asked when a run is really created
 * or a user's run takes over the daily run's waiting one (which then carries the user's trigger,
 * starts at once and goes ahead of the scheduled backlog).
 * Everything inside uses the transaction's one connection: a holder that asked the pool for a
 * second one could wait forever once every pooled connection is held by such a transaction.
 * When the database is too busy to start or finish the transaction in time the user is told to
 * try again (`unavailable`), never an internal error.
 */
export async function enqueueSync(opts: {
  connectionId: string;
  userId: string;
  trigger: SyncTrigger;
  triggeredBy?: string | null;
  /** Read what XS2A holds without asking it to sync (after a wizard finished). */
  importOnly?: boolean;
  /** Runs in the creating transaction, on its connection (e.g. the rate limit). */
  beforeCreate?: (tx: Prisma.TransactionClient) => Promise<void>;
}): Promise<EnqueueResult> {
  let outcome: EnqueueResult | null = null;
  let deadJobId: string | null = null;
  // Non-blocking lock with short sleeps: a waiter does not hold a pooled connection while the
  // holder finishes.
  for (let i = 0; !outcome; i++) {
    if (i > 400) throw new AppError("unavailable", "sync_enqueue_busy");
    outcome = await db
      .$transaction(
        async (tx) => {
          const [lock] = await tx.$queryRaw<
            { locked: boolean }[]
          >`SELECT pg_try_advisory_xact_lock(hashtext(${`sync-enqueue:${opts.connectionId}`})) AS locked`;
          if (!lock?.locked) return null;
          const open = await tx.syncRun.findFirst({
            where: { connectionId: opts.connectionId, userId: opts.userId, status: { in: ["QUEUED", "RUNNING"] } },
            orderBy: { queuedAt: "desc" },
            select: {
              id: true,
              status: true,
              trigger: true,
              heartbeatAt: true,
              startedAt: true,
              queuedAt: true,
              jobId: true,
            },
          });
          if (open?.status === "QUEUED" && open.trigger === "SCHEDULED" && opts.trigger !== "SCHEDULED") {
            // The daily run's waiting run becomes this one (see promoteWaitingSyncJob).
            await opts.beforeCreate?.(tx);
            const taken = await tx.syncRun.updateMany({
              where: { id: open.id, status: "QUEUED" },
              data: { trigger: opts.trigger, triggeredBy: opts.triggeredBy ?? null, queuedAt: new Date() },
            });
            if (taken.count === 1)
              await promoteWaitingSyncJob(tx, {
                runId: open.id,
                connectionId: opts.connectionId,
                importOnly: opts.importOnly ?? false,
                priority: priorityOf(opts.trigger),
              });
            return { runId: open.id, created: false };
          }
          if (open && !isDead(open)) return { runId: open.id, created: false };
          if (open) {
            // Its worker died: the run is closed and a fresh one starts (never reattach to it).
            const closed = await tx.syncRun.updateMany({
              where: { id: open.id, status: "RUNNING", heartbeatAt: open.heartbeatAt },
              data: {
                status: "FAILED",
                finishedAt: new Date(),
                jobId: null,
                errorCode: "interrupted",
                errorMessage: "The sync was interrupted and did not finish.",
              },
            });
            // Taken over by a worker meanwhile: it is alive again.
            if (closed.count === 0) return { runId: open.id, created: false };
            if (open.jobId) deadJobId = open.jobId;
          }
          await opts.beforeCreate?.(tx);
          const run = await tx.syncRun.create({
            data: {
              connectionId: opts.connectionId,
              userId: opts.userId,
              trigger: opts.trigger,
              triggeredBy: opts.triggeredBy ?? null,
              status: "QUEUED",
            },
            select: { id: true },
          });
          return { runId: run.id, created: true };
        },
        { maxWait: 10_000, timeout: 15_000 },
      )
      .catch((err: unknown) => {
        // P2028: the transaction could not start within maxWait or outlived its timeout.
        if (err && typeof err === "object" && (err as { code?: unknown }).code === "P2028")
          throw new AppError("unavailable", "sync_enqueue_busy", { cause: err });
        throw err;
      });
    if (!outcome) await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
  }
  const { runId, created } = outcome;
  if (!created) return { runId, created };
  // The dead worker's job holds the connection's one active slot of the queue until its expiry.
  if (deadJobId) await cancelSyncJob(deadJobId).catch((err) => log.warn({ err }, "could not cancel a dead sync job"));
  try {
    await sendSyncJob(
      { runId, connectionId: opts.connectionId, importOnly: opts.importOnly ?? false, attempt: 1 },
      { priority: priorityOf(opts.trigger) },
    );
  } catch (err) {
    log.error({ err, runId }, "could not queue a sync");
    await db.syncRun.update({
      where: { id: runId },
      data: {
        status: "FAILED",
        finishedAt: new Date(),
        errorCode: "not_queued",
        errorMessage: "The sync could not be queued.",
      },
    });
    throw new AppError("unavailable", "queue_unavailable", { cause: err });
  }
  return { runId, created };
}

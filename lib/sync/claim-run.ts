import "server-only";
import { db } from "@/lib/db";
import type { SyncRun } from "@/lib/generated/prisma/client";

/**
 * A RUNNING run whose heartbeat is older than this belongs to a worker that died: it is taken over
 * (recover-dead-runs.ts) or replaced by "Sync now". Three missed beats, so a busy event loop or a
 * slow database round trip never looks like a death.
 */
export const STALE_AFTER_MS = 30_000;
/** The error code of a run taken over from a dead worker while it waits for its new job. */
export const TAKEN_OVER = "taken_over";
/** How often the worker running a run writes its heartbeat. */
export const HEARTBEAT_MS = 10_000;

const TERMINAL = ["SUCCEEDED", "PARTIAL", "FAILED", "NEEDS_USER"] as const;
const isTerminal = (status: string) => (TERMINAL as readonly string[]).includes(status);

/** The advisory-lock key of a connection's sync (hashtext: one int4 per connection id). */
const syncLockKey = (connectionId: string) => `sync:${connectionId}`;

export type Claim =
  | { kind: "claimed"; run: SyncRun; resumed: boolean }
  /** Another run of this connection is alive (or holds the lock right now): try again later. */
  | { kind: "busy" }
  /** The run already finished (a redelivered job) or no longer exists. */
  | { kind: "done" };

/**
 * Makes `runId` the one RUNNING run of its connection. The check-and-set happens under a
 * transaction-level advisory lock (safe behind PgBouncer's transaction pooling), so two workers
 * can never both pass; the RUNNING row with its heartbeat is then the lease for the network part,
 * which must not sit inside a database transaction. A RUNNING run of a dead worker (stale
 * heartbeat) is marked interrupted; the same run found RUNNING is resumed (its job was retried).
 */
export async function claimRun(opts: { runId: string; staleAfterMs?: number; jobId?: string }): Promise<Claim> {
  const staleBefore = new Date(Date.now() - (opts.staleAfterMs ?? STALE_AFTER_MS));
  return db.$transaction(async (tx) => {
    const run = await tx.syncRun.findUnique({ where: { id: opts.runId } });
    if (!run || isTerminal(run.status)) return { kind: "done" } as const;
    const [lock] = await tx.$queryRaw<
      { locked: boolean }[]
    >`SELECT pg_try_advisory_xact_lock(hashtext(${syncLockKey(run.connectionId)})) AS locked`;
    if (!lock?.locked) return { kind: "busy" } as const;
    const running = await tx.syncRun.findMany({ where: { connectionId: run.connectionId, status: "RUNNING" } });
    for (const other of running) {
      const alive = (other.heartbeatAt ?? other.startedAt ?? other.queuedAt) > staleBefore;
      if (alive) return { kind: "busy" } as const;
      if (other.id !== run.id) {
        await tx.syncRun.update({
          where: { id: other.id },
          data: {
            status: "FAILED",
            finishedAt: new Date(),
            errorCode: "interrupted",
            errorMessage: "The sync was interrupted and did not finish.",
          },
        });
      }
    }
    const claimed = await tx.syncRun.update({
      where: { id: run.id },
      data: {
        status: "RUNNING",
        startedAt: run.startedAt ?? new Date(),
        heartbeatAt: new Date(),
        jobId: opts.jobId ?? null,
        retryAt: null,
      },
    });
    return { kind: "claimed", run: claimed, resumed: run.status === "RUNNING" } as const;
  });
}

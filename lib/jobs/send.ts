import type PgBoss from "pg-boss";
import { startBoss } from "@/lib/jobs/boss";
import { QUEUES, syncConnectionPayload, type SyncConnectionPayload } from "@/lib/jobs/queues";

/**
 * Queue options shared by producers and the worker (createQueue is idempotent, and pg-boss 10
 * refuses to send to a queue that does not exist yet).
 * `stately`: per singleton key at most one queued and one active job, so twenty clicks on
 * "sync now" can never run twice at once; the advisory lock in claim-run.ts is the second guard.
 * Retries here only recover a worker that died mid-job (expiry); XS2A errors are retried by
 * the handler itself, which knows whether XS2A counted the failure and honours Retry-After.
 */
export const SYNC_QUEUE_OPTIONS = {
  policy: "stately",
  retryLimit: 2,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 600,
} as const;

const g = globalThis as unknown as { __saldoBoss?: Promise<PgBoss> };

/** A pg-boss instance for producers (the web app): no maintenance and no schedule of its own. */
export function producerBoss(): Promise<PgBoss> {
  return (g.__saldoBoss ??= (async () => {
    const boss = await startBoss({ supervise: false, schedule: false });
    await boss.createQueue(QUEUES.syncConnection, { name: QUEUES.syncConnection, ...SYNC_QUEUE_OPTIONS });
    return boss;
  })().catch((err) => {
    g.__saldoBoss = undefined;
    throw err;
  }));
}

/** Sends one sync job; returns the job id, or null when pg-boss dropped it as a duplicate. */
export async function sendSyncJob(
  payload: SyncConnectionPayload,
  opts: { startAfterSeconds?: number; boss?: PgBoss } = {},
) {
  const boss = opts.boss ?? (await producerBoss());
  const data = syncConnectionPayload.parse(payload);
  return boss.send(QUEUES.syncConnection, data, {
    singletonKey: data.connectionId,
    ...(opts.startAfterSeconds ? { startAfter: Math.ceil(opts.startAfterSeconds) } : {}),
  });
}

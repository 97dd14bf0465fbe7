import "server-only";
import type pg from "pg";
import { db, pgPool } from "@/lib/db";
import { inlineParams } from "@/lib/sql-inline";
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

export type Claim =
  | { kind: "claimed"; run: SyncRun; resumed: boolean }
  /** Another run of this connection is alive (or holds the lock right now): try again later. */
  | { kind: "busy" }
  /** The run already finished (a redelivered job) or no longer exists. */
  | { kind: "done" };

const INTERRUPTED_MESSAGE = "The sync was interrupted and did not finish.";

/**
 * Makes `runId` the one RUNNING run of its connection. The check-and-set happens under a
 * transaction-level advisory lock (safe behind PgBouncer's transaction pooling), so two workers
 * can never both pass; the RUNNING row with its heartbeat is then the lease for the network part,
 * which must not sit inside a database transaction. A RUNNING run of a dead worker (stale
 * heartbeat) is marked interrupted; the same run found RUNNING is resumed (its job was retried).
 *
 * Every sync starts here, so the claim is one round trip (CLAIM_SQL) and the claimed row a second
 * one, instead of an interactive transaction's six.
 */
export async function claimRun(opts: { runId: string; staleAfterMs?: number; jobId?: string }): Promise<Claim> {
  const now = new Date();
  const staleBefore = new Date(now.getTime() - (opts.staleAfterMs ?? STALE_AFTER_MS));
  const client = await pgPool().connect();
  let lock: string;
  let outcome: { found: boolean; before: string | null };
  try {
    const sql = inlineParams(client, CLAIM_SQL, [
      opts.runId,
      now.toISOString(),
      staleBefore.toISOString(),
      opts.jobId ?? null,
      INTERRUPTED_MESSAGE,
    ]);
    const results = (await client.query(sql)) as unknown as pg.QueryResult[];
    lock = (results[1]!.rows[0] as { lock: string }).lock;
    outcome = results[2]!.rows[0] as { found: boolean; before: string | null };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    client.release(err instanceof Error ? err : true);
    throw err;
  }
  client.release();
  if (lock === "false") return { kind: "busy" };
  if (!outcome.found) return { kind: "done" };
  if (outcome.before === null) return { kind: "busy" };
  const run = await db.syncRun.findUnique({ where: { id: opts.runId } });
  // Claimed, then gone (its connection deleted meanwhile).
  if (!run) return { kind: "done" };
  return { kind: "claimed", run, resumed: outcome.before === "RUNNING" };
}

const TERMINAL_SQL = TERMINAL.map((t) => `'${t}'`).join(", ");

/**
 * One simple query (no parameters: `claimRun` inlines them with inlineParams), so one round trip:
 * 1. the connection's advisory lock (key: hashtext('sync:' || connection id)), taken without waiting ('true' / 'false'; 'done' for a run that
 *    is gone or finished), kept in a transaction-local setting for the next statement;
 * 2. under the lock, in a statement of its own (so its snapshot sees what the lock's last holder
 *    committed): if no other RUNNING run of the connection is alive, the dead ones are marked
 *    interrupted and this one becomes RUNNING. `found`: the run was still open; `before`: its
 *    status before the claim (null: not claimed, another run is alive).
 */
const CLAIM_SQL = `
BEGIN;
SELECT set_config('saldo.claim_lock', coalesce((
  SELECT pg_try_advisory_xact_lock(hashtext('sync:' || "connectionId"))::text FROM "SyncRun"
  WHERE id = $1::text AND status NOT IN (${TERMINAL_SQL})), 'done'), true) AS lock;
WITH me AS (
  SELECT id, "connectionId", status FROM "SyncRun"
  WHERE id = $1::text AND status NOT IN (${TERMINAL_SQL}) AND current_setting('saldo.claim_lock') = 'true'
),
running AS (
  SELECT o.id, coalesce(o."heartbeatAt", o."startedAt", o."queuedAt") > ($3::timestamptz AT TIME ZONE 'UTC') AS alive
  FROM "SyncRun" o JOIN me ON o."connectionId" = me."connectionId" WHERE o.status = 'RUNNING'
),
go AS (SELECT * FROM me WHERE NOT EXISTS (SELECT 1 FROM running WHERE alive)),
interrupted AS (
  UPDATE "SyncRun" s SET status = 'FAILED', "finishedAt" = ($2::timestamptz AT TIME ZONE 'UTC'), "errorCode" = 'interrupted',
    "errorMessage" = $5::text
  FROM go, running r WHERE s.id = r.id AND r.id <> go.id
),
claimed AS (
  UPDATE "SyncRun" s SET status = 'RUNNING', "startedAt" = coalesce(s."startedAt", ($2::timestamptz AT TIME ZONE 'UTC')), "heartbeatAt" = ($2::timestamptz AT TIME ZONE 'UTC'),
    "jobId" = $4::text, "retryAt" = NULL
  FROM go WHERE s.id = go.id
  RETURNING go.status::text AS before
)
SELECT EXISTS (SELECT 1 FROM me) AS found, (SELECT before FROM claimed) AS before;
COMMIT;`;

/**
 * One sync run of one connection, as the worker executes it:
 *
 *   claim (advisory lock + RUNNING row) → checks (disabled, consent, mode) → XS2A sync (only
 *   where one is due) → follow the connection until `last_synced` moves → import → finish.
 *
 * Invariants:
 *  - No network call inside a database transaction; every write is idempotent, so a worker killed
 *    at any point leaves data a rerun completes (the crash test proves it).
 *  - A sync XS2A counts as failed (422, 409, a raised `sync_fail_counter`) is never retried and
 *    never forced: three of them disable the connection.
 *  - Retryable errors (network, timeout, 5xx, 429) return `{ outcome: "retry" }` with a delay that
 *    honours Retry-After; the handler re-queues. Nothing is written before the import, and the
 *    import writes each account in its own transaction.
 *  - Before calling sync the run records a marker with XS2A's `last_synced` and fail counter; a
 *    resumed run compares them with XS2A's view instead of calling sync blindly again.
 */
import { consentStatus, toYmd } from "@/lib/consent/consent-status";
import { credentialsCtx } from "@/lib/wizard/complete-wizard";
import { xs2aImportSource } from "@/lib/bank-gateway/import-source";
import { applyXs2aConnection } from "@/lib/bank-gateway/apply-connection";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { now, today } from "@/lib/clock";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import type { BankConnection, SyncRun, SyncStatus } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { importConnection } from "@/lib/import/import-connection";
import type { ImportSource } from "@/lib/import/types";
import { berlinToday, isXs2aError, type BankConnection as Xs2aConnection, type Xs2aError } from "@/lib/xs2a";
import { claimRun, HEARTBEAT_MS } from "./claim-run.ts";

/** Re-read this many days before the last import: pending items book late, texts change. */
export const OVERLAP_DAYS = 30;
/** Attempts of one run against retryable XS2A errors (network, 5xx, 429) before it fails. */
export const MAX_ATTEMPTS = 4;
/** Unattended (scheduled) bank calls per connection and Berlin day. */
export const DAILY_UNATTENDED_BANK_CALLS = 4;
const MARKER = "sync-call:";

export type RunSyncResult =
  | { outcome: "done"; status: SyncStatus; runId: string }
  | { outcome: "retry"; delayMs: number; runId: string }
  | { outcome: "busy"; runId: string };

export interface RunSyncOptions {
  runId: string;
  importOnly?: boolean;
  attempt?: number;
  /** How often and how long to follow the connection after a sync call (bounded). */
  pollIntervalMs?: number;
  pollAttempts?: number;
  staleAfterMs?: number;
}

/** Backoff for retryable errors: Retry-After wins; else capped exponential with full jitter. */
export function retryDelayMs(err: Pick<Xs2aError, "retryAfterMs"> | null, attempt: number): number {
  if (err?.retryAfterMs != null) return Math.max(1000, err.retryAfterMs);
  const cap = Math.min(300_000, 5000 * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (Math.random() * cap) / 2);
}

class Finish extends Error {
  constructor(
    readonly status: SyncStatus,
    readonly code: string,
    readonly detail: string,
    readonly requestIds: string[] = [],
  ) {
    super(detail);
  }
}
class Retry extends Error {
  constructor(readonly cause: Xs2aError) {
    super(cause.message);
  }
}

export async function runSync(opts: RunSyncOptions): Promise<RunSyncResult> {
  const attempt = opts.attempt ?? 1;
  const claim = await claimRun({ runId: opts.runId, staleAfterMs: opts.staleAfterMs });
  if (claim.kind === "busy") return { outcome: "busy", runId: opts.runId };
  if (claim.kind === "done") {
    const run = await db.syncRun.findUnique({ where: { id: opts.runId }, select: { status: true } });
    return { outcome: "done", status: run?.status ?? "FAILED", runId: opts.runId };
  }
  const run = claim.run;
  const beat = setInterval(() => {
    db.syncRun.update({ where: { id: run.id }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
  }, HEARTBEAT_MS);
  beat.unref?.();
  try {
    const status = await execute(run, { ...opts, attempt });
    return { outcome: "done", status, runId: run.id };
  } catch (err) {
    if (err instanceof Finish) {
      await finishRun(run.id, {
        status: err.status,
        errorCode: err.code,
        errorMessage: err.detail,
        requestIds: err.requestIds,
      });
      return { outcome: "done", status: err.status, runId: run.id };
    }
    if (err instanceof Retry) {
      const ids = [err.cause.requestId];
      if (attempt >= MAX_ATTEMPTS) {
        await finishRun(run.id, {
          status: "FAILED",
          errorCode: "xs2a_unavailable",
          errorMessage: err.cause.message,
          requestIds: ids,
        });
        return { outcome: "done", status: "FAILED", runId: run.id };
      }
      // Back to the queue: the next attempt resumes this run (the marker says what was done).
      await db.syncRun.update({
        where: { id: run.id },
        data: {
          status: "QUEUED",
          heartbeatAt: null,
          errorCode: "xs2a_retrying",
          errorMessage: err.cause.message.slice(0, 1000),
          requestIds: { push: ids },
        },
      });
      return { outcome: "retry", delayMs: retryDelayMs(err.cause, attempt), runId: run.id };
    }
    log.error({ err, runId: run.id }, "sync run failed");
    await finishRun(run.id, {
      status: "FAILED",
      errorCode: isXs2aError(err) ? `xs2a_${err.kind}` : "internal",
      errorMessage: isXs2aError(err) ? err.message : "Internal error",
      requestIds: isXs2aError(err) ? [err.requestId] : [],
    });
    return { outcome: "done", status: "FAILED", runId: run.id };
  } finally {
    clearInterval(beat);
  }
}

async function finishRun(
  runId: string,
  data: {
    status: SyncStatus;
    errorCode?: string | null;
    errorMessage?: string | null;
    requestIds?: string[];
    added?: number;
    updated?: number;
    removed?: number;
  },
) {
  // Only a RUNNING run is finished here: a reaper or a newer claim may have moved it on.
  await db.syncRun.updateMany({
    where: { id: runId, status: "RUNNING" },
    data: {
      status: data.status,
      finishedAt: new Date(),
      errorCode: data.errorCode ?? null,
      errorMessage: data.errorMessage?.slice(0, 1000) ?? null,
      added: data.added ?? 0,
      updated: data.updated ?? 0,
      removed: data.removed ?? 0,
      ...(data.requestIds?.length ? { requestIds: { push: data.requestIds.filter(Boolean) } } : {}),
    },
  });
}

/** Turns an XS2A error at the sync call or while following it into the run's outcome. */
async function reduceError(connection: BankConnection, err: unknown): Promise<never> {
  if (!isXs2aError(err)) throw err;
  if (err.kind === "retryable") throw new Retry(err);
  if (err.kind === "needs_user") throw new Finish("NEEDS_USER", "needs_login", err.message, [err.requestId]);
  // 409 (disabled) or 422 (e.g. a rejected credential half): counted by XS2A. Record its view, never retry.
  const after = await refreshFromXs2a(connection).catch(() => null);
  if (err.kind === "disabled" || after?.row.status === "DISABLED")
    throw new Finish("FAILED", "connection_disabled", err.message, [err.requestId]);
  if (err.kind === "invalid_request") throw new Finish("FAILED", "sync_failed", err.message, [err.requestId]);
  throw new Finish("FAILED", `xs2a_${err.kind}`, err.message, [err.requestId]);
}

async function refreshFromXs2a(connection: BankConnection) {
  const remote = await withUserApi(connection.userId, (api) => api.connections.get(connection.xs2aId!));
  return { remote, row: await applyXs2aConnection(connection.id, remote) };
}

const parseMarker = (run: Pick<SyncRun, "requestIds">) => {
  const m = [...run.requestIds].reverse().find((r) => r.startsWith(MARKER));
  if (!m) return null;
  const [lastSynced, fails] = m.slice(MARKER.length).split("|");
  return { lastSynced: lastSynced ? Number(lastSynced) : null, fails: Number(fails) || 0 };
};

const moved = (remote: Xs2aConnection, base: { lastSynced: number | null }) => {
  const t = remote.lastSynced?.getTime() ?? null;
  return t !== null && (base.lastSynced === null || t > base.lastSynced);
};

async function execute(run: SyncRun, opts: RunSyncOptions & { attempt: number }): Promise<SyncStatus> {
  let connection = await db.bankConnection.findUnique({ where: { id: run.connectionId } });
  if (!connection || !connection.xs2aId || connection.status === "REMOVED" || connection.status === "PENDING") {
    throw new Finish("FAILED", "connection_gone", "The bank connection is no longer linked.");
  }
  if (connection.status === "DISABLED" || connection.syncFailCounter >= 3) {
    throw new Finish(
      "FAILED",
      "connection_disabled",
      connection.syncMessage ?? "XS2A disabled this connection after 3 failed syncs.",
    );
  }
  // An expired consent is explained, never tried: a background sync would be a counted failure.
  if (consentStatus(toYmd(connection.consentValidUntil), await today()).level === "expired") {
    throw new Finish("NEEDS_USER", "consent_expired", "The bank's consent has ended.");
  }

  const fellBack = connection.syncMode === "FULL" && connection.xs2aSyncMode === "NONE";
  const wantsSync =
    !opts.importOnly &&
    (connection.syncMode === "SHARED" || (connection.syncMode === "FULL" && run.trigger !== "SCHEDULED"));
  if (!opts.importOnly && run.trigger !== "SCHEDULED" && (connection.syncMode === "NONE" || fellBack)) {
    // Only the bank login (a wizard, started from the page) can sync these.
    throw new Finish("NEEDS_USER", "needs_login", "This bank needs your login to sync.");
  }
  if (run.trigger === "SCHEDULED" && connection.syncMode === "NONE") {
    throw new Finish("NEEDS_USER", "needs_login", "This bank needs your login to sync.");
  }

  if (wantsSync) connection = await syncAtXs2a(run, connection, opts);
  return importIntoRun({ run, connection });
}

async function syncAtXs2a(run: SyncRun, connection: BankConnection, opts: RunSyncOptions): Promise<BankConnection> {
  const xs2aId = connection.xs2aId!;
  let credentials: string | undefined;
  if (connection.syncMode === "SHARED") {
    if (!connection.credentialsCiphertext)
      throw new Finish(
        "NEEDS_USER",
        "credentials_missing",
        "Saldo holds no credential half for this bank; sync once with your bank login.",
      );
    credentials = decryptSecret(connection.credentialsCiphertext, credentialsCtx(connection.id, connection.userId));
  }

  if (run.trigger === "SCHEDULED") {
    const dayStart = await berlinDayStart();
    const calls = await db.syncRun.count({
      where: {
        connectionId: connection.id,
        trigger: "SCHEDULED",
        queuedAt: { gte: dayStart },
        id: { not: run.id },
        requestIds: { isEmpty: false },
      },
    });
    if (calls >= DAILY_UNATTENDED_BANK_CALLS) {
      log.info({ connectionId: connection.id }, "daily unattended bank-call budget used; importing only");
      return connection;
    }
  }

  // Resumed after a crash or a retry: did the earlier call already reach XS2A?
  const marker = parseMarker(run);
  let base: { lastSynced: number | null; fails: number };
  const before = await refreshFromXs2a(connection).catch((err) => reduceError(connection, err));
  if (marker) {
    if (moved(before.remote, marker)) return before.row;
    if (before.remote.syncFailCounter > marker.fails) {
      throw new Finish("FAILED", "sync_failed", before.remote.syncMessage || "The bank refused the sync.");
    }
  }
  if (before.row.status === "DISABLED")
    throw new Finish(
      "FAILED",
      "connection_disabled",
      before.remote.syncMessage || "XS2A disabled this connection after 3 failed syncs.",
    );
  if (before.row.syncMode === "FULL" && before.row.xs2aSyncMode === "NONE")
    throw new Finish("NEEDS_USER", "needs_login", "The bank fell back to syncing with your login.");
  base = { lastSynced: before.remote.lastSynced?.getTime() ?? null, fails: before.remote.syncFailCounter };
  await db.syncRun.update({
    where: { id: run.id },
    data: { requestIds: { push: `${MARKER}${base.lastSynced ?? ""}|${base.fails}` } },
  });

  let answer;
  try {
    // Never `force`: a forced failure counts towards XS2A's three strikes.
    answer = await withUserApi(connection.userId, (api) =>
      api.connections.sync(xs2aId, credentials ? { credentials } : {}),
    );
  } catch (err) {
    return reduceError(connection, err);
  }
  if (answer.kind === "needs_user") {
    await refreshFromXs2a(connection).catch(() => undefined);
    throw new Finish("NEEDS_USER", "needs_login", "The bank needs your login to sync.");
  }

  // 204: XS2A syncs in the background; follow it until last_synced moves (bounded).
  const interval = opts.pollIntervalMs ?? 1000;
  const attempts = opts.pollAttempts ?? 60;
  for (let i = 0; i < attempts; i++) {
    const { remote, row } = await refreshFromXs2a(connection).catch((err) => reduceError(connection, err));
    if (remote.syncFailCounter > base.fails) {
      throw new Finish(
        "FAILED",
        row.status === "DISABLED" ? "connection_disabled" : "sync_failed",
        remote.syncMessage || "The bank refused the sync.",
      );
    }
    if (moved(remote, base)) return row;
    await new Promise((r) => setTimeout(r, interval));
  }
  // XS2A is still busy: import what it holds now; the next run picks up the rest.
  log.warn(
    { connectionId: connection.id, runId: run.id },
    "last_synced did not move in time; importing what XS2A holds",
  );
  return db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } });
}

async function berlinDayStart(): Promise<Date> {
  // Good enough for a budget: the Berlin day starts at 22:00 or 23:00 UTC of the day before.
  const day = berlinToday(await now());
  return new Date(`${day}T00:00:00+01:00`);
}

/** Records every XS2A error the import's reads met (the import itself keeps only messages). */
function recordingSource(source: ImportSource, errors: Xs2aError[]): ImportSource {
  const wrap =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A) => {
      try {
        return await fn(...a);
      } catch (err) {
        if (isXs2aError(err)) errors.push(err);
        throw err;
      }
    };
  return { listAccounts: wrap(source.listAccounts), balance: wrap(source.balance), turnovers: wrap(source.turnovers) };
}

/** Reads what XS2A holds for the connection and writes it; finishes the (claimed) run. */
export async function importIntoRun({
  run,
  connection,
}: {
  run: SyncRun;
  connection: BankConnection;
}): Promise<SyncStatus> {
  const xs2aId = connection.xs2aId!;
  const from = connection.lastImportedAt
    ? berlinToday(new Date(connection.lastImportedAt.getTime() - OVERLAP_DAYS * 86_400_000))
    : undefined;
  const seen: Xs2aError[] = [];
  const result = await withUserApi(connection.userId, async (api) => {
    const fresh = await applyXs2aConnection(connection.id, await api.connections.get(xs2aId));
    return importConnection({
      db,
      connection: fresh,
      source: recordingSource(xs2aImportSource(api, xs2aId), seen),
      from,
      log,
    });
  }).catch((err) => reduceError(connection, err));
  // Nothing was written and XS2A was only unavailable: worth another attempt.
  if (
    result.status === "failed" &&
    seen.length > 0 &&
    seen.every((e) => e.kind === "retryable") &&
    result.accounts.every((a) => a.added + a.updated + a.removed === 0)
  ) {
    throw new Retry(seen[0]!);
  }
  const status: SyncStatus =
    result.status === "succeeded" ? "SUCCEEDED" : result.status === "partial" ? "PARTIAL" : "FAILED";
  if (status !== "FAILED")
    await db.bankConnection.update({ where: { id: connection.id }, data: { lastImportedAt: await now() } });
  const first = result.errors[0];
  await finishRun(run.id, {
    status,
    added: result.added,
    updated: result.updated,
    removed: result.removed,
    errorCode: first ? (seen[0] ? `import_${seen[0].kind}` : "import_failed") : null,
    errorMessage: first ? `${first.stage}: ${first.message}` : null,
    requestIds: seen.map((e) => e.requestId),
  });
  return status;
}

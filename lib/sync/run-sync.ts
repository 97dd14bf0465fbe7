import "server-only";
/**
 * One sync run of one connection, as the worker executes it:
 *
 *   claim (advisory lock + RUNNING row) → the sync policy (sync-policy.ts) → XS2A sync, where
 *   the policy says so → follow the connection until `last_synced` moves → import → finish.
 *
 * Every step returns either what the next step needs or how the run ends (`RunEnd`): the run's
 * state machine is the code's control flow, with no exceptions for it.
 *
 * Invariants:
 *  - No network call inside a database transaction; every write is idempotent, so a worker killed
 *    at any point leaves data a rerun completes (the crash test proves it).
 *  - A sync XS2A counts as failed (422, 409, a raised `sync_fail_counter`) is never retried and
 *    never forced: three of them disable the connection.
 *  - Retryable errors (network, timeout, 5xx, 429) put the run back to QUEUED and return
 *    `{ outcome: "retry" }` with a delay that honours Retry-After (retry-policy.ts); the queue
 *    re-sends it. Nothing is written before the import, and the import writes each account in its
 *    own transaction.
 *  - Before asking XS2A to sync, the run stores a checkpoint (XS2A's `last_synced` and fail
 *    counter then); a resumed run compares them with XS2A's view instead of asking again.
 */
import { applyXs2aConnection } from "@/lib/bank-gateway/apply-connection";
import { decryptCredentialHalf } from "@/lib/bank-gateway/credentials";
import { isXs2aError, type Xs2aError } from "@/lib/bank-gateway/errors";
import { xs2aImportSource } from "@/lib/bank-gateway/import-source";
import type { Xs2aConnection } from "@/lib/bank-gateway/types";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { berlinToday } from "@/lib/berlin-time";
import { now, today } from "@/lib/clock";
import { db, pgPool } from "@/lib/db";
import { isShuttingDown, onForcedStop } from "@/lib/jobs/shutdown";
import { env } from "@/lib/env";
import type { BankConnection, SyncRun, SyncStatus, SyncTrigger as RunTrigger } from "@/lib/generated/prisma/client";
import { importConnection } from "@/lib/import/import-connection";
import type { ImportSource, SyncWarning } from "@/lib/import/types";
import { log } from "@/lib/log";
import { claimRun, HEARTBEAT_MS, TAKEN_OVER } from "./claim-run.ts";
import { nextScheduledSync } from "./next-scheduled-sync.ts";
import { retireRelinkedConnection } from "./retire-relinked-connection.ts";
import { MAX_ATTEMPTS, retryDelayMs } from "./retry-policy.ts";
import { policyInput, syncPolicy, type SyncRefusal, type SyncTrigger } from "./sync-policy.ts";

/** Re-read this many days before the last import: pending items book late, texts change. */
const OVERLAP_DAYS = 30;
/** Warnings kept on a run (the rest are counted in the last one). */
const RUN_WARNINGS = 20;
/** The least time a resumed run gets, however much of its budget the dead worker used. */
const TAKEN_OVER_MIN_MS = 30_000;
/** Unattended (scheduled) bank calls per connection and Berlin day. */
const DAILY_UNATTENDED_BANK_CALLS = 4;

export type RunSyncResult =
  /**
   * `userId`: whose run it was (null when the run no longer exists); `trigger`: what started it;
   * `wrote`: the import added, changed or removed a transaction.
   */
  | {
      outcome: "done";
      status: SyncStatus;
      runId: string;
      userId: string | null;
      trigger: RunTrigger | null;
      wrote: boolean;
    }
  | { outcome: "retry"; delayMs: number; runId: string }
  | { outcome: "busy"; runId: string }
  /** The worker is shutting down: the run went back to QUEUED untouched by this attempt's end; send it again. */
  | { outcome: "handback"; runId: string };

export interface RunSyncOptions {
  runId: string;
  importOnly?: boolean;
  attempt?: number;
  /** How often and how long to follow the connection after a sync call (bounded). */
  pollIntervalMs?: number;
  pollAttempts?: number;
  staleAfterMs?: number;
  /** The run's time budget over all attempts (default SYNC_RUN_MAX_SECONDS). */
  maxRunMs?: number;
  /** The pg-boss job running this attempt (stored on the run, so a dead worker's job can be cancelled). */
  jobId?: string;
}

/** How a run ends: finished with a status, or back to the queue after a retryable XS2A error. */
type RunEnd =
  | {
      end: "finish";
      status: SyncStatus;
      code: string | null;
      detail: string | null;
      requestIds?: string[];
      counts?: { added: number; updated: number; removed: number; quarantined: number };
      /** What the import reported without failing (quarantined turnovers, rounded amounts, …). */
      warnings?: SyncWarning[];
    }
  | { end: "retry"; cause: Xs2aError }
  /** The worker is stopping (SIGTERM): back to the queue at a safe point, for another worker. */
  | { end: "handback" };

const finish = (status: SyncStatus, code: string | null, detail: string | null, requestIds: string[] = []): RunEnd => ({
  end: "finish",
  status,
  code,
  detail,
  requestIds,
});

/** A step's result: what the next step needs, or the run's end. */
type Step<T> = { next: T } | RunEnd;
const isEnd = <T>(s: Step<T>): s is RunEnd => "end" in s;

const REFUSALS: Record<SyncRefusal, RunEnd> = {
  gone: finish("FAILED", "connection_gone", "The bank connection is no longer linked."),
  disabled: finish("FAILED", "connection_disabled", "XS2A disabled this connection after 3 failed syncs."),
  // An expired consent is explained, never tried: a background sync would be a counted failure.
  consent_expired: finish("NEEDS_USER", "consent_expired", "The bank's consent has ended."),
  needs_login: finish("NEEDS_USER", "needs_login", "This bank needs your login to sync."),
  credentials_missing: finish(
    "NEEDS_USER",
    "credentials_missing",
    "Saldo holds no credential half for this bank; sync once with your bank login.",
  ),
};

export async function runSync(opts: RunSyncOptions): Promise<RunSyncResult> {
  const attempt = opts.attempt ?? 1;
  const claim = await claimRun({ runId: opts.runId, staleAfterMs: opts.staleAfterMs, jobId: opts.jobId });
  if (claim.kind === "busy") return { outcome: "busy", runId: opts.runId };
  if (claim.kind === "done") {
    const run = await db.syncRun.findUnique({
      where: { id: opts.runId },
      select: { status: true, userId: true, trigger: true, added: true, updated: true, removed: true },
    });
    return {
      outcome: "done",
      status: run?.status ?? "FAILED",
      runId: opts.runId,
      userId: run?.userId ?? null,
      trigger: run?.trigger ?? null,
      wrote: run ? wroteRows(run) : false,
    };
  }
  const run = claim.run;
  log.info({ runId: run.id, attempt, resumed: claim.resumed }, "sync run claimed");
  const beat = setInterval(() => {
    db.syncRun
      .updateMany({ where: { id: run.id, status: "RUNNING" }, data: { heartbeatAt: new Date() } })
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  beat.unref?.();
  // If the worker's shutdown timeout passes mid-run, the run goes back to the queue (its writes are
  // idempotent and its checkpoint says what was asked of XS2A), so another worker resumes it.
  const unregister = onForcedStop(() => handBack(run.id));
  // The run's whole time budget, over all its attempts: counted from its first claim.
  // A run taken over from a dead worker late in its budget still gets one short attempt.
  const maxRunMs = opts.maxRunMs ?? env().sync.runMaxMs;
  const deadline = Math.max(
    (run.startedAt ?? new Date()).getTime() + maxRunMs,
    run.errorCode === TAKEN_OVER ? Date.now() + Math.min(maxRunMs, TAKEN_OVER_MIN_MS) : 0,
  );
  let giveUp: NodeJS.Timeout | undefined;
  try {
    const executed = execute(run, opts).catch(async (err: unknown): Promise<RunEnd> => {
      log.error({ err, runId: run.id }, "sync run failed");
      return isXs2aError(err)
        ? finish("FAILED", `xs2a_${err.kind}`, err.message, [err.requestId])
        : finish("FAILED", "internal", "Internal error");
    });
    // A hanging bank service cannot hold the run past its deadline. The abandoned attempt's calls
    // end at their own timeouts; whatever it still writes is idempotent, and the run's end (below)
    // is written once, by whichever comes first.
    const outOfTime = new Promise<RunEnd>((resolve) => {
      giveUp = setTimeout(
        () => resolve(finish("FAILED", "xs2a_no_answer", "The bank service did not answer in time.")),
        Math.max(0, deadline - Date.now()),
      );
    });
    const ended = await Promise.race([executed, outOfTime]);
    return await settle(run, ended, attempt, deadline);
  } finally {
    unregister();
    clearTimeout(giveUp);
    clearInterval(beat);
  }
}

/** A RUNNING run back to QUEUED without a heartbeat: the next claim (any worker) takes it at once. */
const handBack = (runId: string) =>
  db.syncRun.updateMany({ where: { id: runId, status: "RUNNING" }, data: { status: "QUEUED", heartbeatAt: null } });

/** Codes of runs that gave up on an unresponsive bank service: Saldo tries again at the next refresh. */
const NO_ANSWER = new Set(["xs2a_no_answer", "xs2a_unavailable"]);

/** When the daily refresh tries again after a run gave up; null for banks that never refresh alone. */
async function nextRefreshFor(connectionId: string): Promise<Date | null> {
  const c = await db.bankConnection.findUnique({ where: { id: connectionId }, select: { syncMode: true } });
  if (!c || c.syncMode === "NONE") return null;
  return nextScheduledSync(await now());
}

/**
 * Writes the run's end; a retry goes back to QUEUED unless its attempts are used up or its next
 * attempt would start after the run's deadline.
 */
async function settle(run: SyncRun, ended: RunEnd, attempt: number, deadline: number): Promise<RunSyncResult> {
  const runId = run.id;
  if (ended.end === "handback") {
    await handBack(runId);
    log.info({ runId }, "worker stopping: sync run handed back to the queue");
    return { outcome: "handback", runId };
  }
  if (ended.end === "retry") {
    const ids = [ended.cause.requestId];
    const delayMs = retryDelayMs(ended.cause, attempt);
    if (attempt >= MAX_ATTEMPTS || Date.now() + delayMs >= deadline)
      return settle(run, finish("FAILED", "xs2a_unavailable", ended.cause.message, ids), attempt, deadline);
    // Back to the queue: the next attempt resumes this run (its checkpoint says what was done).
    await db.syncRun.update({
      where: { id: runId },
      data: {
        status: "QUEUED",
        heartbeatAt: null,
        jobId: null,
        errorCode: "xs2a_retrying",
        errorMessage: ended.cause.message.slice(0, 1000),
        retryAt: new Date(Date.now() + delayMs),
        requestIds: { push: ids },
      },
    });
    return { outcome: "retry", delayMs, runId };
  }
  const retryAt = ended.code && NO_ANSWER.has(ended.code) ? await nextRefreshFor(run.connectionId) : null;
  // Only a RUNNING run is finished here: a reaper or a newer claim may have moved it on.
  const requestIds = (ended.requestIds ?? []).filter(Boolean);
  await db.syncRun.updateMany({
    where: { id: runId, status: "RUNNING" },
    data: {
      status: ended.status,
      finishedAt: new Date(),
      errorCode: ended.code,
      errorMessage: ended.detail?.slice(0, 1000) ?? null,
      added: ended.counts?.added ?? 0,
      updated: ended.counts?.updated ?? 0,
      removed: ended.counts?.removed ?? 0,
      quarantined: ended.counts?.quarantined ?? 0,
      warnings: runWarnings(ended.warnings ?? []),
      retryAt,
      ...(requestIds.length ? { requestIds: { push: requestIds } } : {}),
    },
  });
  const wrote = ended.counts ? wroteRows(ended.counts) : false;
  return { outcome: "done", status: ended.status, runId, userId: run.userId, trigger: run.trigger, wrote };
}

/** Whether an import's counts (or a finished run's) say it added, changed or removed a transaction. */
const wroteRows = (c: { added: number; updated: number; removed: number }) => c.added + c.updated + c.removed > 0;

/** The run's warnings as stored: code and message, the first RUN_WARNINGS of them. */
function runWarnings(all: readonly SyncWarning[]) {
  // What users and admins are shown first: kept items and rounded amounts before field notes.
  const first = (w: SyncWarning) => (w.code === "quarantined" ? 0 : w.code === "amount_rounded" ? 1 : 2);
  const warnings = [...all].sort((a, b) => first(a) - first(b));
  const kept = warnings.slice(0, RUN_WARNINGS).map((w) => ({ code: w.code, message: w.message.slice(0, 1000) }));
  if (warnings.length > RUN_WARNINGS)
    kept.push({ code: warnings[RUN_WARNINGS]!.code, message: `${warnings.length - RUN_WARNINGS} more warnings` });
  return kept;
}

const policyTrigger = (run: SyncRun, importOnly: boolean | undefined): SyncTrigger =>
  importOnly ? "import" : run.trigger === "SCHEDULED" ? "schedule" : "user";

async function execute(run: SyncRun, opts: RunSyncOptions): Promise<RunEnd> {
  if (isShuttingDown()) return { end: "handback" };
  const connection = await db.bankConnection.findUnique({ where: { id: run.connectionId } });
  if (!connection) return REFUSALS.gone;
  const decision = syncPolicy(policyInput(connection), await today(), policyTrigger(run, opts.importOnly));
  if (decision.kind === "refused") return REFUSALS[decision.reason];
  // Only the bank login (a wizard, opened from the page) can sync it now.
  if (decision.kind === "wizard") return REFUSALS.needs_login;
  let current = connection;
  if (decision.kind === "sync") {
    const synced = await syncAtXs2a(run, connection, opts);
    if (isEnd(synced)) return synced;
    current = synced.next;
  }
  return importIntoRun(run, current);
}

/** XS2A's view of the connection, copied onto our row. */
async function refreshFromXs2a(connection: BankConnection) {
  const remote = await withUserApi(connection.userId, (api) => api.connections.get(connection.xs2aId!));
  return { remote, row: await applyXs2aConnection(connection.id, remote) };
}

/** An XS2A error at the sync call or while following it, as the run's end. */
async function endFromError(connection: BankConnection, err: unknown): Promise<RunEnd> {
  if (!isXs2aError(err)) throw err;
  if (err.kind === "retryable") return { end: "retry", cause: err };
  const ids = [err.requestId];
  if (err.kind === "needs_user") return finish("NEEDS_USER", "needs_login", err.message, ids);
  // 409 (disabled) or 422 (e.g. a rejected credential half): counted by XS2A. Record its view, never retry.
  const after = await refreshFromXs2a(connection).catch(() => null);
  if (err.kind === "disabled" || after?.row.status === "DISABLED")
    return finish("FAILED", "connection_disabled", err.message, ids);
  if (err.kind === "invalid_request") return finish("FAILED", "sync_failed", err.message, ids);
  return finish("FAILED", `xs2a_${err.kind}`, err.message, ids);
}

/** Runs `fn`; an XS2A error becomes the run's end. */
async function step<T>(connection: BankConnection, fn: () => Promise<T>): Promise<Step<T>> {
  try {
    return { next: await fn() };
  } catch (err) {
    return endFromError(connection, err);
  }
}

/**
 * `last_synced` counts whole seconds, so a bank sync in the same second as the one before it could
 * not be told from it (the run would follow XS2A for its whole poll budget). XS2A set the earlier
 * one before our earlier run finished, so waiting until a little over a second after that finish
 * puts the new sync in a later second.
 */
async function waitForNewSecond(run: SyncRun) {
  const previous = await db.syncRun.findFirst({
    where: { connectionId: run.connectionId, id: { not: run.id }, finishedAt: { not: null } },
    orderBy: { finishedAt: "desc" },
    select: { finishedAt: true },
  });
  const wait = (previous?.finishedAt?.getTime() ?? 0) + LAST_SYNCED_RESOLUTION_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
const LAST_SYNCED_RESOLUTION_MS = 1100;

const movedSince = (remote: Xs2aConnection, before: Date | null) => {
  const t = remote.lastSynced?.getTime() ?? null;
  return t !== null && (before === null || t > before.getTime());
};

async function syncAtXs2a(
  run: SyncRun,
  connection: BankConnection,
  opts: RunSyncOptions,
): Promise<Step<BankConnection>> {
  const xs2aId = connection.xs2aId!;
  const credentials =
    connection.syncMode === "SHARED" && connection.credentialsCiphertext
      ? decryptCredentialHalf(connection.credentialsCiphertext, connection)
      : undefined;

  if (run.trigger === "SCHEDULED" && (await unattendedBankCallsToday(run)) >= DAILY_UNATTENDED_BANK_CALLS) {
    log.info({ connectionId: connection.id }, "daily unattended bank-call budget used; importing only");
    return { next: connection };
  }

  // Resumed after a crash or a retry: did the earlier call already reach XS2A?
  const before = await step(connection, () => refreshFromXs2a(connection));
  if (isEnd(before)) return before;
  const { remote, row } = before.next;
  if (run.bankSyncRequestedAt) {
    if (movedSince(remote, run.bankLastSyncedBefore)) return { next: row };
    if (remote.syncFailCounter > (run.bankFailCounterBefore ?? 0))
      return finish("FAILED", "sync_failed", remote.syncMessage || "The bank refused the sync.");
  }
  // XS2A's fresh view may have changed what the policy allows (disabled, fallen back).
  const decision = syncPolicy(policyInput(row), await today(), "user");
  if (decision.kind === "refused" && decision.reason === "disabled")
    return finish(
      "FAILED",
      "connection_disabled",
      remote.syncMessage || "XS2A disabled this connection after 3 failed syncs.",
    );
  if (decision.kind === "wizard")
    return finish("NEEDS_USER", "needs_login", "The bank fell back to syncing with your login.");
  if (isShuttingDown()) return { end: "handback" };
  await waitForNewSecond(run);
  const checkpoint = { lastSynced: remote.lastSynced ?? null, fails: remote.syncFailCounter };
  await db.syncRun.update({
    where: { id: run.id },
    data: {
      bankSyncRequestedAt: new Date(),
      bankLastSyncedBefore: checkpoint.lastSynced,
      bankFailCounterBefore: checkpoint.fails,
    },
  });

  // Never `force`: a forced failure counts towards XS2A's three strikes.
  const answer = await step(connection, () =>
    withUserApi(connection.userId, (api) => api.connections.sync(xs2aId, credentials ? { credentials } : {})),
  );
  if (isEnd(answer)) return answer;
  if (answer.next.kind === "needs_user") {
    await refreshFromXs2a(connection).catch(() => undefined);
    return finish("NEEDS_USER", "needs_login", "The bank needs your login to sync.");
  }

  // 204: XS2A syncs in the background; follow it until last_synced moves (bounded).
  const interval = opts.pollIntervalMs ?? 1000;
  const attempts = opts.pollAttempts ?? 60;
  for (let i = 0; i < attempts; i++) {
    const seen = await step(connection, () => refreshFromXs2a(connection));
    if (isEnd(seen)) return seen;
    if (seen.next.remote.syncFailCounter > checkpoint.fails) {
      return finish(
        "FAILED",
        seen.next.row.status === "DISABLED" ? "connection_disabled" : "sync_failed",
        seen.next.remote.syncMessage || "The bank refused the sync.",
      );
    }
    if (movedSince(seen.next.remote, checkpoint.lastSynced)) return { next: seen.next.row };
    // Still following XS2A: a stopping worker hands the run back (the checkpoint is stored).
    if (isShuttingDown()) return { end: "handback" };
    await new Promise((r) => setTimeout(r, interval));
  }
  // XS2A is still busy: import what it holds now; the next run picks up the rest.
  log.warn(
    { connectionId: connection.id, runId: run.id },
    "last_synced did not move in time; importing what XS2A holds",
  );
  return { next: await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } }) };
}

/** Scheduled runs of this connection that asked XS2A to sync since the Berlin day began. */
async function unattendedBankCallsToday(run: SyncRun) {
  // Good enough for a budget: the Berlin day starts at 22:00 or 23:00 UTC of the day before.
  const dayStart = new Date(`${berlinToday(await now())}T00:00:00+01:00`);
  return db.syncRun.count({
    where: {
      connectionId: run.connectionId,
      trigger: "SCHEDULED",
      queuedAt: { gte: dayStart },
      id: { not: run.id },
      bankSyncRequestedAt: { not: null },
    },
  });
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
  const pages = source.turnoverPages;
  return {
    listAccounts: wrap(source.listAccounts),
    balance: wrap(source.balance),
    turnovers: wrap(source.turnovers),
    turnoverPages: pages
      ? async function* (accountId, query) {
          try {
            yield* pages.call(source, accountId, query);
          } catch (err) {
            if (isXs2aError(err)) errors.push(err);
            throw err;
          }
        }
      : undefined,
  };
}

/** Reads what XS2A holds for the connection and writes it. */
async function importIntoRun(run: SyncRun, connection: BankConnection): Promise<RunEnd> {
  const xs2aId = connection.xs2aId!;
  const from = connection.lastImportedAt
    ? berlinToday(new Date(connection.lastImportedAt.getTime() - OVERLAP_DAYS * 86_400_000))
    : undefined;
  const seen: Xs2aError[] = [];
  const imported = await step(connection, () =>
    withUserApi(connection.userId, async (api) => {
      const fresh = await applyXs2aConnection(connection.id, await api.connections.get(xs2aId));
      return importConnection({
        db,
        pool: pgPool(),
        connection: fresh,
        source: recordingSource(xs2aImportSource(api, xs2aId), seen),
        from,
        runId: run.id,
        log,
      });
    }),
  );
  if (isEnd(imported)) return imported;
  const result = imported.next;
  // Nothing was written and XS2A was only unavailable: worth another attempt.
  if (
    result.status === "failed" &&
    seen.length > 0 &&
    seen.every((e) => e.kind === "retryable") &&
    result.accounts.every((a) => a.added + a.updated + a.removed === 0)
  ) {
    return { end: "retry", cause: seen[0]! };
  }
  const status: SyncStatus =
    result.status === "succeeded" ? "SUCCEEDED" : result.status === "partial" ? "PARTIAL" : "FAILED";
  if (status !== "FAILED") {
    await db.bankConnection.update({ where: { id: connection.id }, data: { lastImportedAt: await now() } });
    if (connection.bankCode === null) await fillBankCode(connection.id);
    // A re-link's first import matched the old connection's accounts: the old row can go now.
    if (connection.relinkedFromId)
      await retireRelinkedConnection({ userId: connection.userId, connectionId: connection.id });
  }
  const first = result.errors[0];
  return {
    end: "finish",
    status,
    code: first ? (seen[0] ? `import_${seen[0].kind}` : "import_failed") : null,
    detail: first ? `${first.stage}: ${first.message}` : null,
    requestIds: seen.map((e) => e.requestId),
    counts: { added: result.added, updated: result.updated, removed: result.removed, quarantined: result.quarantined },
    warnings: result.warnings,
  };
}

/** XS2A's connection has no bank code; its accounts do. */
async function fillBankCode(connectionId: string) {
  const account = await db.bankAccount.findFirst({
    where: { connectionId, bankCode: { not: null } },
    select: { bankCode: true, bankName: true },
  });
  if (account)
    await db.bankConnection.updateMany({
      where: { id: connectionId, bankCode: null },
      data: { bankCode: account.bankCode, bankName: account.bankName ?? undefined },
    });
}

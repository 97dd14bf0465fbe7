import type { ConnectionState } from "@/lib/connections/connection-state";

/**
 * How far a bank's data can be trusted, beside its state: the last attempt that did not complete
 * (shown on the card even after a reload) and data older than its sync mode promises.
 */

/** Automatic banks refresh daily; data older than this is flagged as out of date. */
export const STALE_AFTER_DAYS = 2;
/** A pending (prebooked) item usually books within a few days; older ones are flagged. */
export const PENDING_STALE_AFTER_DAYS = 5;

const DAY_MS = 86_400_000;

export interface LastRunInput {
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "PARTIAL" | "FAILED" | "NEEDS_USER";
  errorCode: string | null;
  finishedAt: Date | null;
  queuedAt: Date;
  retryAt: Date | null;
}

export interface LastAttemptProblem {
  /** Completed with some accounts missing, failed, or waiting for its next attempt. */
  kind: "partial" | "failed" | "retrying";
  errorCode: string | null;
  at: Date;
  /** When Saldo tries again by itself, if it does (next attempt or next refresh). */
  retryAt: Date | null;
}

/** States that explain themselves (re-link, renew, log in once): the last attempt adds nothing. */
const SELF_EXPLAINED: ConnectionState[] = ["linking", "disabled", "consent_expired", "needs_manual_sync"];

/**
 * The latest run, when it did not complete: a failed, partial or retrying run never reads as
 * "Up to date". A run that needed the user (`NEEDS_USER`) is explained by the bank's state.
 */
export function lastAttemptProblem(run: LastRunInput | null, state: ConnectionState): LastAttemptProblem | null {
  if (!run || SELF_EXPLAINED.includes(state)) return null;
  const at = run.finishedAt ?? run.queuedAt;
  if (run.status === "FAILED") return { kind: "failed", errorCode: run.errorCode, at, retryAt: run.retryAt };
  if (run.status === "PARTIAL") return { kind: "partial", errorCode: run.errorCode, at, retryAt: run.retryAt };
  if ((run.status === "QUEUED" || run.status === "RUNNING") && run.errorCode === "xs2a_retrying")
    return { kind: "retrying", errorCode: run.errorCode, at, retryAt: run.retryAt };
  return null;
}

/**
 * Whole days the automatic data is older than expected, or null when it is fresh enough (or the
 * bank never refreshes by itself: `none` syncs only with the login, and says so).
 */
export function staleDays(
  c: { syncMode: "FULL" | "SHARED" | "NONE"; lastImportedAt: Date | null; state: ConnectionState },
  now: Date,
): number | null {
  if (c.syncMode === "NONE" || c.state === "linking" || !c.lastImportedAt) return null;
  const days = Math.floor((now.getTime() - c.lastImportedAt.getTime()) / DAY_MS);
  return days > STALE_AFTER_DAYS ? days : null;
}

/** Whole days a pending item has waited since its date ("YYYY-MM-DD"), when that is unusually long. */
export function pendingStaleDays(date: string, today: string): number | null {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
  return Number.isFinite(days) && days > PENDING_STALE_AFTER_DAYS ? days : null;
}

/** States a user should see on the dashboard too: the bank's data is not being kept fresh. */
export const ATTENTION_STATES: ConnectionState[] = ["disabled", "consent_expired", "needs_manual_sync", "failing"];

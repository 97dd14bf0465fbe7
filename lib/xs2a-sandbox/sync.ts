// The sync state machine of a bank connection (xs2a-api.md §4), driven by API calls, the sandbox
// clock's daily runs and finished wizard sessions.

import { findBank } from "./banks";
import { HttpError } from "./http";
import { now, recordEvent, today } from "./state";
import type { ConnectionRec, SandboxState } from "./types";

/** After this many consecutive failures a connection is disabled: syncs (and resets) answer 409. */
export const MAX_FAILURES = 3;

export const isDisabled = (c: ConnectionRec) => c.failCounter >= MAX_FAILURES;

export function consentExpired(c: ConnectionRec, onDate: string): boolean {
  return c.consentValidUntil !== null && c.consentValidUntil < onDate;
}

export function recordSuccess(state: SandboxState, c: ConnectionRec, at: string): void {
  c.failCounter = 0;
  c.syncActive = true;
  c.syncMessage = "";
  c.syncMode = c.configuredMode;
  c.lastSynced = at;
  // Accounts opened or closed at the bank (controls) show up in, or leave, the list now.
  state.accounts = state.accounts.filter((a) => a.connectionId !== c.id || a.listChange !== "close");
  for (const a of state.accounts)
    if (a.connectionId === c.id) {
      a.syncedAt = at;
      delete a.listChange;
    }
  recordEvent(state, {
    transaction: c.transaction,
    type: "bank_connection.synced",
    message: "Bank connection synced.",
    data: { bank_connection_id: c.id },
  });
}

export function recordFailure(state: SandboxState, c: ConnectionRec, message: string): void {
  c.failCounter += 1;
  c.syncActive = false;
  c.syncMessage = message;
  // `full` falls back to `none` (the user must log in again); `shared` keeps needing the client half.
  if (c.syncMode === "full") c.syncMode = "none";
  recordEvent(state, {
    transaction: c.transaction,
    type: "bank_connection.sync_failed",
    message,
    data: { bank_connection_id: c.id, sync_fail_counter: c.failCounter, disabled: isDisabled(c) },
  });
}

export const MESSAGES = {
  injected: "Der Abruf bei der Bank ist fehlgeschlagen: Anmeldedaten ungültig oder geändert.",
  bankDown: "Die Bank ist derzeit nicht erreichbar (technischer Fehler).",
  consent: "Die Zustimmung (Consent) ist abgelaufen. Bitte melden Sie sich erneut bei Ihrer Bank an.",
  wrongHalf: "Die übermittelten Zugangsdaten (credentials) sind ungültig.",
  disabled:
    "Die Bankverbindung wurde nach 3 fehlgeschlagenen Synchronisierungen deaktiviert. Bitte löschen und neu anlegen.",
};

/** A sync with stored (or client-supplied) credentials, without the user. Returns whether it succeeded. */
export function backgroundSync(state: SandboxState, c: ConnectionRec, at: string): boolean {
  if (c.failNextSyncs > 0) {
    c.failNextSyncs -= 1;
    recordFailure(state, c, MESSAGES.injected);
    return false;
  }
  if (findBank(c.bankCode)?.down) {
    recordFailure(state, c, MESSAGES.bankDown);
    return false;
  }
  recordSuccess(state, c, at);
  return true;
}

/** The daily automatic sync of `full` connections, run by the sandbox clock. */
export function autoSync(state: SandboxState, c: ConnectionRec): void {
  if (!c.linked || c.syncMode !== "full" || isDisabled(c)) return;
  const at = now(state);
  if (consentExpired(c, at.slice(0, 10))) {
    recordFailure(state, c, MESSAGES.consent);
    return;
  }
  backgroundSync(state, c, at);
}

export type ApiSyncOutcome = "synced" | "needs-user";

/**
 * `POST /connections/{id}/sync`. Returns "synced" (204) or "needs-user" (202 + wizard session);
 * throws 409 when disabled and 422 for a failed (counted) background attempt.
 */
export function apiSync(
  state: SandboxState,
  c: ConnectionRec,
  body: { credentials?: unknown; force?: unknown },
): ApiSyncOutcome {
  if (isDisabled(c)) throw new HttpError(409, MESSAGES.disabled);
  if (!c.linked) return "needs-user";
  // An expired consent needs the user's login; asking for it is not a failure.
  if (consentExpired(c, today(state))) return "needs-user";
  const force = body.force === true || body.force === "true" || body.force === 1 || body.force === "1";
  let ok: boolean;
  if (c.syncMode === "shared") {
    if (typeof body.credentials !== "string" || body.credentials !== c.sharedHalf) {
      recordFailure(state, c, MESSAGES.wrongHalf);
      throw new HttpError(422, MESSAGES.wrongHalf, { credentials: [MESSAGES.wrongHalf] });
    }
    ok = backgroundSync(state, c, now(state));
  } else if (c.syncMode === "full" || (force && c.configuredMode === "full")) {
    // A `full` connection that fell back to `none` still has its stored credentials: `force` retries them.
    ok = backgroundSync(state, c, now(state));
  } else {
    return "needs-user";
  }
  if (!ok) throw new HttpError(422, c.syncMessage, { sync: [c.syncMessage] });
  return "synced";
}

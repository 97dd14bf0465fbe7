// What a finished wizard session does: materialise a new connection's accounts, renew the consent,
// count as a successful manual sync and (for `shared`) issue the client's credential half.

import { findBank, type SandboxBank } from "../banks";
import { accountNumberFor, holderFor, ibanFor } from "../generator/context";
import { newId, nextSeq, now, recordEvent, secret, today } from "../state";
import { recordSuccess } from "../sync";
import { addDays } from "../time";
import type { AccountRec, ConnectionRec, SandboxState, SessionRec } from "../types";

export const MAX_VOLUME = 100_000;

/** `USER_NAME=volume-<N>` → N (capped), else null. */
export function volumeOf(login: string): number | null {
  const m = /^volume-(\d+)$/i.exec(login.trim());
  return m ? Math.min(Number(m[1]), MAX_VOLUME) : null;
}

function createAccounts(
  state: SandboxState,
  c: ConnectionRec,
  bank: SandboxBank,
  login: string,
  indexes: number[],
): void {
  const at = now(state);
  const linkedOn = at.slice(0, 10);
  for (const index of indexes) {
    const template = bank.accounts[index]!;
    const seq = nextSeq(state);
    const account: AccountRec = {
      id: newId(state, "bac", seq),
      seq,
      userId: c.userId,
      connectionId: c.id,
      bankCode: bank.bank_code,
      login,
      index,
      type: template.type,
      description: template.description,
      holder: holderFor(login),
      iban: ibanFor(bank.bank_code, login, index),
      accountNumber: accountNumberFor(bank.bank_code, login, index),
      created_at: at,
      linkedOn,
      windowStart: addDays(linkedOn, -(c.request.days - 1)),
      limitDays: c.request.limit_days,
      syncedAt: at,
      seenThrough: null,
      volume: volumeOf(login),
    };
    state.accounts.push(account);
  }
}

export function finishSession(state: SandboxState, s: SessionRec): void {
  const c = state.connections.find((x) => x.id === s.connectionId);
  const bank = findBank(s.bankCode);
  s.finished = true;
  s.step = "finish";
  s.lastError = "";
  if (c && bank) {
    if (!c.linked) {
      const login = s.userName.trim() || "sandbox";
      const all = bank.accounts.map((_, i) => i);
      createAccounts(state, c, bank, login, s.selectedAccounts ?? all);
      c.linked = true;
      c.bankCode = bank.bank_code;
      c.login = login;
    }
    c.consentValidUntil = addDays(today(state), bank.consentDays);
    if (c.configuredMode === "shared") {
      c.sharedHalf = secret(state, `half:${c.id}`, s.seq, 64);
      s.issuedHalf = c.sharedHalf;
    }
    recordSuccess(state, c, now(state));
  }
  recordEvent(state, {
    transaction: s.transaction,
    type: "transaction.updated",
    message: "Wizard session finished.",
    data: { bank_connection_id: s.connectionId, finished: true, last_error: "" },
  });
}

export function endSession(state: SandboxState, s: SessionRec, step: "abort" | "error", lastError: string): void {
  s.finished = true;
  s.step = step;
  s.lastError = lastError;
  recordEvent(state, {
    transaction: s.transaction,
    type: "transaction.updated",
    message: step === "abort" ? "Wizard session aborted by the client." : "Wizard session failed.",
    data: { bank_connection_id: s.connectionId, finished: true, last_error: lastError },
  });
}

// Creating wizard sessions (connection create, interactive sync, reset).

import { findBank } from "../banks";
import { newId, nextSeq, now, recordEvent, secret } from "../state";
import type { ConnectionRec, SandboxState, SessionPurpose, SessionRec } from "../types";

export function createSession(
  state: SandboxState,
  c: ConnectionRec,
  purpose: SessionPurpose,
  transaction?: string,
): SessionRec {
  const seq = nextSeq(state);
  // A known bank (linked connection, or `bic` given at create) skips the bank form.
  const bank = findBank(c.bankCode) ?? findBank(c.request.bic);
  const session: SessionRec = {
    id: newId(state, "wiz", seq),
    seq,
    key: secret(state, "wizard_session_key", seq, 48),
    transaction: transaction ?? `${seq}-xs2a-${secret(state, "transaction", seq, 12)}`,
    userId: c.userId,
    connectionId: c.id,
    purpose,
    step: bank ? "login" : "bank",
    hadBankForm: !bank,
    bankCode: bank?.bank_code ?? null,
    userName: c.login ?? "",
    afterLogin: "finish",
    pollCount: 0,
    language: c.request.language,
    finished: false,
    lastError: "",
    pendingError: null,
    fieldErrors: {},
    selection: c.request.account_selection,
    selectedAccounts: null,
    issuedHalf: null,
    created_at: now(state),
  };
  state.sessions.push(session);
  recordEvent(state, {
    transaction: session.transaction,
    type: "transaction.created",
    message: `Wizard session created (${purpose}).`,
    data: { bank_connection_id: c.id, purpose },
  });
  return session;
}

export const sessionPair = (s: SessionRec) => ({ wizard_session_key: s.key, transaction: s.transaction });

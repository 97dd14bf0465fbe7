// Records → the JSON objects of the XS2A API (field order as in the SDK models).

import { findBank } from "./banks";
import type { AccountRec, ConnectionRec, EventRec, SessionRec, TokenRec, UserRec } from "./types";

export const userJson = (u: UserRec) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  testmode: true,
  created_at: u.created_at,
  object: "bank_user",
});

export const tokenJson = (t: TokenRec) => ({
  id: t.id,
  token: t.token,
  valid_until: t.valid_until,
  created_at: t.created_at,
  object: "bank_user_access_token",
});

export function connectionJson(c: ConnectionRec) {
  const bank = findBank(c.bankCode);
  return {
    id: c.id,
    transaction: c.transaction,
    bic: bank?.bic ?? c.request.bic ?? "",
    bank_name: bank?.name ?? "",
    country_id: bank?.country_id ?? c.request.country_id ?? "",
    sync_mode: c.syncMode,
    sync_active: c.syncActive,
    sync_message: c.syncMessage,
    sync_fail_counter: c.failCounter,
    last_synced: c.lastSynced,
    consent_valid_until: c.consentValidUntil,
    testmode: true,
    created_at: c.created_at,
    object: "bank_connection",
  };
}

export function accountJson(a: AccountRec) {
  const bank = findBank(a.bankCode);
  return {
    id: a.id,
    bank_connection_id: a.connectionId,
    holder: a.holder,
    iban: a.iban,
    description: a.description,
    bic: bank?.bic ?? "",
    account_number: a.accountNumber,
    bank_code: a.bankCode,
    bank_name: bank?.name ?? "",
    country_id: "DE",
    type: a.type,
    joint_account: false,
    transaction_possible: a.type === "giro",
    created_at: a.created_at,
    object: "bank_account",
  };
}

const STEP_NAMES: Record<SessionRec["step"], string> = {
  bank: "WizardStartStep",
  login: "WizardLoginStep",
  tan: "WizardTanStep",
  app: "WizardScaStep",
  accounts: "WizardAccountsStep",
  finish: "WizardFinishStep",
  abort: "WizardFinishStep",
  error: "WizardFinishStep",
};

export const sessionJson = (s: SessionRec) => ({
  id: s.id,
  transaction: s.transaction,
  wizard_session_key: s.key,
  product: "xs2a_api",
  parameters: { purpose: s.purpose, bank_code: s.bankCode ?? "" },
  last_error: s.lastError,
  testmode: true,
  finished: s.finished,
  current_step: STEP_NAMES[s.step],
  created_at: s.created_at,
  object: "wizard_session",
});

export const eventJson = (e: EventRec) => ({
  id: e.id,
  transaction: e.transaction,
  type: e.type,
  data: e.data,
  testmode: true,
  message: e.message,
  created_at: e.created_at,
  object: "xs2a_event",
});

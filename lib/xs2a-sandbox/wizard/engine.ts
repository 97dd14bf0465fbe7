// The wizard engine shared by the Wizard-API (`POST /v1/api/wizard`) and xs2a.js (`POST /jsonp`).
// One call = one request of the client: render the current form, submit it, or run an action.

import { BANKS, findBank } from "../banks";
import type { Language, SandboxState, SessionRec, WizardStep } from "../types";
import { endSession, finishSession } from "./finish";
import { renderForm, type Form } from "./forms";
import { texts } from "./texts";

export const POLL_INTERVAL_MS = 1000;
/** App approval finishes on this poll. */
export const POLLS_UNTIL_APPROVED = 2;
export const SANDBOX_PIN = "123456";
export const SANDBOX_TAN = "123456";

export interface WizardResponse {
  code: number;
  message: string;
  error: [] | { message: string; recoverable: boolean };
  polling: Record<string, never> | { interval: number };
  form: Form;
}

export interface WizardResult {
  response: WizardResponse;
  /** For xs2a.js: the error code of `error`, the callback to fire and its parameters. */
  errorCode: string | null;
  callback: "finish" | "abort" | null;
  callbackParams: string[];
  step: WizardStep;
}

const FIELDS: Partial<Record<WizardStep, (s: SessionRec) => string[]>> = {
  bank: () => ["country_id", "bank_code"],
  login: () => ["USER_NAME", "USER_PIN", "privacy_policy"],
  tan: () => ["tan"],
  accounts: (s) =>
    s.selection === "multi" ? (findBank(s.bankCode)?.accounts ?? []).map((_, i) => `account_${i}`) : ["account"],
};

const LANGUAGES: Language[] = ["de", "en", "es", "fr", "it"];

function truthy(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === "string" && ["1", "true", "on", "yes"].includes(v.toLowerCase()));
}

function str(v: unknown): string {
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
}

function setError(s: SessionRec, code: string, message: string, recoverable: boolean): void {
  s.pendingError = { code, message, recoverable };
  s.lastError = code;
}

/** After login (or TAN, or app approval): account selection when asked for, else finish. */
function afterAuthentication(state: SandboxState, s: SessionRec): void {
  if (s.afterLogin === "accounts" && s.purpose === "create") s.step = "accounts";
  else finishSession(state, s);
}

function submitBank(s: SessionRec, input: Record<string, unknown>): void {
  const t = texts(s.language);
  const country = str(input.country_id) || "DE";
  const bank = findBank(str(input.bank_code)) ?? findBankByName(str(input.bank_code));
  if (country !== "DE") {
    s.fieldErrors = { country_id: t.unknownCountry };
    s.lastError = "country_id_invalid";
  } else if (!bank) {
    s.fieldErrors = { bank_code: str(input.bank_code) ? t.unknownBank : t.required };
    s.lastError = "bank_code_unknown";
  } else {
    s.bankCode = bank.bank_code;
    s.step = "login";
  }
}

function findBankByName(q: string) {
  if (q.length < 3) return undefined;
  const lower = q.toLowerCase();
  return BANKS.find((b) => b.name.toLowerCase().includes(lower));
}

function submitLogin(state: SandboxState, s: SessionRec, input: Record<string, unknown>): void {
  const t = texts(s.language);
  const userName = str(input.USER_NAME);
  const pin = str(input.USER_PIN);
  s.userName = userName || s.userName;
  const errors: Record<string, string> = {};
  if (!userName) errors.USER_NAME = t.required;
  if (!pin) errors.USER_PIN = t.required;
  if (!truthy(input.privacy_policy)) errors.privacy_policy = t.privacyRequired;
  if (Object.keys(errors).length) {
    s.fieldErrors = errors;
    s.lastError = errors.privacy_policy && Object.keys(errors).length === 1 ? "pp_not_checked" : "validation_failed";
    return;
  }
  if (findBank(s.bankCode)?.down) {
    setError(s, "tech_error", t.techError, false);
    endSession(state, s, "error", "tech_error");
    return;
  }
  switch (pin) {
    case SANDBOX_PIN:
      s.afterLogin = s.selection === "all" ? "finish" : "accounts";
      return afterAuthentication(state, s);
    case "accounts":
      s.afterLogin = "accounts";
      return afterAuthentication(state, s);
    case "tan":
      s.afterLogin = s.selection === "all" ? "finish" : "accounts";
      s.step = "tan";
      return;
    case "app":
      s.afterLogin = s.selection === "all" ? "finish" : "accounts";
      s.step = "app";
      s.pollCount = 0;
      return;
    default:
      setError(s, "login_failed", t.loginFailed, true);
  }
}

function submitTan(state: SandboxState, s: SessionRec, input: Record<string, unknown>): void {
  const t = texts(s.language);
  const tan = str(input.tan);
  if (!tan) {
    s.fieldErrors = { tan: t.required };
    s.lastError = "validation_failed";
  } else if (tan !== SANDBOX_TAN) setError(s, "tan_failed", t.tanFailed, true);
  else afterAuthentication(state, s);
}

function submitAccounts(state: SandboxState, s: SessionRec, input: Record<string, unknown>): void {
  const t = texts(s.language);
  const count = findBank(s.bankCode)?.accounts.length ?? 0;
  let chosen: number[];
  if (s.selection === "multi") {
    chosen = Array.from({ length: count }, (_, i) => i).filter((i) => truthy(input[`account_${i}`]));
  } else {
    const raw = str(input.account);
    const i = /^\d+$/.test(raw) ? Number(raw) : -1;
    chosen = i >= 0 && i < count ? [i] : [];
  }
  if (!chosen.length) {
    s.fieldErrors = s.selection === "multi" ? { account_0: t.selectAccount } : { account: t.selectAccount };
    s.lastError = "validation_failed";
    return;
  }
  s.selectedAccounts = chosen;
  finishSession(state, s);
}

function back(s: SessionRec): void {
  if (s.step === "login" && s.hadBankForm) s.step = "bank";
  else if (s.step === "tan" || s.step === "app" || s.step === "accounts") s.step = "login";
}

export function runWizard(state: SandboxState, s: SessionRec, input: Record<string, unknown>): WizardResult {
  s.fieldErrors = {};
  s.pendingError = null;
  const action = str(input.action);
  if (LANGUAGES.includes(str(input.language) as Language)) s.language = str(input.language) as Language;
  if (!s.finished) {
    if (action === "abort") {
      setError(s, "client_aborted", texts(s.language).aborted, false);
      s.pendingError = null; // aborting is not an error the client has to show
      endSession(state, s, "abort", "client_aborted");
    } else if (action === "back") back(s);
    else if (action === "restart") s.step = s.hadBankForm ? "bank" : "login";
    else if (action === "poll") {
      if (s.step === "app" && ++s.pollCount >= POLLS_UNTIL_APPROVED) afterAuthentication(state, s);
    } else if (!action) {
      const fields = FIELDS[s.step]?.(s) ?? [];
      const submitted = fields.some((f) => f in input);
      if (submitted && s.step === "bank") submitBank(s, input);
      else if (submitted && s.step === "login") submitLogin(state, s, input);
      else if (submitted && s.step === "tan") submitTan(state, s, input);
      else if (submitted && s.step === "accounts") submitAccounts(state, s, input);
    }
    // `switch-login-tabs` and `change-language` only re-render.
  } else if (s.step === "error") {
    s.pendingError = { code: s.lastError, message: texts(s.language).techError, recoverable: false };
  }
  return respond(s);
}

function respond(s: SessionRec): WizardResult {
  const e = s.pendingError;
  return {
    response: {
      code: 200,
      message: "ok",
      error: e ? { message: e.message, recoverable: e.recoverable } : [],
      polling: s.step === "app" && !s.finished ? { interval: POLL_INTERVAL_MS } : {},
      form: renderForm(s),
    },
    errorCode: e?.code ?? null,
    callback: s.step === "finish" ? "finish" : s.step === "abort" ? "abort" : null,
    callbackParams: s.step === "finish" && s.issuedHalf ? [s.issuedHalf] : [],
    step: s.step,
  };
}

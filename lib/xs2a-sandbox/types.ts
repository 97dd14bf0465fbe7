// The sandbox's persisted state. Turnovers are NOT stored: they are a pure function of the account
// (seeded by bank, login and account index) and the date of the last sync, so a 100k-turnover
// account costs a few bytes here.

import type { AccountType } from "./banks";

export type SyncMode = "full" | "shared" | "none";
export type AccountSelection = "all" | "single" | "multi";
export type Language = "de" | "en" | "es" | "fr" | "it";

export interface UserRec {
  id: string;
  seq: number;
  name: string;
  email: string;
  created_at: string;
}

export interface TokenRec {
  id: string;
  seq: number;
  userId: string;
  token: string;
  valid_until: string;
  created_at: string;
}

export interface ConnectionRequest {
  sync_mode: SyncMode;
  bic: string | null;
  country_id: string | null;
  days: number;
  limit_days: number | null;
  account_selection: AccountSelection;
  language: Language;
  fints_product_id: string | null;
}

export interface ConnectionRec {
  id: string;
  seq: number;
  userId: string;
  /** The transaction of the session that created the connection; never changes afterwards. */
  transaction: string;
  created_at: string;
  request: ConnectionRequest;
  /** Set when the creating wizard session finished. */
  linked: boolean;
  bankCode: string | null;
  login: string | null;
  /** The mode the connection was created with; `syncMode` may fall back to `none` from `full`. */
  configuredMode: SyncMode;
  syncMode: SyncMode;
  syncActive: boolean;
  syncMessage: string;
  failCounter: number;
  lastSynced: string | null;
  consentValidUntil: string | null;
  /** The client's half of the credentials for `shared` connections. */
  sharedHalf: string | null;
  /** Injected by the control `fail-next-sync`: the next N background syncs fail (counted). */
  failNextSyncs: number;
}

export interface AccountRec {
  id: string;
  seq: number;
  userId: string;
  connectionId: string | null;
  bankCode: string;
  login: string;
  /** Position of the account among the bank's templates (stable across logins). */
  index: number;
  type: AccountType;
  description: string;
  holder: string;
  iban: string;
  accountNumber: string;
  created_at: string;
  /** Calendar date the account was linked; anchors the generated history. */
  linkedOn: string;
  /** First day of generated history. */
  windowStart: string;
  limitDays: number | null;
  /** Turnovers and balance are shown as of this moment (the connection's last successful sync). */
  syncedAt: string;
  /** Legacy markAsSeen watermark (older state files): turnovers visible on or before this day are not `new`. */
  seenThrough: string | null;
  /** markAsSeen calls (see `isNew` in generator/view.ts), newest last; dominated marks are dropped. */
  seenMarks?: SeenMark[];
  /** `USER_NAME=volume-<N>`: the account holds N turnovers at link time. */
  volume: number | null;
  /** Sandbox extension: turnovers added by the control `extra-turnovers` (see extra-turnovers.ts). */
  extraTurnovers?: ExtraTurnoverRec[];
  /**
   * Sandbox extension, set by the controls that open and close an account (routes/controls.ts). The
   * account list changes at the connection's next successful sync (xs2a-api.md: "the account list
   * is updated on each sync"): an opening account is not served before it, a closing one until it.
   */
  listChange?: "open" | "close";
}

/** One markAsSeen call: booking dates on or before `through`, of turnovers visible as of `asOf`. */
export interface SeenMark {
  /** "YYYY-MM-DD", inclusive; "9999-12-31" when the call named no date. */
  through: string;
  /** The account's `syncedAt` at the call ("YYYY-MM-DD HH:MM:SS"). */
  asOf: string;
}

/** A turnover item put into an account's list by a test, sent exactly as stored. */
export interface ExtraTurnoverRec {
  key: string;
  item: Record<string, unknown>;
}

export type WizardStep = "bank" | "login" | "tan" | "app" | "accounts" | "finish" | "abort" | "error";
export type SessionPurpose = "create" | "sync" | "reset";

export interface SessionRec {
  id: string;
  seq: number;
  key: string;
  transaction: string;
  userId: string;
  connectionId: string;
  purpose: SessionPurpose;
  step: WizardStep;
  /** Whether the bank form was part of this session (for `back`). */
  hadBankForm: boolean;
  bankCode: string | null;
  userName: string;
  /** What follows a successful login or TAN: account selection or finish. */
  afterLogin: "accounts" | "finish";
  pollCount: number;
  language: Language;
  finished: boolean;
  lastError: string;
  /** Last form-level problem, rendered into the next response. */
  pendingError: { code: string; message: string; recoverable: boolean } | null;
  fieldErrors: Record<string, string>;
  /** The connection's `account_selection`: checkboxes for `multi`, a radio otherwise. */
  selection: AccountSelection;
  /** Account indexes chosen on the account-selection form. */
  selectedAccounts: number[] | null;
  /** Half handed to the client at finish (`shared` connections). */
  issuedHalf: string | null;
  created_at: string;
}

export interface EventRec {
  id: string;
  seq: number;
  transaction: string | null;
  type: string;
  data: Record<string, unknown>;
  message: string;
  created_at: string;
}

export type FaultKind = "500" | "429" | "timeout" | "malformed" | "html";

export interface FaultScope {
  connectionId?: string;
  bankCode?: string;
  accountId?: string;
  /** The `q` of a bank-code autocomplete request. */
  search?: string;
  all?: boolean;
}

export interface FaultRec {
  id: string;
  scope: FaultScope;
  kind: FaultKind;
  remaining: number;
  retryAfterSeconds: number;
}

export interface SandboxState {
  version: 1;
  /** Salt for ids and secrets; random per state so two sandboxes never share tokens. */
  seed: string;
  seq: number;
  clockOffsetDays: number;
  users: UserRec[];
  tokens: TokenRec[];
  connections: ConnectionRec[];
  accounts: AccountRec[];
  sessions: SessionRec[];
  events: EventRec[];
  faults: FaultRec[];
}

/**
 * Domain types of the XS2A client: camelCase, quirks already resolved (see schemas.ts).
 * Date-times are `Date` instants; calendar dates are `"YYYY-MM-DD"` strings; money is `Money`.
 */
import type { Money } from "./amount.ts";
import type { CalendarDate } from "../berlin-time.ts";

export type { Money } from "./amount.ts";
export type { CalendarDate } from "../berlin-time.ts";

export type SyncMode = "full" | "shared" | "none";
export type AccountSelection = "all" | "single" | "multi";
export type Language = "de" | "en" | "es" | "fr" | "it";
export const ACCOUNT_TYPES = ["giro", "creditcard", "savings", "loan", "securities", "wallet", "other"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export type WizardAction = "back" | "switch-login-tabs" | "poll" | "change-language" | "abort" | "restart";
/** XS2A's `code`: a number when numeric ("401" → 401), otherwise the string as sent. */
export type Xs2aCode = number | string;

/** Laravel paginator. */
export interface Paginated<T> {
  total: number;
  perPage: number;
  currentPage: number;
  lastPage: number;
  nextPageUrl: string | null;
  prevPageUrl: string | null;
  from: number | null;
  to: number | null;
  data: T[];
}

export interface PageQuery {
  page?: number;
  perPage?: number;
}

export interface BankUser {
  id: string;
  name: string | null;
  email: string | null;
  testmode: boolean;
  createdAt: Date | null;
}

export interface AccessToken {
  id: string;
  /** The secret used as the Basic-auth password for the bank-user scope. Never log it. */
  token: string;
  validUntil: Date | null;
  createdAt: Date | null;
}

/** What creating a connection, an interactive sync or a reset hands back. */
export interface WizardSessionRef {
  wizardSessionKey: string;
  transaction: string;
}

export interface BankConnection {
  id: string;
  transaction: string | null;
  bic: string | null;
  bankName: string | null;
  countryId: string | null;
  /** null when XS2A sends a mode this client does not know. */
  syncMode: SyncMode | null;
  syncActive: boolean;
  syncMessage: string | null;
  syncFailCounter: number;
  lastSynced: Date | null;
  consentValidUntil: CalendarDate | null;
  testmode: boolean;
  createdAt: Date | null;
}

export interface BankAccount {
  id: string;
  /** null once the connection was deleted (accounts can outlive it). */
  bankConnectionId: string | null;
  holder: string | null;
  iban: string | null;
  description: string | null;
  bic: string | null;
  accountNumber: string | null;
  bankCode: string | null;
  bankName: string | null;
  countryId: string | null;
  type: AccountType;
  jointAccount: boolean;
  transactionPossible: boolean;
  createdAt: Date | null;
}

export interface Balance {
  accountId: string;
  balance: Money | null;
  available: Money | null;
  limit: Money | null;
  /** Amounts of this balance that were float artefacts (within 1e-9 of a cent), rounded to it. */
  roundedAmounts: Array<{ sent: number; decimal: string }>;
  currency: string | null;
  /** When the bank reported the balance. */
  date: Date | null;
  createdAt: Date | null;
}

export interface Turnover {
  /** Only filled when XS2A's per-turnover-id feature is enabled. */
  id: string | null;
  /** The bank's own transaction id, where it gives one. */
  transactionId: string | null;
  /** Always set: an item without one (missing, `""`, `0000-00-00`) is a `RejectedTurnover`. */
  bookingDate: CalendarDate;
  /** Negative for money leaving the account, as XS2A sends it. */
  amount: Money;
  currency: string | null;
  purpose: string[];
  counterIban: string | null;
  counterBic: string | null;
  counterHolder: string | null;
  /** true = pending (not yet booked); XS2A's null is read as false. */
  prebooked: boolean;
  canceled: boolean;
  tags: string[];
  categoryId: string | null;
  creditorId: string | null;
  /** New since the last sync (cleared by markAsSeen). */
  new: boolean;
}

/** One thing wrong with a turnover item: the field's path within the item and why. */
export interface TurnoverIssue {
  /** e.g. `amount`, `booking_date`, `purpose.1`; `(item)` when the item is no object at all. */
  path: string;
  message: string;
}

/**
 * A turnover item that did not parse. It is handed back instead of failing the whole list, so one
 * odd item never hides the account's other turnovers.
 */
export interface RejectedTurnover {
  /** Position in the response's `turnovers` array. */
  index: number;
  /** The item exactly as XS2A sent it (parsed JSON, every field, unknown ones too). */
  raw: unknown;
  issues: TurnoverIssue[];
  /** The fields that parsed on their own (for recognising a later valid version of the item). */
  partial: Partial<Turnover>;
}

/** An amount read as the whole cent it lies within `CENT_GRID_TOLERANCE` of. */
export interface RoundedAmount {
  index: number;
  /** The JSON number as sent, e.g. 0.30000000000000004. */
  sent: number;
  amount: Money;
}

export interface Turnovers {
  accountId: string;
  days: number | null;
  date: Date | null;
  createdAt: Date | null;
  /** The items that parsed, in XS2A's order. */
  turnovers: Turnover[];
  /** The items that did not (empty when all did). */
  rejected: RejectedTurnover[];
  /** Items in `turnovers` whose amount was a float artefact, rounded to the cent. */
  roundedAmounts: RoundedAmount[];
}

export interface WizardSession {
  id: string;
  transaction: string | null;
  wizardSessionKey: string | null;
  product: string | null;
  parameters: Record<string, unknown>;
  /** null when XS2A sends "" (no error). */
  lastError: string | null;
  testmode: boolean;
  finished: boolean;
  currentStep: string | null;
  createdAt: Date | null;
}

export interface Xs2aEvent {
  id: string;
  transaction: string | null;
  type: string;
  data: unknown;
  testmode: boolean;
  message: string | null;
  createdAt: Date | null;
}

export interface Bank {
  bankCode: string | null;
  bic: string | null;
  name: string | null;
  shortName: string | null;
  zipcode: string | null;
  city: string | null;
  countryId: string | null;
  testmode: boolean;
  xs2aProducts: string[];
  xs2aSupported: boolean;
}

export interface WizardElement {
  type: string;
  name: string | null;
  label: string | null;
  value: unknown;
  selected: unknown;
  checked: unknown;
  /** select: value → label map; radio: `[{label, disabled}]`. */
  options: unknown;
  validation: string | null;
  invalid: boolean;
  validationError: string | null;
  failedValidationRules: string[];
  /** Every field as XS2A sent it (help_text title/text, captcha data, redirect url, tabs, …). */
  raw: Record<string, unknown>;
}

export interface WizardResponse {
  code: Xs2aCode | null;
  message: string | null;
  /** null when XS2A sends `[]`. `recoverable: false` means a new session is needed. */
  error: { message: string | null; recoverable: boolean } | null;
  /** Poll `{key, action: "poll"}` every `intervalMs` while set. */
  polling: { intervalMs: number } | null;
  form: { name: string; elements: WizardElement[] } | null;
  /** `form.name === "finish"`: the session is complete. */
  finished: boolean;
}

export type SyncResult = { kind: "started" } | ({ kind: "needs_user" } & WizardSessionRef);

export interface CreateConnectionInput {
  syncMode?: SyncMode;
  countryId?: string;
  bic?: string;
  days?: number;
  limitDays?: number;
  accountSelection?: AccountSelection;
  language?: Language;
  fintsProductId?: string;
}

export interface SyncInput {
  /** The `shared` credential half. Never logged. */
  credentials?: string;
  /** Sent only when explicitly given: every forced failure counts towards XS2A's 3-strike rule. */
  force?: boolean;
}

export interface TurnoversQuery {
  from?: CalendarDate;
  to?: CalendarDate;
  onlyNew?: boolean;
}

export interface EventsQuery extends PageQuery {
  transactionId?: string;
  type?: string;
  /** Passed through as given (format not documented). */
  from?: string;
  to?: string;
}

export interface WizardStepInput {
  key: string;
  action?: WizardAction;
  [field: string]: unknown;
}

/**
 * Input shapes of the import, as structural interfaces so lib/sync does not depend on the XS2A
 * client (lib/xs2a) or its sandbox: anything that can list accounts, read a balance and read
 * turnovers can be imported.
 *
 * Conventions carried over from the XS2A boundary:
 * - money is exact: `cents` (integer minor units) plus the same amount as a decimal string with
 *   two fraction digits; negative = money leaving the account, as XS2A sends it;
 * - calendar dates are `"YYYY-MM-DD"` strings, never instants.
 */

export interface SourceMoney {
  /** Exact integer minor units. */
  cents: number;
  /** The same amount as a decimal string, e.g. `"-12.50"`. */
  decimal: string;
}

export interface SourceTurnover {
  /** XS2A's per-turnover id (only filled when that feature is enabled). */
  id: string | null;
  /** The bank's transaction id, where the bank provides one. */
  transactionId: string | null;
  /** YYYY-MM-DD */
  bookingDate: string;
  amount: SourceMoney;
  currency: string | null;
  purpose: string[];
  counterIban: string | null;
  counterBic: string | null;
  counterHolder: string | null;
  /** true = not booked yet (pending). */
  prebooked: boolean;
  canceled: boolean;
  tags: string[];
  categoryId: string | null;
  creditorId: string | null;
}

export type SourceAccountType = "giro" | "savings" | "creditcard" | "loan" | "securities" | "wallet" | "other";

export interface SourceAccount {
  id: string;
  bankConnectionId: string | null;
  holder: string | null;
  iban: string | null;
  description: string | null;
  bic: string | null;
  accountNumber: string | null;
  bankCode: string | null;
  bankName: string | null;
  countryId: string | null;
  type: SourceAccountType;
  jointAccount: boolean;
}

export interface SourceBalance {
  balance: SourceMoney | null;
  available: SourceMoney | null;
  limit: SourceMoney | null;
  currency: string | null;
  /** When the balance was observed. */
  date: Date | null;
  /** Amounts within 1e-9 of a cent (float artefacts), rounded to it; absent = none. */
  roundedAmounts?: Array<{ sent: number; decimal: string }>;
}

export interface TurnoverQuery {
  /** YYYY-MM-DD, inclusive (filters on booking date). */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
}

/** What is wrong with one field of an item the source could not read. */
export interface SourceIssue {
  /** The field's path within the item, e.g. `amount`, `booking_date`, `purpose.1`, `(item)`. */
  path: string;
  message: string;
}

/**
 * A turnover the source received but could not read (XS2A's item failed the client's parsing).
 * The import keeps it in quarantine instead of dropping it.
 */
export interface RejectedSourceTurnover {
  /** The item as the bank sent it (JSON). */
  raw: unknown;
  issues: SourceIssue[];
  /** The fields that could be read on their own (to recognise a later valid version). */
  partial: Partial<SourceTurnover>;
}

/** One account's turnovers as read: the good ones, the unreadable ones, and amounts that were rounded. */
export interface SourceTurnoverBatch {
  turnovers: SourceTurnover[];
  rejected: RejectedSourceTurnover[];
  /** Amounts within 1e-9 of a cent (float artefacts such as 0.30000000000000004), rounded to it. */
  roundedAmounts: Array<{ sent: number; decimal: string }>;
}

export interface ImportSource {
  /** May return accounts of other connections of the same bank user: the import filters them. */
  listAccounts(): Promise<SourceAccount[]>;
  balance(accountId: string): Promise<SourceBalance>;
  turnovers(accountId: string, query: TurnoverQuery): Promise<SourceTurnoverBatch>;
  /**
   * The same turnovers page by page, so the import holds one page at a time (a source without it
   * is read through `turnovers`, as one page). An error on any page fails the whole read.
   */
  turnoverPages?(accountId: string, query: TurnoverQuery): AsyncIterable<SourceTurnoverBatch>;
}

/** Something the import did not do as asked, reported instead of thrown (shown in the sync log). */
export interface SyncWarning {
  code:
    /** A turnover could not be imported (no valid booking date, amount off the cent grid …). */
    | "invalid_turnover"
    /** A field was dropped or replaced (malformed IBAN/BIC/currency): the row was still imported. */
    | "field_replaced"
    /** XS2A delivered the same transaction id twice in one batch. */
    | "duplicate_transaction_id"
    /** A stored row has the same identity but another amount, sign or currency: left untouched. */
    | "amount_mismatch"
    /** Something about the account list looked wrong (e.g. an empty list: nothing was closed). */
    | "accounts_suspicious"
    /** Turnovers that could not be stored were kept in quarantine (see QuarantinedTurnover). */
    | "quarantined"
    /** Amounts that were float artefacts (within 1e-9 of a cent) were rounded to the cent. */
    | "amount_rounded";
  message: string;
  identity?: string;
  sourceAccountId?: string;
}

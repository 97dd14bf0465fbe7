/**
 * The quarantine of turnovers the import cannot store as transactions (no booking date, an amount
 * off the cent grid, an unknown currency, …). Pure: what to keep of such an item, its key, and
 * which kept items a later batch resolves. upsert-transactions.ts writes it, in the same database
 * transaction as the account's rows.
 *
 * Invariants:
 *  - Nothing the bank sent is dropped silently: every unreadable item is kept with its raw JSON
 *    and the reasons, until its valid version was imported (resolved) or an admin dismissed it.
 *  - The same raw item seen again is the same row: its key is a hash of the item's canonical JSON
 *    (object keys sorted; XS2A's volatile `new` flag and the `object` tag left out) plus its
 *    occurrence among identical items of the list, so two identical odd coffees stay two.
 *  - A row is resolved only by an item the bank sends in a later import (never by one of the list
 *    that still carries the odd item itself): with the same bank transaction id, or — without one —
 *    by a newly stored transaction equal in every field the odd item had readable, when that match
 *    is unambiguous. A row that cannot be matched stays open: a stale row is visible, a wrong
 *    resolution would hide an item.
 */
import { createHash } from "node:crypto";
import {
  LIMITS,
  matchFieldsOf,
  purposeText,
  usableTransactionId,
  type MatchFields,
  type NormalizedTurnover,
} from "./normalize-turnover.ts";
import { parseCalendarDate, sanitizeNullable } from "./sanitize.ts";
import type { SourceIssue, SourceTurnover } from "./types.ts";

/** Longest string kept of a raw item (its purpose lines etc.); the rest is cut. */
const RAW_STRING_LIMIT = 4000;
const RAW_DEPTH_LIMIT = 8;
const RAW_ENTRIES_LIMIT = 200;
/** Days before an odd item's own booking date that later imports read, looking for its valid version. */
const RETRY_MARGIN_DAYS = 7;

function daysBefore(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t - days * 86_400_000).toISOString().slice(0, 10);
}

/** Top-level fields of an XS2A item that say nothing about the turnover itself. */
const VOLATILE_FIELDS = new Set(["new", "object"]);

export interface QuarantineItem {
  /** The item as the bank sent it (or as the source handed it over). */
  raw: unknown;
  reasons: SourceIssue[];
  /** The fields that could be read. */
  partial: Partial<SourceTurnover>;
}

export interface QuarantineEntry {
  rawKey: string;
  /** `raw`, made storable as PostgreSQL jsonb. */
  raw: unknown;
  reasons: SourceIssue[];
  transactionId: string | null;
  matchFields: MatchFields;
  /** YYYY-MM-DD or null (read everything) */
  retryFrom: string | null;
}

/** An open quarantine row, as the matcher needs it. */
export interface OpenQuarantineRow {
  id: string;
  rawKey: string;
  transactionId: string | null;
  matchFields: MatchFields;
}

/**
 * A JSON value PostgreSQL's jsonb accepts: NUL and lone surrogates (which jsonb refuses) become
 * U+FFFD, strings longer than RAW_STRING_LIMIT are cut, nesting and list lengths are bounded.
 * Anything that is not JSON (undefined, functions) becomes null.
 */
export function storableRaw(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "string") {
    // eslint-disable-next-line no-control-regex -- NUL is exactly what jsonb refuses
    const clean = value.toWellFormed().replace(/\u0000/g, "\uFFFD");
    return clean.length > RAW_STRING_LIMIT ? `${clean.slice(0, RAW_STRING_LIMIT)}…` : clean;
  }
  if (depth >= RAW_DEPTH_LIMIT) return null;
  if (Array.isArray(value)) return value.slice(0, RAW_ENTRIES_LIMIT).map((v) => storableRaw(v, depth + 1));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, RAW_ENTRIES_LIMIT)) {
      if (v !== undefined) out[storableRaw(k) as string] = storableRaw(v, depth + 1);
    }
    return out;
  }
  return null;
}

/** JSON with object keys sorted at every level: the same item always gives the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function contentHash(raw: unknown): string {
  const stable =
    raw !== null && typeof raw === "object" && !Array.isArray(raw)
      ? Object.fromEntries(Object.entries(raw).filter(([k]) => !VOLATILE_FIELDS.has(k)))
      : raw;
  return createHash("sha256").update(canonicalJson(stable), "utf8").digest("hex").slice(0, 32);
}

/**
 * What to keep of one account's unreadable items. `windowFrom` is the first day the fetch asked
 * for (null = everything): an item without a readable date is looked for again from there.
 */
export function quarantineEntries(
  items: readonly QuarantineItem[],
  opts: { accountCurrency: string; windowFrom: string | null },
): QuarantineEntry[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const raw = storableRaw(item.raw);
    const hash = contentHash(raw);
    const n = seen.get(hash) ?? 0;
    seen.set(hash, n + 1);
    const matchFields = matchFieldsOf(item.partial, opts.accountCurrency);
    const date = item.partial.bookingDate === undefined ? null : parseCalendarDate(item.partial.bookingDate);
    return {
      rawKey: `q:${hash}:${n}`,
      raw,
      reasons: item.reasons.slice(0, 20).map((r) => ({
        path: String(r.path).slice(0, 200),
        message: String(r.message).slice(0, 500),
      })),
      transactionId: usableTransactionId(item.partial.transactionId),
      matchFields,
      // A readable date says where its valid version will be (banks move a date by a day or two);
      // without one, from where the fetch that saw it began.
      retryFrom: date ? daysBefore(date, RETRY_MARGIN_DAYS) : opts.windowFrom,
    };
  });
}

const FIELD_KEYS = [
  "bookingDate",
  "amountCents",
  "currency",
  "purpose",
  "counterpartyName",
  "counterpartyIban",
  "creditorId",
] as const satisfies readonly (keyof MatchFields)[];

function fieldsOfRow(t: NormalizedTurnover): Required<MatchFields> {
  return {
    bookingDate: t.bookingDate,
    amountCents: t.amountCents,
    currency: t.currency,
    purpose: t.purpose,
    counterpartyName: t.counterpartyName,
    counterpartyIban: t.counterpartyIban,
    creditorId: t.creditorId,
  };
}

/**
 * Enough readable fields to tell the item from others: two of booking date, amount and a
 * non-empty purpose. With less (say only a date), any transaction of that day would look alike.
 */
function recognisable(f: MatchFields): boolean {
  return [f.bookingDate !== undefined, f.amountCents !== undefined, !!f.purpose].filter(Boolean).length >= 2;
}

function sameWhereReadable(f: MatchFields, row: Required<MatchFields>): boolean {
  return FIELD_KEYS.every((k) => f[k] === undefined || f[k] === row[k]);
}

/**
 * Which open rows the current batch resolves, and as which stored transaction identity.
 * `open` must hold only rows whose raw item is NOT in the current list (an item the bank still
 * sends broken is not resolved by anything). `inserted` = identities this import stored anew.
 */
export function matchQuarantined(
  open: readonly OpenQuarantineRow[],
  rows: readonly NormalizedTurnover[],
  inserted: ReadonlySet<string>,
): Map<string, string> {
  const resolved = new Map<string, string>();
  const used = new Set<string>();

  // 1. The bank's own id: the strongest tie (the row is stored or updated under it now).
  const byTxId = new Map<string, NormalizedTurnover>();
  for (const r of rows) if (r.xs2aTransactionId && !byTxId.has(r.xs2aTransactionId)) byTxId.set(r.xs2aTransactionId, r);
  for (const q of open) {
    if (!q.transactionId) continue;
    const r = byTxId.get(q.transactionId);
    if (r && !used.has(r.identity)) {
      resolved.set(q.id, r.identity);
      used.add(r.identity);
    }
  }

  // 2. No id: equal in every readable field, among transactions stored anew by this import. Rows
  // with the same readable fields form a group; it resolves only when it has at least as many
  // rows as candidates (otherwise it is unclear which new transaction is the odd item's).
  const groups = new Map<string, OpenQuarantineRow[]>();
  for (const q of [...open].sort((a, b) => (a.rawKey < b.rawKey ? -1 : 1))) {
    if (q.transactionId || !recognisable(q.matchFields)) continue;
    const key = JSON.stringify(FIELD_KEYS.map((k) => q.matchFields[k] ?? "\u0000any"));
    groups.set(key, [...(groups.get(key) ?? []), q]);
  }
  const fresh = rows
    .filter((r) => inserted.has(r.identity) && !used.has(r.identity))
    .sort((a, b) => (a.identity < b.identity ? -1 : 1));
  for (const group of groups.values()) {
    const fields = group[0]!.matchFields;
    const candidates = fresh.filter((r) => !used.has(r.identity) && sameWhereReadable(fields, fieldsOfRow(r)));
    if (candidates.length === 0 || candidates.length > group.length) continue;
    candidates.forEach((r, i) => {
      resolved.set(group[i]!.id, r.identity);
      used.add(r.identity);
    });
  }
  return resolved;
}

/** What was wrong with a kept item, in the words the UI has for it. */
export type QuarantineProblem = "booking_date" | "amount" | "currency" | "other";

export function quarantineProblem(reasons: unknown): QuarantineProblem {
  const path = Array.isArray(reasons) ? String((reasons[0] as { path?: unknown } | undefined)?.path ?? "") : "";
  if (path.startsWith("booking_date")) return "booking_date";
  if (path.startsWith("amount")) return "amount";
  if (path.startsWith("currency")) return "currency";
  return "other";
}

/** The bank's own text fields of a kept item, as it sent them, sanitised for display. */
export interface QuarantineBankText {
  /** As sent (may be no date at all). */
  bookingDate: string | null;
  /** As sent, e.g. "0.30000000000000004" or "NaN". */
  amount: string | null;
  currency: string | null;
  counterparty: string | null;
  /** Raw counterparty IBAN text (callers decide whether to show it, masked or not). */
  counterpartyIban: string | null;
  purpose: string;
}

/** Reads XS2A's item fields (and the import's own shape, for items the normaliser refused). */
export function quarantineBankText(raw: unknown): QuarantineBankText {
  const r = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const text = (v: unknown, max: number) =>
    v === null || v === undefined || typeof v === "object" ? null : sanitizeNullable(String(v), max);
  const amount = r.amount;
  const amountText =
    amount !== null && typeof amount === "object" && "decimal" in amount
      ? text((amount as { decimal: unknown }).decimal, 40)
      : text(amount, 40);
  return {
    bookingDate: text(r.booking_date ?? r.bookingDate, 40),
    amount: amountText,
    currency: text(r.currency ?? r.currency_id, 16),
    counterparty: text(r.counter_holder ?? r.counterHolder, LIMITS.name),
    counterpartyIban: text(r.counter_iban ?? r.counterIban, 64),
    purpose: purposeText(r.purpose).slice(0, 500),
  };
}

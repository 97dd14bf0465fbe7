/**
 * Turns one account's batch of XS2A turnovers into rows Saldo can store, and gives each its
 * identity. Pure: no I/O, no clock.
 *
 * Identity rules (the unique key is ("accountId", "identity"); they must stay stable across
 * releases, or re-imports double data — change them only together with a data migration):
 *  - booked or cancelled, with a usable bank transaction id → `tx:<transaction_id>`;
 *  - booked or cancelled, without one → `fp:<fingerprint>:<n>`, where fingerprint is the first
 *    32 hex digits of sha256(bookingDate, cents, currency, purpose, counter IBAN, counter holder,
 *    creditor id — each normalised, joined with U+001F) and n the occurrence index of that
 *    fingerprint in the batch (0, 1, …). Identical coffees on one day stay two, and because the
 *    booking date is part of the fingerprint, every import window covering that day counts the
 *    same n — re-imports and overlapping windows yield the same keys;
 *  - pending (prebooked, not cancelled) → `pending:tx:<id>:<n>` or `pending:fp:<fingerprint>:<n>`:
 *    a namespace of its own, so a pending row is never matched to a booked one by id (banks issue
 *    new ids and texts when a transaction books); pending rows are replaced on every import.
 * The booking date is part of the fingerprint only: a `tx:` row whose date moves is updated, not doubled.
 */
import { hash } from "node:crypto";
import {
  compactUpper,
  normalizeBic,
  normalizeCurrency,
  normalizeIban,
  parseCalendarDate,
  parseMoney,
  sanitizeNullable,
  sanitizeText,
} from "./sanitize.ts";
import type { SourceTurnover, SyncWarning } from "./types.ts";

export const LIMITS = {
  purpose: 2000,
  purposeLine: 2000,
  name: 300,
  transactionId: 200,
  creditorId: 35,
  categoryId: 64,
  tag: 64,
  tags: 32,
  reference: 35,
  warnings: 50,
} as const;

export type TransactionStatus = "PENDING" | "BOOKED" | "CANCELED";

export interface NormalizedTurnover {
  identity: string;
  status: TransactionStatus;
  /** YYYY-MM-DD */
  bookingDate: string;
  amountCents: number;
  /** Exact decimal string for `::numeric`, e.g. "-3.20". */
  amount: string;
  currency: string;
  purpose: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  counterpartyBic: string | null;
  creditorId: string | null;
  xs2aTransactionId: string | null;
  categoryId: string | null;
  tags: string[];
  /** SEPA mandate reference (MREF+ / "Mandatsref"), read from the purpose; it stays in the purpose text. */
  mandateReference: string | null;
  /** SEPA end-to-end reference (EREF+), read from the purpose; it stays in the purpose text. */
  endToEndReference: string | null;
  /** 32 hex digits; see the identity rules above. */
  fingerprint: string;
}

/** A turnover of the batch that cannot be stored: it goes to quarantine with its reason. */
export interface RejectedTurnoverItem {
  /** Position in the batch. */
  index: number;
  turnover: SourceTurnover;
  /** The field at fault, named as in XS2A's item. */
  path: "booking_date" | "amount";
  message: string;
}

export interface NormalizeTurnoversResult {
  turnovers: NormalizedTurnover[];
  warnings: SyncWarning[];
  /** Turnovers that could not be imported at all (also reported in `warnings`). */
  rejected: number;
  /** The same turnovers, for the quarantine. */
  rejectedItems: RejectedTurnoverItem[];
}

/**
 * Ids that are not ids: blanks, placeholders, and positional "YYYY-MM-DD-N" references that a bank
 * reuses for another transaction (field notes §1 row 2).
 */
export function usableTransactionId(raw: string | null | undefined): string | null {
  const id = sanitizeNullable(raw, 10_000);
  if (!id) return null;
  if (/^(?:NOTPROVIDED|NONREF|NONE|NULL|UNDEFINED|N\/A|-+|0+)$/i.test(id)) return null;
  if (/^\d{4}-?\d{2}-?\d{2}[-_/.]\d{1,6}$/.test(id)) return null;
  if (id.length <= LIMITS.transactionId) return id;
  // Keep overlong ids unique without storing them whole.
  return `sha256:${hash("sha256", id)}`;
}

/** Purpose lines as one sanitised text (a single string is one line). */
export function purposeText(lines: unknown): string {
  const list = Array.isArray(lines) ? lines : lines == null ? [] : [lines];
  return sanitizeText(
    list
      .map((line) => sanitizeText(line, LIMITS.purposeLine))
      .filter(Boolean)
      .join(" "),
    LIMITS.purpose,
  );
}

/**
 * What identifies a turnover apart from its id, as the normaliser stores it; a field is left out
 * (undefined) when the item's value could not be read. Used to recognise a quarantined item when
 * the bank later sends it in a valid form.
 */
export interface MatchFields {
  bookingDate?: string;
  amountCents?: number;
  currency?: string;
  purpose?: string;
  counterpartyName?: string | null;
  counterpartyIban?: string | null;
  creditorId?: string | null;
}

export function matchFieldsOf(t: Partial<SourceTurnover>, accountCurrency: string): MatchFields {
  const out: MatchFields = {};
  const date = t.bookingDate === undefined ? null : parseCalendarDate(t.bookingDate);
  if (date) out.bookingDate = date;
  const money = t.amount === undefined ? null : parseMoney(t.amount);
  if (money) out.amountCents = money.cents;
  if (t.currency !== undefined) {
    const currency = normalizeCurrency(t.currency);
    if (currency || sanitizeText(t.currency, 16) === "")
      out.currency = currency ?? normalizeCurrency(accountCurrency) ?? "EUR";
  }
  if (t.purpose !== undefined) out.purpose = purposeText(t.purpose);
  if (t.counterHolder !== undefined) out.counterpartyName = sanitizeNullable(t.counterHolder, LIMITS.name);
  if (t.counterIban !== undefined) out.counterpartyIban = normalizeIban(compactUpper(t.counterIban, 64));
  if (t.creditorId !== undefined) out.creditorId = compactUpper(t.creditorId, LIMITS.creditorId);
  return out;
}

const SEPA_TAG = /(?:EREF|MREF|CRED|SVWZ|ABWA|ABWE|KREF|PURP|BREF|RREF|IBAN|BIC|COAM|OAMT|SQTP)\+/;

function readReference(purpose: string, patterns: RegExp[]): string | null {
  for (const p of patterns) {
    const m = p.exec(purpose);
    if (!m?.[1]) continue;
    let value = m[1];
    const glued = SEPA_TAG.exec(value);
    if (glued && glued.index > 0) value = value.slice(0, glued.index);
    value = value.replace(/[,;]+$/, "");
    if (!value || /^NOTPROVIDED$/i.test(value)) continue;
    return value.slice(0, LIMITS.reference);
  }
  return null;
}

export function extractMandateReference(purpose: string): string | null {
  return readReference(purpose, [/(?:^|[\s/])MREF\+\s?(\S+)/, /\bMandats?-?ref(?:erenz)?\.?\s*:?\s*(\S+)/i]);
}

export function extractEndToEndReference(purpose: string): string | null {
  return readReference(purpose, [/(?:^|[\s/])EREF\+\s?(\S+)/, /\bEnd-?to-?End-?Ref(?:erenz)?\.?\s*:?\s*(\S+)/i]);
}

export function fingerprintOf(t: {
  bookingDate: string;
  amountCents: number;
  currency: string;
  purpose: string;
  counterIban: string | null;
  counterHolder: string | null;
  creditorId: string | null;
}): string {
  // U+001F cannot occur in sanitised values, so the join is unambiguous.
  const material = [
    t.bookingDate,
    String(t.amountCents),
    t.currency,
    t.purpose,
    t.counterIban ?? "",
    t.counterHolder ?? "",
    t.creditorId ?? "",
  ].join("\u001f");
  // One-shot (no Hash object): ~1.6× faster, and every turnover of an import is hashed.
  return hash("sha256", material).slice(0, 32);
}

function collector() {
  const list: SyncWarning[] = [];
  const overflow = new Map<SyncWarning["code"], number>();
  return {
    add(w: SyncWarning) {
      if (list.length < LIMITS.warnings) list.push(w);
      else overflow.set(w.code, (overflow.get(w.code) ?? 0) + 1);
    },
    done(): SyncWarning[] {
      for (const [code, n] of overflow) list.push({ code, message: `${n} more warnings of this kind` });
      return list;
    },
  };
}

/**
 * Normalises one account's batch. The batch must be what XS2A returned for whole days (a
 * `from`/`to` window), in any order: identities depend on the multiset of turnovers per day only.
 */
export function normalizeTurnovers(opts: {
  turnovers: readonly SourceTurnover[];
  accountCurrency: string;
}): NormalizeTurnoversResult {
  const normalizer = createTurnoverNormalizer({ accountCurrency: opts.accountCurrency });
  const page = normalizer.add(opts.turnovers);
  return { ...page, warnings: normalizer.warnings() };
}

/** What one page of a streamed batch gave (warnings are collected over the whole batch). */
export interface NormalizedPage {
  turnovers: NormalizedTurnover[];
  rejected: number;
  rejectedItems: RejectedTurnoverItem[];
}

/**
 * `normalizeTurnovers` for a batch read page by page: the identities of all pages together are
 * exactly those of the whole batch normalised at once (the per-batch counters and ids seen live
 * here), and item numbers in warnings count across pages.
 */
export function createTurnoverNormalizer(opts: { accountCurrency: string }) {
  const warnings = collector();
  const accountCurrency = normalizeCurrency(opts.accountCurrency) ?? "EUR";
  const fpCount = new Map<string, number>();
  const pendingCount = new Map<string, number>();
  const seenTxIds = new Map<string, string>(); // transaction id → fingerprint of its first occurrence
  let offset = 0;
  return {
    add(turnovers: readonly SourceTurnover[]): NormalizedPage {
      const r = normalizePage(turnovers, offset);
      offset += turnovers.length;
      return r;
    },
    warnings: (): SyncWarning[] => warnings.done(),
  };

  function normalizePage(turnovers: readonly SourceTurnover[], offset: number): NormalizedPage {
    const out: NormalizedTurnover[] = [];
    let rejected = 0;
    const rejectedItems: RejectedTurnoverItem[] = [];

    for (const [pageIndex, t] of turnovers.entries()) {
      const index = offset + pageIndex;
      const bookingDate = parseCalendarDate(t.bookingDate);
      const money = parseMoney(t.amount);
      if (!bookingDate || !money) {
        rejected++;
        const item: RejectedTurnoverItem = !bookingDate
          ? {
              index,
              turnover: t,
              path: "booking_date",
              message: `booking date ${JSON.stringify(String(t.bookingDate).slice(0, 40))} is not a calendar date (1900–2999)`,
            }
          : { index, turnover: t, path: "amount", message: "amount is not an exact cent amount" };
        rejectedItems.push(item);
        warnings.add({ code: "invalid_turnover", message: `turnover #${index} skipped: ${item.message}` });
        continue;
      }

      let currency = normalizeCurrency(t.currency);
      if (!currency) {
        if (sanitizeText(t.currency, 16) !== "")
          warnings.add({
            code: "field_replaced",
            message: `turnover #${index}: currency ${JSON.stringify(sanitizeText(t.currency, 16))} replaced by ${accountCurrency}`,
          });
        currency = accountCurrency;
      }

      const purpose = purposeText(t.purpose);
      const counterpartyName = sanitizeNullable(t.counterHolder, LIMITS.name);
      const rawIban = compactUpper(t.counterIban, 64);
      const counterpartyIban = normalizeIban(rawIban);
      if (rawIban && !counterpartyIban)
        warnings.add({
          code: "field_replaced",
          message: `turnover #${index}: counterparty IBAN is malformed and was dropped`,
        });
      const rawBic = compactUpper(t.counterBic, 64);
      const counterpartyBic = normalizeBic(rawBic);
      const creditorId = compactUpper(t.creditorId, LIMITS.creditorId);
      const categoryId = sanitizeNullable(t.categoryId, LIMITS.categoryId);
      const tags = [
        ...new Set((Array.isArray(t.tags) ? t.tags : []).map((x) => sanitizeText(x, LIMITS.tag)).filter(Boolean)),
      ].slice(0, LIMITS.tags);
      const txId = usableTransactionId(t.transactionId);

      const fingerprint = fingerprintOf({
        bookingDate,
        amountCents: money.cents,
        currency,
        purpose,
        // The raw (compacted) IBAN, so a malformed one still tells transactions apart.
        counterIban: rawIban,
        counterHolder: counterpartyName,
        creditorId,
      });

      const status: TransactionStatus = t.canceled ? "CANCELED" : t.prebooked ? "PENDING" : "BOOKED";
      let identity: string;
      if (status === "PENDING") {
        const base = txId ? `tx:${txId}` : `fp:${fingerprint}`;
        const n = pendingCount.get(base) ?? 0;
        pendingCount.set(base, n + 1);
        identity = `pending:${base}:${n}`;
      } else {
        let useTx = txId;
        if (txId && seenTxIds.has(txId)) {
          if (seenTxIds.get(txId) === fingerprint) {
            // Same id and same content: one transaction delivered twice (dedupe on ids).
            warnings.add({
              code: "duplicate_transaction_id",
              identity: `tx:${txId}`,
              message: `turnover #${index}: transaction id delivered twice; the repeat was ignored`,
            });
            continue;
          }
          // Same id, different content: the id is not unique, so it cannot be this one's identity.
          warnings.add({
            code: "duplicate_transaction_id",
            identity: `tx:${txId}`,
            message: `turnover #${index}: transaction id reused for a different transaction; stored by fingerprint`,
          });
          useTx = null;
        }
        if (useTx) {
          seenTxIds.set(useTx, fingerprint);
          identity = `tx:${useTx}`;
        } else {
          const n = fpCount.get(fingerprint) ?? 0;
          fpCount.set(fingerprint, n + 1);
          identity = `fp:${fingerprint}:${n}`;
        }
      }

      out.push({
        identity,
        status,
        bookingDate,
        amountCents: money.cents,
        amount: money.decimal,
        currency,
        purpose,
        counterpartyName,
        counterpartyIban,
        counterpartyBic,
        creditorId,
        xs2aTransactionId: txId,
        categoryId,
        tags,
        mandateReference: extractMandateReference(purpose),
        endToEndReference: extractEndToEndReference(purpose),
        fingerprint,
      });
    }
    return { turnovers: out, rejected, rejectedItems };
  }
}

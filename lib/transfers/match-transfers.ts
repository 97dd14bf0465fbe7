/**
 * Which outgoing and incoming rows are the two sides of one transfer between the user's own
 * accounts (pure; the SQL in pair-transfers.ts only narrows the candidates). Two rows pair when
 *  - they are on different accounts, in the same currency, with the same amount and opposite signs;
 *  - their booking dates are at most MAX_DAYS_APART apart (banks book a transfer a few days apart);
 *  - there is evidence they belong together: one side names the other account's IBAN as its
 *    counterparty, or both carry the same purpose, or the banks put both in the own-transfer
 *    category (N…);
 *  - the user has not unpaired them before.
 * Each row pairs at most once: the strongest evidence first, then the closest dates, then the
 * oldest ids, so the result does not depend on the order the rows come in.
 */
export const MAX_DAYS_APART = 4;

export interface TransferSide {
  id: string;
  accountId: string;
  /** The IBAN of the row's own account (null when the bank sends none). */
  accountIban: string | null;
  bookingDate: string;
  /** Signed amount in cents. */
  cents: number;
  currency: string;
  counterpartyIban: string | null;
  purpose: string;
  /** The category the user sees (their own, else the bank's). */
  category: string | null;
}

export interface TransferMatch {
  outId: string;
  inId: string;
}

export const normalizeIban = (v: string | null | undefined) => (v ? v.replace(/\s+/g, "").toUpperCase() : "");

/** Purposes compared without case, spacing and the bank's line breaks; very short ones prove nothing. */
export const normalizePurpose = (v: string) => v.toLowerCase().replace(/\s+/g, " ").trim();
const MIN_PURPOSE_LENGTH = 4;

const dayNumber = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;

/** The evidence that `out` and `inc` are one transfer: 0 = none (not a pair). */
export function transferEvidence(out: TransferSide, inc: TransferSide): number {
  if (out.cents >= 0 || inc.cents <= 0 || out.cents !== -inc.cents) return 0;
  if (out.currency !== inc.currency || out.accountId === inc.accountId) return 0;
  if (Math.abs(dayNumber(out.bookingDate) - dayNumber(inc.bookingDate)) > MAX_DAYS_APART) return 0;
  let score = 0;
  const outIban = normalizeIban(out.accountIban);
  const inIban = normalizeIban(inc.accountIban);
  if (inIban && normalizeIban(out.counterpartyIban) === inIban) score += 2;
  if (outIban && normalizeIban(inc.counterpartyIban) === outIban) score += 2;
  const p = normalizePurpose(out.purpose);
  if (p.length >= MIN_PURPOSE_LENGTH && p === normalizePurpose(inc.purpose)) score += 1;
  if (out.category?.startsWith("N") && inc.category?.startsWith("N")) score += 1;
  return score;
}

export function matchTransfers(rows: TransferSide[], rejected: ReadonlySet<string> = new Set()): TransferMatch[] {
  const outs = rows.filter((r) => r.cents < 0);
  const ins = new Map<string, TransferSide[]>();
  for (const r of rows) {
    if (r.cents <= 0) continue;
    const key = `${r.currency}|${r.cents}`;
    const list = ins.get(key) ?? [];
    list.push(r);
    ins.set(key, list);
  }
  const candidates: { out: TransferSide; inc: TransferSide; score: number; gap: number }[] = [];
  for (const out of outs) {
    for (const inc of ins.get(`${out.currency}|${-out.cents}`) ?? []) {
      if (rejected.has(rejectionKey(out.id, inc.id))) continue;
      const score = transferEvidence(out, inc);
      if (score > 0)
        candidates.push({ out, inc, score, gap: Math.abs(dayNumber(out.bookingDate) - dayNumber(inc.bookingDate)) });
    }
  }
  candidates.sort(
    (a, b) => b.score - a.score || a.gap - b.gap || compareIds(a.out.id, b.out.id) || compareIds(a.inc.id, b.inc.id),
  );
  const used = new Set<string>();
  const out: TransferMatch[] = [];
  for (const c of candidates) {
    if (used.has(c.out.id) || used.has(c.inc.id)) continue;
    used.add(c.out.id);
    used.add(c.inc.id);
    out.push({ outId: c.out.id, inId: c.inc.id });
  }
  return out;
}

export const rejectionKey = (outId: string, inId: string) => `${outId}|${inId}`;

/** Numeric ids as decimal strings, compared as numbers. */
const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

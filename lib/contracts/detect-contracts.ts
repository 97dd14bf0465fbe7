/**
 * Finds contracts (recurring payments and income) in a user's booked transactions. Pure: no I/O,
 * no clock (today is passed in).
 *
 * Grouping, strongest first: SEPA creditor id + mandate reference, creditor id alone, counterparty
 * IBAN, normalised counterparty name — always split by direction (money out / money in). A group is
 * a contract when its booking dates follow one cadence (weekly, monthly, quarterly, half-yearly,
 * yearly) within a tolerance for weekends, holidays and a late month, with enough payments. Groups
 * without a creditor id must also keep a steady amount (a shop visited now and then is not a
 * contract); direct debits may vary (electricity advance payments, phone bills). Transfers between
 * the user's own accounts (IBAN of an own account, or the account holder's own name) are never
 * contracts. The same contract paid from two accounts is one: the key ignores the account.
 */
import {
  CADENCES,
  addCadence,
  cadenceOf,
  type Cadence,
  mandateReferenceOf,
  normalizeName,
  normalizeIban,
  daysBetween,
} from "./cadence.ts";

export type { Cadence } from "./cadence.ts";

export interface ContractTransaction {
  id: string;
  accountId: string;
  /** YYYY-MM-DD */
  bookingDate: string;
  amountCents: number;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  creditorId: string | null;
  purpose: string;
  categoryId: string | null;
}

export interface DetectedContract {
  /** Stable across re-runs for the same counterparty: how user decisions are found again. */
  key: string;
  direction: "in" | "out";
  cadence: Cadence;
  name: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  creditorId: string | null;
  mandateReference: string | null;
  categoryId: string | null;
  accountIds: string[];
  /** Oldest first. */
  transactionIds: string[];
  amountMinCents: number;
  amountMaxCents: number;
  /** Median of the payments (signed). */
  typicalAmountCents: number;
  lastAmountCents: number;
  firstDate: string;
  lastDate: string;
  /** The next expected booking date. */
  nextDate: string;
  /** False when the next expected payment is overdue by more than the cadence's tolerance. */
  active: boolean;
}

export interface DetectContractsInput {
  transactions: readonly ContractTransaction[];
  /** IBANs of the user's own accounts (any bank). */
  ownIbans?: Iterable<string>;
  /** Holder names of the user's own accounts. */
  ownNames?: Iterable<string>;
  /** YYYY-MM-DD, Europe/Berlin. */
  today: string;
}

/** Fewest payments before a group counts, per cadence (fewer for direct debits with a mandate). */
const MIN_PAYMENTS: Record<Cadence, { strong: number; weak: number }> = {
  weekly: { strong: 4, weak: 5 },
  monthly: { strong: 3, weak: 3 },
  quarterly: { strong: 2, weak: 3 },
  "half-yearly": { strong: 2, weak: 3 },
  yearly: { strong: 2, weak: 3 },
};

/** Share of intervals that must fit the cadence. */
const REGULARITY = 0.75;
/** Without a creditor id, this share of payments must lie within ±25 % of the median amount. */
const STEADY_SHARE = 0.75;
const STEADY_BAND = 0.25;

interface Group {
  key: string;
  strong: boolean;
  items: ContractTransaction[];
}

/** Per-run caches: counterparties repeat, so each distinct IBAN, name and purpose is read once. */
function memo<T>(fn: (v: string) => T): (v: string | null | undefined) => T {
  const cache = new Map<string, T>();
  return (v) => {
    const key = v ?? "";
    let out = cache.get(key);
    if (out === undefined && !cache.has(key)) cache.set(key, (out = fn(key)));
    return out as T;
  };
}

function keyer() {
  const iban = memo(normalizeIban);
  const name = memo(normalizeName);
  const creditor = memo((c) => c.trim().toUpperCase());
  return {
    iban,
    name,
    key(t: ContractTransaction): { key: string; strong: boolean } | null {
      const direction = t.amountCents < 0 ? "out" : "in";
      const cred = t.creditorId ? creditor(t.creditorId) : "";
      if (cred) {
        const mandate = mandateReferenceOf(t.purpose);
        return { key: mandate ? `cm:${cred}:${mandate}:${direction}` : `c:${cred}:${direction}`, strong: true };
      }
      const i = iban(t.counterpartyIban);
      if (i) return { key: `i:${i}:${direction}`, strong: false };
      const n = name(t.counterpartyName);
      if (n) return { key: `n:${n}:${direction}`, strong: false };
      return null;
    },
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

function mostCommon<T>(values: (T | null)[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestN = 0;
  for (const v of values) {
    if (v === null) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN) [best, bestN] = [v, n];
  }
  return best;
}

function steady(amounts: number[]): boolean {
  const m = Math.abs(median(amounts));
  if (m === 0) return false;
  const within = amounts.filter((a) => Math.abs(Math.abs(a) - m) <= m * STEADY_BAND).length;
  return within / amounts.length >= STEADY_SHARE;
}

/** The cadence the dates follow, or null. `dates` sorted ascending, at least two. */
function fitCadence(dates: string[], strong: boolean): Cadence | null {
  const intervals: number[] = [];
  for (let i = 1; i < dates.length; i++) intervals.push(daysBetween(dates[i - 1]!, dates[i]!));
  const cadence = cadenceOf(median(intervals));
  if (!cadence) return null;
  const min = MIN_PAYMENTS[cadence][strong ? "strong" : "weak"];
  if (dates.length < min) return null;
  const { days, tolerance } = CADENCES[cadence];
  const fitting = intervals.filter((d) => Math.abs(d - days) <= tolerance).length;
  return fitting / intervals.length >= REGULARITY ? cadence : null;
}

function evaluate(group: Group, today: string): DetectedContract | null {
  const items = group.items;
  // Several payments on one day (two lines at one creditor without a mandate) break the rhythm
  // of the group; they are tried again split by amount.
  const dates = items.map((t) => t.bookingDate);
  // Sorted: a repeated day sits next to its twin.
  for (let i = 1; i < dates.length; i++) if (dates[i] === dates[i - 1]) return null;
  const cadence = fitCadence(dates, group.strong);
  if (!cadence) return null;
  if (!group.strong && !steady(items.map((t) => t.amountCents))) return null;
  return summarize(group.key, items, cadence, today);
}

/** The contract's figures from its payments (sorted oldest first, at least one) on a known cadence. */
function summarize(key: string, items: ContractTransaction[], cadence: Cadence, today: string): DetectedContract {
  const amounts = items.map((t) => t.amountCents);
  const last = items[items.length - 1]!;
  const dom = median(items.slice(-6).map((t) => Number(t.bookingDate.slice(8, 10))));
  const nextDate = addCadence(last.bookingDate, cadence, dom);
  const absAmounts = amounts.map((a) => Math.abs(a));
  const sign = last.amountCents < 0 ? -1 : 1;
  const recent = items.slice(-12);
  const counterpartyName = mostCommon(recent.map((t) => t.counterpartyName?.trim() || null));
  return {
    key,
    direction: sign < 0 ? "out" : "in",
    cadence,
    name: counterpartyName ?? (last.purpose.slice(0, 60) || key),
    counterpartyName,
    // The recent payments say who the counterparty is now (and reading 12 is cheaper than all).
    counterpartyIban: mostCommon(recent.map((t) => normalizeIban(t.counterpartyIban) || null)),
    creditorId: mostCommon(recent.map((t) => t.creditorId?.trim().toUpperCase() || null)),
    mandateReference: mostCommon(recent.map((t) => mandateReferenceOf(t.purpose))),
    categoryId: mostCommon(recent.map((t) => t.categoryId)),
    accountIds: [...new Set(items.map((t) => t.accountId))],
    transactionIds: items.map((t) => t.id),
    amountMinCents: sign * Math.min(...absAmounts),
    amountMaxCents: sign * Math.max(...absAmounts),
    typicalAmountCents: sign * median(absAmounts),
    lastAmountCents: last.amountCents,
    firstDate: items[0]!.bookingDate,
    lastDate: last.bookingDate,
    nextDate,
    active: daysBetween(nextDate, today) <= CADENCES[cadence].tolerance,
  };
}

/** Splits a group that is no contract as a whole by exact amount (e.g. two standing orders to one IBAN). */
function byAmount(group: Group): Group[] {
  const parts = new Map<number, ContractTransaction[]>();
  for (const t of group.items) {
    const list = parts.get(t.amountCents);
    if (list) list.push(t);
    else parts.set(t.amountCents, [t]);
  }
  if (parts.size < 2) return [];
  return [...parts].map(([cents, list]) => ({ key: `${group.key}:${cents}`, strong: group.strong, items: list }));
}

function byDate(a: ContractTransaction, b: ContractTransaction) {
  return a.bookingDate < b.bookingDate ? -1 : a.bookingDate > b.bookingDate ? 1 : 0;
}

/** Groups the transactions by key (own transfers and zero amounts left out) and finds the contracts. */
function detect(
  transactions: Iterable<ContractTransaction>,
  k: ReturnType<typeof keyer>,
  input: DetectContractsInput,
): DetectedContract[] {
  const own = new Set([...(input.ownIbans ?? [])].map((i) => k.iban(i)).filter(Boolean));
  const ownNames = new Set([...(input.ownNames ?? [])].map((n) => k.name(n)).filter(Boolean));
  const groups = new Map<string, Group>();
  for (const t of transactions) {
    if (t.amountCents === 0) continue;
    if (own.size && t.counterpartyIban && own.has(k.iban(t.counterpartyIban))) continue;
    if (ownNames.size && !t.creditorId && t.counterpartyName && ownNames.has(k.name(t.counterpartyName))) continue;
    const gk = k.key(t);
    if (!gk) continue;
    const g = groups.get(gk.key);
    if (g) g.items.push(t);
    else groups.set(gk.key, { key: gk.key, strong: gk.strong, items: [t] });
  }
  const out: DetectedContract[] = [];
  for (const group of groups.values()) {
    if (group.items.length < 2) continue;
    group.items.sort(byDate);
    const found = evaluate(group, input.today);
    if (found) {
      out.push(found);
      continue;
    }
    for (const part of byAmount(group)) {
      if (part.items.length < 2) continue;
      const sub = evaluate(part, input.today);
      if (sub) out.push(sub);
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

export function detectContracts(input: DetectContractsInput): DetectedContract[] {
  return detect(input.transactions, keyer(), input);
}

/**
 * The detection group a transaction falls in (what "mark as the start of a contract" claims), or
 * null when it names no counterparty at all.
 */
export function contractGroupKey(t: ContractTransaction): string | null {
  return keyer().key(t)?.key ?? null;
}

/** A detection group a user-shaped contract takes: `key` is a group key or a detected contract's key. */
export interface ContractClaim {
  key: string;
  /** YYYY-MM-DD: only payments from this day on (a contract marked by hand starts there). */
  from: string | null;
}

/** A contract the user shaped (merged, split or marked by hand): detection follows its decisions. */
export interface ShapedContract {
  id: string;
  claims: readonly ContractClaim[];
  /** Transactions the user put in it; no other contract gets them. */
  pinned: readonly string[];
  /** Its stored cadence: kept when its payments fit none (a single payment marked by hand). */
  cadence: Cadence;
}

export interface DecidedContracts {
  /** Contracts detection found in what no user decision took. */
  detected: DetectedContract[];
  /** Per shaped contract id: its figures from its payments, or null when it has none now. */
  shaped: Map<string, DetectedContract | null>;
}

/** Ranking weight of a different mandate reference: it outweighs any amount or date difference. */
const OTHER_MANDATE = 10;
/** A part's profile reads its latest payments (what it looks like now, after a price change). */
const PROFILE_PAYMENTS = 6;

/**
 * How little a payment resembles a contract's payments up to its day (0 = exactly like them):
 * another mandate reference, plus the distance of its amount from their band (as a share of the
 * band's top), plus the distance of its day from their next expected day (in periods of their
 * cadence). `list` is sorted oldest first. A contract with no payments yet resembles nothing.
 */
function unlikeness(t: ContractTransaction, list: readonly ContractTransaction[], cadence: Cadence): number {
  const recent: ContractTransaction[] = [];
  for (let i = list.length - 1; i >= 0 && recent.length < PROFILE_PAYMENTS; i--)
    if (list[i]!.bookingDate <= t.bookingDate) recent.unshift(list[i]!);
  if (recent.length === 0) return Infinity;
  const mandate = mandateReferenceOf(t.purpose);
  const theirs = mostCommon(recent.map((x) => mandateReferenceOf(x.purpose)));
  const mandateOff = mandate && theirs && mandate !== theirs ? OTHER_MANDATE : 0;
  const amounts = recent.map((x) => Math.abs(x.amountCents));
  const [low, high, amount] = [Math.min(...amounts), Math.max(...amounts), Math.abs(t.amountCents)];
  const amountOff = (amount < low ? low - amount : amount > high ? amount - high : 0) / Math.max(high, 1);
  const dates = recent.map((x) => x.bookingDate);
  const own = (dates.length > 1 && fitCadence(dates, true)) || cadence;
  const last = dates[dates.length - 1]!;
  const next = addCadence(last, own, Number(last.slice(8, 10)));
  const dateOff = Math.abs(daysBetween(next, t.bookingDate)) / CADENCES[own].days;
  return mandateOff + amountOff + dateOff;
}

function insertByDate(list: ContractTransaction[], t: ContractTransaction) {
  let i = list.length;
  while (i > 0 && list[i - 1]!.bookingDate > t.bookingDate) i--;
  list.splice(i, 0, t);
}

/**
 * Detection that honours the user's decisions. A pinned transaction belongs to its contract; a
 * claimed group's transactions (from the claim's day on; the latest matching `from` wins) belong to
 * the claiming contract; detection runs over the rest. So a merge (one contract claims both groups),
 * a split (every payment pinned where the user left it, both parts claiming the group) and a
 * contract marked by hand (its group claimed from that payment on) survive every re-run. When
 * several contracts claim a group from the same day (the parts of a split), a new payment goes to
 * the part it resembles most: same mandate reference, amount within its band, due on its cadence.
 */
export function detectContractsWithDecisions(
  input: DetectContractsInput & { shaped: readonly ShapedContract[] },
): DecidedContracts {
  const k = keyer();
  const pinnedTo = new Map<string, string>();
  const claimsByKey = new Map<string, { id: string; from: string | null }[]>();
  const items = new Map<string, ContractTransaction[]>();
  const cadenceOfShaped = new Map<string, Cadence>();
  for (const c of input.shaped) {
    items.set(c.id, []);
    cadenceOfShaped.set(c.id, c.cadence);
    for (const id of c.pinned) pinnedTo.set(id, c.id);
    for (const claim of c.claims) {
      const list = claimsByKey.get(claim.key);
      if (list) list.push({ id: c.id, from: claim.from });
      else claimsByKey.set(claim.key, [{ id: c.id, from: claim.from }]);
    }
  }
  /** The contracts whose claim on `key` holds on `date` with the latest `from` (usually one). */
  const claimants = (key: string, date: string): string[] => {
    const list = claimsByKey.get(key);
    if (!list) return [];
    let best: string | null = null;
    let ids: string[] = [];
    for (const c of list) {
      if (c.from !== null && c.from > date) continue;
      const from = c.from ?? "";
      if (best === null || from > best) [best, ids] = [from, [c.id]];
      else if (from === best && !ids.includes(c.id)) ids.push(c.id);
    }
    return ids;
  };
  const rest: ContractTransaction[] = [];
  const contested: { t: ContractTransaction; ids: string[] }[] = [];
  for (const t of input.transactions) {
    let owner = pinnedTo.get(t.id) ?? null;
    if (!owner && claimsByKey.size) {
      const gk = k.key(t)?.key;
      if (gk) {
        const ids = claimants(`${gk}:${t.amountCents}`, t.bookingDate);
        const found = ids.length ? ids : claimants(gk, t.bookingDate);
        if (found.length > 1) {
          contested.push({ t, ids: found });
          continue;
        }
        owner = found[0] ?? null;
      }
    }
    if (owner) items.get(owner)!.push(t);
    else rest.push(t);
  }
  for (const list of items.values()) list.sort(byDate);
  // Oldest first: each payment placed joins the profile the next one is compared with.
  contested.sort((a, b) => byDate(a.t, b.t));
  for (const { t, ids } of contested) {
    let best = ids[0]!;
    let bestScore = Infinity;
    for (const id of ids) {
      const score = unlikeness(t, items.get(id)!, cadenceOfShaped.get(id)!);
      if (score < bestScore) [best, bestScore] = [id, score];
    }
    insertByDate(items.get(best)!, t);
  }
  const shaped = new Map<string, DetectedContract | null>();
  for (const c of input.shaped) {
    const list = items.get(c.id)!;
    if (list.length === 0) {
      shaped.set(c.id, null);
      continue;
    }
    const dates = list.map((t) => t.bookingDate);
    const cadence = (dates.length > 1 && fitCadence(dates, true)) || c.cadence;
    shaped.set(c.id, summarize(c.id, list, cadence, input.today));
  }
  return { detected: detect(rest, k, input), shaped };
}

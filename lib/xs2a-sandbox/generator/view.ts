// What XS2A shows for an account as of its last sync: turnovers (pending and booked) and a balance
// that always equals opening balance + booked movements.

import { hash53, hashHex } from "../hash";
import { addDays, dayNumber, fromDayNumber } from "../time";
import type { AccountRec } from "../types";
import { buildContext, type GenContext } from "./context";
import { dayItems } from "./day";
import type { RawItem } from "./raw-item";
import { volumeItems } from "./volume";

export interface Turnover {
  id: null;
  transaction_id: string | null;
  booking_date: string;
  amount: number;
  currency: "EUR";
  purpose: string[];
  counter_iban: string | null;
  counter_bic: string | null;
  counter_holder: string | null;
  prebooked: boolean;
  canceled: boolean;
  tags: string[];
  category_id: string;
  creditor_id: string | null;
  new: boolean;
  object: "turnover";
  [VISIBLE_SINCE]?: string;
}

export interface AccountView {
  /** Newest first (booking_date, then the order within the day reversed). */
  turnovers: Turnover[];
  balanceCents: number;
  pendingCents: number;
}

export function contextFor(account: AccountRec): GenContext {
  return buildContext(account);
}

function itemsOn(ctx: GenContext, date: string): RawItem[] {
  if (ctx.volume !== null && date <= ctx.linkedOn) return volumeItems(ctx, date);
  return dayItems(ctx, date);
}

const cache = new Map<string, AccountView>();
const CACHE_LIMIT = 8;

/**
 * Turnovers as of `account.syncedAt` (the moment, not just the day: a card payment later that day
 * has not happened yet). The markAsSeen marks only affect `new`, so they are applied on a cached copy.
 */
export function accountView(account: AccountRec): AccountView {
  const asOf = account.syncedAt;
  const key = `${account.bankCode}:${account.login}:${account.index}:${account.windowStart}:${account.linkedOn}:${account.volume}:${account.limitDays}:${asOf}`;
  let view = cache.get(key);
  if (!view) {
    view = computeView(account, asOf);
    cache.set(key, view);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  return view;
}

/**
 * The part of a newest-first list booked within [from, to] (inclusive; null = unbounded) as
 * [start, end) indexes, found by binary search: the same items, in the same order, as testing
 * every item's date, without reading a 100,000-item list for each windowed request.
 */
export function bookedBetween(
  list: readonly Pick<Turnover, "booking_date">[],
  from: string | null,
  to: string | null,
): [start: number, end: number] {
  // The first index whose booking date is below `bound` (strictly, or also equal to it).
  const firstBelow = (bound: string, orEqual: boolean) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = list[mid]!.booking_date;
      if (d < bound || (orEqual && d === bound)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const start = to === null ? 0 : firstBelow(to, true);
  const end = from === null ? list.length : firstBelow(from, false);
  return [start, Math.max(start, end)];
}

/**
 * The `new` flag. A markAsSeen call clears `new` on the turnovers the account held at that moment
 * (visible as of its last sync) whose booking date is on or before the given date (inclusive); a
 * turnover that shows up later is new, whatever its booking date. A legacy `seenThrough` (state files
 * written before marks existed) means "visible on or before that day".
 */
export function isNew(t: Turnover, account: Pick<AccountRec, "seenThrough" | "seenMarks">): boolean {
  const since = visibleSinceOf(t);
  if (account.seenThrough && since.slice(0, 10) <= account.seenThrough) return false;
  return !(account.seenMarks ?? []).some((m) => t.booking_date <= m.through && since <= m.asOf);
}

/** Hidden (symbol-keyed, so never serialised): when this version of the turnover became visible. */
const VISIBLE_SINCE = Symbol("visibleSince");

/** "YYYY-MM-DD HH:MM:SS" (Europe/Berlin) this version of the turnover became visible. */
export function visibleSinceOf(t: Turnover): string {
  return t[VISIBLE_SINCE] ?? `${t.booking_date} 00:00:00`;
}

function computeView(account: AccountRec, asOfMoment: string): AccountView {
  const asOf = asOfMoment.slice(0, 10);
  const asOfTime = asOfMoment.slice(11) || "23:59:59";
  const ctx = contextFor(account);
  const txIds = ctx.bank.providesTransactionIds;
  const trimFrom = account.limitDays ? addDays(asOf, -account.limitDays + 1) : ctx.windowStart;
  const from = trimFrom > ctx.windowStart ? trimFrom : ctx.windowStart;
  let balanceCents = ctx.opening;
  let pendingCents = 0;
  const start = dayNumber(ctx.windowStart);
  const end = dayNumber(asOf);
  // Buckets per booking day (booked items may move forward by `shift` days), so no sort is needed.
  const buckets: Turnover[][] = [];
  let total = 0;
  for (let d = start; d <= end; d++) {
    const date = fromDayNumber(d);
    for (const item of itemsOn(ctx, date)) {
      // Never later than the sync: on the sync day, a payment timed after it has not happened yet.
      if (d === end && item.at !== undefined && item.at > asOfTime) continue;
      const pending = item.lag > 0 && d + item.lag > end;
      const bookingDay = pending || !item.shift ? d : d + item.shift;
      const bookingDate = bookingDay === d ? date : fromDayNumber(bookingDay);
      if (pending) pendingCents += item.amount;
      else if (!item.canceled) balanceCents += item.amount;
      if (bookingDate < from) continue;
      const t: Turnover = {
        id: null,
        transaction_id: txIds ? `NB${hashHex(`${ctx.key}:${date}:${item.n}`, 14).toUpperCase()}` : null,
        booking_date: bookingDate,
        amount: item.amount / 100,
        currency: "EUR",
        purpose: pending && item.pendingPurpose ? item.pendingPurpose : item.purpose,
        counter_iban: item.counter_iban,
        counter_bic: item.counter_bic,
        counter_holder: item.counter_holder,
        prebooked: pending,
        canceled: item.canceled === true,
        tags: item.tags,
        category_id: item.category_id,
        creditor_id: item.creditor_id,
        new: true,
        object: "turnover",
      };
      t[VISIBLE_SINCE] =
        pending || item.lag === 0 ? `${date} ${item.at ?? "00:00:00"}` : `${fromDayNumber(d + item.lag)} 00:00:00`;
      (buckets[bookingDay - start] ??= []).push(t);
      total++;
    }
  }
  const list: Turnover[] = new Array(total);
  let i = 0;
  for (let b = buckets.length - 1; b >= 0; b--) {
    const bucket = buckets[b];
    if (bucket) for (let j = bucket.length - 1; j >= 0; j--) list[i++] = bucket[j]!;
  }
  return { turnovers: list, balanceCents, pendingCents };
}

/** Stable seed-derived number used by callers that need per-account variety (limits etc.). */
export function accountHash(account: AccountRec, salt: string): number {
  return hash53(`${account.bankCode}:${account.login}:${account.index}:${salt}`);
}

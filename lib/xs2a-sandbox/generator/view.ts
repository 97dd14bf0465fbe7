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
 * Turnovers as of `account.syncedAt`. `seenThrough` (markAsSeen) only affects `new`, so it is applied
 * on a cached copy.
 */
export function accountView(account: AccountRec): AccountView {
  const asOf = account.syncedAt.slice(0, 10);
  const key = `${account.bankCode}:${account.login}:${account.index}:${account.windowStart}:${account.linkedOn}:${account.volume}:${account.limitDays}:${asOf}`;
  let view = cache.get(key);
  if (!view) {
    view = computeView(account, asOf);
    cache.set(key, view);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  return view;
}

/** The `new` flag: visible since after the markAsSeen watermark. */
export function isNew(t: Turnover, seenThrough: string | null): boolean {
  return seenThrough === null || visibleSinceOf(t) > seenThrough;
}

const visibleSince = new WeakMap<Turnover, string>();

export function visibleSinceOf(t: Turnover): string {
  return visibleSince.get(t) ?? t.booking_date;
}

function computeView(account: AccountRec, asOf: string): AccountView {
  const ctx = contextFor(account);
  const txIds = ctx.bank.providesTransactionIds;
  const trimFrom = account.limitDays ? addDays(asOf, -account.limitDays + 1) : ctx.windowStart;
  const from = trimFrom > ctx.windowStart ? trimFrom : ctx.windowStart;
  let balanceCents = ctx.opening;
  let pendingCents = 0;
  const list: Turnover[] = [];
  const start = dayNumber(ctx.windowStart);
  const end = dayNumber(asOf);
  for (let d = start; d <= end; d++) {
    const date = fromDayNumber(d);
    for (const item of itemsOn(ctx, date)) {
      const bookedOn = addDaysFast(d, item.lag);
      const pending = item.lag > 0 && bookedOn > asOf;
      const bookingDate = pending ? date : item.shift ? addDaysFast(d, item.shift) : date;
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
      visibleSince.set(t, pending ? date : bookedOn);
      list.push(t);
    }
  }
  list.sort((a, b) => (a.booking_date < b.booking_date ? 1 : a.booking_date > b.booking_date ? -1 : 0));
  return { turnovers: list, balanceCents, pendingCents };
}

function addDaysFast(day: number, n: number): string {
  return n === 0 ? fromDayNumber(day) : fromDayNumber(day + n);
}

/** Stable seed-derived number used by callers that need per-account variety (limits etc.). */
export function accountHash(account: AccountRec, salt: string): number {
  return hash53(`${account.bankCode}:${account.login}:${account.index}:${salt}`);
}

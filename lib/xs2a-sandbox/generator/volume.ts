// Bulk history for `USER_NAME=volume-<N>` logins: exactly N booked movements spread evenly over the
// days before (and including) the link day. A lean path (shared arrays, one string per item) so
// 100,000 generate in well under 2 s.

import { hash53, int, rng } from "../hash";
import { daysBetween } from "../time";
import type { GenContext } from "./context";
import { GROCERS, ONLINE, SHOPS, type Merchant } from "./merchants";
import type { RawItem } from "./raw-item";

const POOL: readonly Merchant[] = [...GROCERS, ...SHOPS, ...ONLINE];
const HEADS = POOL.map((m) => `${m.holder}//${m.city}/DE`);
const TIMES = Array.from(
  { length: 15 * 60 },
  (_, i) => `${String(7 + Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00 KFN 1 VJ 2712`,
);
const AT = TIMES.map((t) => t.slice(0, 8));
const INCOME_TAGS = ["income", "transfer"];

/** How many of the N volume items fall on `date` (days from windowStart to linkedOn share them). */
export function volumeCount(ctx: GenContext, date: string): number {
  const total = ctx.volume ?? 0;
  const days = daysBetween(ctx.windowStart, ctx.linkedOn) + 1;
  const i = daysBetween(ctx.windowStart, date);
  if (i < 0 || i >= days) return 0;
  return Math.floor(((i + 1) * total) / days) - Math.floor((i * total) / days);
}

export function volumeItems(ctx: GenContext, date: string): RawItem[] {
  const count = volumeCount(ctx, date);
  const r = rng(hash53(`volume:${date}`, ctx.seed));
  const cardLine = ctx.type === "creditcard" ? "VISA Kartenumsatz" : "Kartenzahlung girocard";
  const out: RawItem[] = new Array(count);
  for (let n = 0; n < count; n++) {
    if (n % 25 === 24) {
      out[n] = {
        date,
        n,
        amount: int(r, 500, 250000),
        purpose: ["Gutschrift", `Rechnung ${date.slice(0, 4)}-${n}`],
        lag: 0,
        shift: 0,
        counter_iban: null,
        counter_bic: null,
        counter_holder: "Kunde Beispiel GmbH",
        creditor_id: null,
        category_id: "E.4.1",
        tags: INCOME_TAGS,
      };
      continue;
    }
    const m = Math.floor(r() * POOL.length);
    const merchant = POOL[m]!;
    // Drawn in this order (amount, then time) so the data stays what it always was.
    const amount = -int(r, merchant.min, merchant.max);
    const t = Math.floor(r() * TIMES.length);
    // Exactly N at link time: a link-day payment timed after the link is moved to the start of the
    // day (not to the link moment, so two links on one day see the same data).
    const late = date === ctx.linkedOn && AT[t]! > ctx.linkedAt;
    out[n] = {
      date,
      n,
      amount,
      purpose: [HEADS[m]!, late ? `${date}T00:00:00 KFN 1 VJ 2712` : `${date}T${TIMES[t]}`, cardLine],
      at: late ? "00:00:00" : AT[t],
      lag: 0,
      shift: 0,
      counter_iban: merchant.iban,
      counter_bic: merchant.bic,
      counter_holder: merchant.holder,
      creditor_id: null,
      category_id: merchant.category_id,
      tags: merchant.tags,
    };
  }
  return out;
}

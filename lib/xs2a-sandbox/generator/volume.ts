// Bulk history for `USER_NAME=volume-<N>` logins: exactly N booked movements spread evenly over the
// days before (and including) the link day. Cheap per item so 100,000 generate in well under 2 s.

import { hash53, int, pick, rng } from "../hash";
import { daysBetween } from "../time";
import type { GenContext } from "./context";
import { cardPayment } from "./day";
import { GROCERS, ONLINE, SHOPS } from "./merchants";
import type { RawItem } from "./raw-item";

const POOL = [...GROCERS, ...SHOPS, ...ONLINE];

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
  const out: RawItem[] = new Array(count);
  for (let n = 0; n < count; n++) {
    if (n % 25 === 24) {
      out[n] = {
        date,
        n,
        amount: int(r, 500, 250000),
        purpose: ["Gutschrift", `Rechnung ${hash53(`${date}:${n}`, ctx.seed) % 100000}`],
        lag: 0,
        shift: 0,
        counter_iban: null,
        counter_bic: null,
        counter_holder: "Kunde Beispiel GmbH",
        creditor_id: null,
        category_id: "E.4.1",
        tags: ["income", "transfer"],
      };
      continue;
    }
    out[n] = { ...cardPayment(r, date, pick(r, POOL), ctx.type === "creditcard" ? "visa" : "girocard", false), date, n };
  }
  return out;
}

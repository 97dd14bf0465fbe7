/**
 * What the contracts expect next: their payments in a date range, this month's fixed costs (paid /
 * still to come) and a day-by-day balance forecast per account. Pure.
 */
import { addCadence, addDays, type Cadence } from "./cadence.ts";

export interface ForecastContract {
  id: string;
  direction: "in" | "out";
  cadence: Cadence;
  /** Signed cents of a typical payment. */
  typicalCents: number;
  nextDate: string;
  /** Day of month payments aim at (monthly steps). */
  dayOfMonth: number;
  endDate: string | null;
  active: boolean;
  /** The account it was paid from last. */
  accountId: string | null;
  payments: { date: string; cents: number }[];
}

export interface ExpectedPayment {
  contractId: string;
  date: string;
  cents: number;
  accountId: string | null;
}

/**
 * Expected payments from `from` to `to` (inclusive). An overdue next date still counts as expected
 * (on `from`), since the payment has not come yet; inactive or ended contracts expect nothing.
 */
export function expectedPayments(contracts: readonly ForecastContract[], from: string, to: string): ExpectedPayment[] {
  const out: ExpectedPayment[] = [];
  for (const c of contracts) {
    if (!c.active) continue;
    let d = c.nextDate;
    let guard = 0;
    while (d <= to && guard++ < 400) {
      const when = d < from ? from : d;
      if (c.endDate && when > c.endDate) break;
      if (d >= from || guard === 1)
        out.push({ contractId: c.id, date: when, cents: c.typicalCents, accountId: c.accountId });
      d = addCadence(d, c.cadence, c.dayOfMonth);
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Fixed costs of the calendar month of `today`: what was paid so far and what is still expected. */
export function monthFixedCosts(contracts: readonly ForecastContract[], today: string) {
  const first = `${today.slice(0, 7)}-01`;
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const out = contracts.filter((c) => c.direction === "out");
  let paidCents = 0;
  for (const c of out)
    for (const p of c.payments) if (p.date >= first && p.date <= today) paidCents += Math.abs(p.cents);
  const upcoming = expectedPayments(out, addDays(today, 1), last);
  const toComeCents = upcoming.reduce((s, p) => s + Math.abs(p.cents), 0);
  return { paidCents, toComeCents, upcomingCount: upcoming.length };
}

export interface ForecastDay {
  date: string;
  /** Per account id: the expected balance at the end of the day (cents). */
  balances: Record<string, number>;
  totalCents: number;
  /** Expected payments that day. */
  payments: ExpectedPayment[];
  /** Watched accounts below zero that day. */
  belowZero: string[];
}

/** Day-by-day expected balances for `days` days after today, from today's balances. */
export function balanceForecast(opts: {
  contracts: readonly ForecastContract[];
  balances: Record<string, number>;
  today: string;
  days?: number;
  /**
   * The accounts whose going below zero is a warning (default: all). A credit card or a loan is
   * below zero by nature: what is owed is not an overdraft.
   */
  watch?: ReadonlySet<string>;
}): ForecastDay[] {
  const days = opts.days ?? 30;
  const from = addDays(opts.today, 1);
  const to = addDays(opts.today, days);
  const expected = expectedPayments(opts.contracts, from, to);
  const running = { ...opts.balances };
  const out: ForecastDay[] = [];
  let i = 0;
  for (let n = 1; n <= days; n++) {
    const date = addDays(opts.today, n);
    const payments: ExpectedPayment[] = [];
    while (i < expected.length && expected[i]!.date === date) payments.push(expected[i++]!);
    for (const p of payments) if (p.accountId && p.accountId in running) running[p.accountId]! += p.cents;
    const balances = { ...running };
    out.push({
      date,
      balances,
      totalCents: Object.values(balances).reduce((s, v) => s + v, 0),
      payments,
      belowZero: Object.keys(balances).filter((k) => balances[k]! < 0 && (!opts.watch || opts.watch.has(k))),
    });
  }
  return out;
}

/** The forecast as pages show it (decimal strings). */
export interface ForecastDto {
  accounts: { id: string; name: string; currency: string }[];
  days: { date: string; balances: Record<string, string>; total: string; belowZero: string[]; payments: number }[];
}

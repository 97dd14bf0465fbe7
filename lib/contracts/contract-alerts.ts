/**
 * Which alerts a contract raises today. Pure: the contract, its payments and today are passed in.
 *
 *  - price_increase: the latest payment is above every earlier one by more than the threshold
 *    (default 5 %); raised on the day that payment was booked, open for PRICE_OPEN_DAYS;
 *  - late: an active contract's next payment is overdue by more than LATE_TOLERANCE days in the
 *    data detection last saw (`dataAsOf`), until a whole interval has passed (then the contract
 *    counts as ended, not late);
 *  - new_contract: a suggestion whose first payment is recent;
 *  - after_end: the user set an end date and a payment was booked after it;
 *  - cancel_deadline: the last day to cancel (end date − notice period) is within CANCEL_WARN_DAYS.
 * Every alert has the calendar day it fired (`since`): digests and tests key on it.
 */
import { CADENCES, addDays, daysBetween, type Cadence } from "./cadence.ts";

export type AlertKind = "price_increase" | "late" | "new_contract" | "after_end" | "cancel_deadline";

export interface AlertContract {
  id: string;
  status: "SUGGESTED" | "CONFIRMED" | "DISMISSED";
  cadence: Cadence;
  nextDate: string;
  firstDate: string;
  endDate: string | null;
  noticeDays: number | null;
  /** Oldest first, signed cents. */
  payments: { date: string; cents: number }[];
  /**
   * The last day detection saw the bank data (null: today). A payment is only late when Saldo has
   * looked: a bank not synced for a week must not make every contract of it "late".
   */
  dataAsOf?: string | null;
}

export interface ContractAlert {
  contractId: string;
  kind: AlertKind;
  /** YYYY-MM-DD: the day the alert fired. */
  since: string;
  /** late: days overdue; cancel_deadline: days left; price_increase: the rise in cents. */
  value: number;
  /** price_increase: the old amount (cents, positive). */
  previousCents?: number;
  /** price_increase / after_end: the payment's amount (cents, positive); cancel_deadline: the deadline. */
  currentCents?: number;
  deadline?: string;
}

export const LATE_TOLERANCE: Record<Cadence, number> = {
  weekly: 2,
  monthly: 3,
  quarterly: 5,
  "half-yearly": 7,
  yearly: 10,
};
export const PRICE_OPEN_DAYS = 45;
export const NEW_OPEN_DAYS = 45;
export const CANCEL_WARN_DAYS = 14;
export const DEFAULT_PRICE_THRESHOLD = 0.05;

export function contractAlerts(c: AlertContract, today: string, threshold = DEFAULT_PRICE_THRESHOLD): ContractAlert[] {
  if (c.status === "DISMISSED") return [];
  const out: ContractAlert[] = [];
  const pays = c.payments.filter((p) => p.date <= today);
  const last = pays[pays.length - 1];
  if (last && pays.length >= 3) {
    const before = pays.slice(0, -1).map((p) => Math.abs(p.cents));
    const max = Math.max(...before);
    const now = Math.abs(last.cents);
    if (now > max * (1 + threshold) && daysBetween(last.date, today) <= PRICE_OPEN_DAYS) {
      // The usual amount: the most recent earlier payment (ranges of variable contracts sit below max).
      out.push({
        contractId: c.id,
        kind: "price_increase",
        since: last.date,
        value: now - Math.abs(before[before.length - 1]!),
        previousCents: Math.abs(before[before.length - 1]!),
        currentCents: now,
      });
    }
  }
  const ended = c.endDate !== null && c.endDate < today;
  const seenUntil = c.dataAsOf && c.dataAsOf < today ? c.dataAsOf : today;
  const overdue = daysBetween(c.nextDate, seenUntil);
  if (!ended && overdue > LATE_TOLERANCE[c.cadence] && overdue <= CADENCES[c.cadence].days) {
    out.push({
      contractId: c.id,
      kind: "late",
      since: addDays(c.nextDate, LATE_TOLERANCE[c.cadence] + 1),
      value: overdue,
    });
  }
  if (c.status === "SUGGESTED" && daysBetween(c.firstDate, today) <= NEW_OPEN_DAYS) {
    out.push({ contractId: c.id, kind: "new_contract", since: c.firstDate, value: 0 });
  }
  if (c.endDate) {
    const after = pays.find((p) => p.date > c.endDate!);
    if (after)
      out.push({
        contractId: c.id,
        kind: "after_end",
        since: after.date,
        value: daysBetween(c.endDate, after.date),
        currentCents: Math.abs(after.cents),
      });
    if (c.noticeDays !== null) {
      const deadline = addDays(c.endDate, -c.noticeDays);
      const left = daysBetween(today, deadline);
      if (left >= 0 && left <= CANCEL_WARN_DAYS)
        out.push({
          contractId: c.id,
          kind: "cancel_deadline",
          since: addDays(deadline, -CANCEL_WARN_DAYS),
          value: left,
          deadline,
        });
    }
  }
  return out;
}

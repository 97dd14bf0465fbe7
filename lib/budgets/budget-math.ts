/**
 * Budget arithmetic (pure, integer cents). A budget's month:
 *  - limit = the monthly amount, plus with rollover what was left (or minus what was overspent)
 *    at the end of every earlier month since the budget started;
 *  - spent = the month's spending in the category (positive cents; refunds do not count, own
 *    transfers never do);
 *  - left = limit − spent (negative: overspent); per day = what is left spread over the days of
 *    the month still to come, today included.
 */
export interface BudgetMonth {
  limitCents: number;
  carryCents: number;
  spentCents: number;
  leftCents: number;
  /** spent / limit in whole percent, rounded down (a limit of 0 or less: 100 once anything is spent). */
  percent: number;
  daysLeft: number;
  perDayCents: number;
  /** The alert thresholds reached: 80 and 100. */
  reached: (80 | 100)[];
}

/** What is carried into the month after `spentByMonth` (oldest first, the budget's earlier months). */
export function rolloverCarry(amountCents: number, spentByMonth: number[]): number {
  let carry = 0;
  for (const spent of spentByMonth) carry += amountCents - spent;
  return carry;
}

export const daysInMonth = (ym: string) => new Date(Date.UTC(+ym.slice(0, 4), +ym.slice(5, 7), 0)).getUTCDate();

export function budgetMonth(opts: {
  amountCents: number;
  spentCents: number;
  carryCents?: number;
  /** "YYYY-MM-DD" in Berlin. */
  today: string;
  /** "YYYY-MM": the month shown (the current one, or a past one with no days left). */
  month: string;
}): BudgetMonth {
  const carryCents = opts.carryCents ?? 0;
  const limitCents = opts.amountCents + carryCents;
  const spentCents = Math.max(0, opts.spentCents);
  const leftCents = limitCents - spentCents;
  const thisMonth = opts.today.slice(0, 7);
  const daysLeft =
    opts.month === thisMonth
      ? daysInMonth(opts.month) - Number(opts.today.slice(8, 10)) + 1
      : opts.month > thisMonth
        ? daysInMonth(opts.month)
        : 0;
  const perDayCents = daysLeft > 0 && leftCents > 0 ? Math.floor(leftCents / daysLeft) : 0;
  const percent =
    limitCents > 0 ? Math.floor((spentCents * 100) / limitCents) : spentCents > 0 || limitCents < 0 ? 100 : 0;
  const reached: (80 | 100)[] = [];
  if (percent >= 80) reached.push(80);
  if (percent >= 100) reached.push(100);
  return { limitCents, carryCents, spentCents, leftCents, percent, daysLeft, perDayCents, reached };
}

/** "400" / "250,50" / "1.234,56" / "1234.5" → cents; null when it is not an amount above 0 and ≤ 1e9. */
export function parseBudgetAmount(raw: string): number | null {
  let s = raw.trim().replace(/\s|€/g, "");
  if (s.includes(",")) s = s.replace(/\./g, "").replace(",", ".");
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(s)) return null;
  const [int, frac = ""] = s.split(".");
  const cents = Number(int) * 100 + Number(frac.padEnd(2, "0"));
  return cents > 0 && cents <= 100_000_000_000 ? cents : null;
}

export const centsToDecimal = (c: number) => {
  const a = Math.abs(c);
  return `${c < 0 ? "-" : ""}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
};

/** Does a sums row's category fall under a budget's category key ("K.2" covers "K.2.1")? */
export const inBudgetCategory = (budgetKey: string, category: string) =>
  category === budgetKey || category.startsWith(`${budgetKey}.`);

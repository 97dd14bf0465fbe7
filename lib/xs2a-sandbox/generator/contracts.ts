// The recurring payments of a generated giro account beyond the fixed set every account has: a
// second phone line at the same creditor, quarterly, half-yearly and yearly insurance and car tax,
// a weekly organic box, a subscription that ended, a gym, child benefit, a price increase shortly
// after linking and a salary that arrives late one month.
//
// Every item carries its ground truth (`contract`, a label per contract) for tests that measure
// contract detection; the label is never serialised into a turnover, so product code cannot see it.

import { hash53, int, rng } from "../hash";
import { germanIban } from "../iban";
import { addDays, lastDayOfMonth, weekday } from "../time";
import type { GenContext } from "./context";

export type TruthCadence = "weekly" | "monthly" | "quarterly" | "half-yearly" | "yearly";

/** What the generator knows about one contract label (for tests only). */
export interface TruthContract {
  label: string;
  cadence: TruthCadence;
  direction: "in" | "out";
}

/** Contract labels and their cadences. Items without a label are not part of any contract. */
export const TRUTH: Readonly<Record<string, TruthContract>> = Object.fromEntries(
  (
    [
      ["rent", "monthly", "out"],
      ["salary", "monthly", "in"],
      ["child-benefit", "monthly", "in"],
      ["phone-1", "monthly", "out"],
      ["phone-2", "monthly", "out"],
      ["electricity", "monthly", "out"],
      ["streaming", "monthly", "out"],
      ["liability-insurance", "monthly", "out"],
      ["car-insurance", "quarterly", "out"],
      ["household-insurance", "half-yearly", "out"],
      ["car-tax", "yearly", "out"],
      ["automobile-club", "yearly", "out"],
      ["video-streaming", "monthly", "out"],
      ["gym", "monthly", "out"],
      ["organic-box", "weekly", "out"],
    ] as const
  ).map(([label, cadence, direction]) => [label, { label, cadence, direction }]),
);

/** Fixed German public holidays (month-day) on which no direct debit is collected. */
const HOLIDAYS = new Set(["01-01", "05-01", "10-03", "12-24", "12-25", "12-26", "12-31"]);

export function isBusinessDay(date: string): boolean {
  const wd = weekday(date);
  return wd !== 0 && wd !== 6 && !HOLIDAYS.has(date.slice(5));
}

/** The next business day on or after `date` (SEPA collections move forward). */
export function nextBusinessDay(date: string): string {
  let d = date;
  while (!isBusinessDay(d)) d = addDays(d, 1);
  return d;
}

/** The last business day on or before `date` (salaries are paid before a weekend). */
export function previousBusinessDay(date: string): string {
  let d = date;
  while (!isBusinessDay(d)) d = addDays(d, -1);
  return d;
}

function monthStart(date: string, deltaMonths: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + deltaMonths;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, "0")}-01`;
}

/** The nominal day `dom` of the month of `firstOfMonth`, clamped to the month's length. */
function nominal(firstOfMonth: string, dom: number): string {
  const d = Math.min(dom, lastDayOfMonth(firstOfMonth));
  return `${firstOfMonth.slice(0, 8)}${String(d).padStart(2, "0")}`;
}

/**
 * Whether a payment due on day `dom` of the months selected by `months` (1–12) is collected on
 * `date`, after moving it to the next business day (which can cross into the next month).
 */
function collectedOn(date: string, dom: number, months: (month: number) => boolean): boolean {
  for (const delta of [0, -1]) {
    const first = monthStart(date, delta);
    if (!months(Number(first.slice(5, 7)))) continue;
    if (nextBusinessDay(nominal(first, dom)) === date) return true;
  }
  return false;
}

export interface ContractPlan {
  /** The day the streaming price rises (its first collection on or after this day is higher). */
  priceIncreaseFrom: string;
  /** First day of the month whose salary comes late, and by how many days. */
  lateSalaryMonths: { month: string; days: number }[];
  secondPhoneLine: boolean;
  carInsurance: number;
  household: number | null;
  carTax: { month: number; day: number; amount: number };
  automobileClub: { month: number; amount: number } | null;
  videoStreamingEnds: string;
  gym: boolean;
  organicBox: boolean;
  childBenefit: boolean;
}

export function contractPlan(ctx: Pick<GenContext, "seed" | "linkedOn">): ContractPlan {
  const r = rng(hash53("contracts", ctx.seed));
  return {
    priceIncreaseFrom: addDays(ctx.linkedOn, int(r, 6, 20)),
    lateSalaryMonths: [
      { month: monthStart(addDays(ctx.linkedOn, -130), 0), days: int(r, 2, 4) },
      { month: monthStart(addDays(ctx.linkedOn, 40), 0), days: 6 },
    ],
    secondPhoneLine: r() < 0.6,
    carInsurance: int(r, 9000, 26000),
    household: r() < 0.6 ? int(r, 4800, 9000) : null,
    carTax: { month: int(r, 1, 12), day: int(r, 5, 25), amount: int(r, 94, 310) * 100 },
    automobileClub: r() < 0.5 ? { month: int(r, 1, 12), amount: 9400 } : null,
    videoStreamingEnds: addDays(ctx.linkedOn, -int(r, 70, 150)),
    gym: r() < 0.7,
    organicBox: r() < 0.5,
    childBenefit: r() < 0.35,
  };
}

export function salaryDay(plan: ContractPlan, date: string): boolean {
  for (const delta of [0, -1]) {
    const first = monthStart(date, delta);
    const late = plan.lateSalaryMonths.find((l) => l.month === first);
    const due = previousBusinessDay(nominal(first, 27));
    if ((late ? addDays(due, late.days) : due) === date) return true;
  }
  return false;
}

/** Electricity advance payments vary a little from month to month (meter readings, tariff). */
export function electricityAmount(seed: number, date: string): number {
  return 8100 + (hash53(`power:${date.slice(0, 7)}`, seed) % 1700);
}

export function streamingAmount(plan: ContractPlan, date: string): number {
  return date >= plan.priceIncreaseFrom ? 1299 : 1099;
}

export interface PlannedDebit {
  label: string;
  holder: string;
  creditorId: string;
  iban: string;
  mandate: string;
  amount: number;
  lines: string[];
  category_id: string;
  tags: string[];
}

const CRED = {
  allianz: "DE98ZZZ09999999990",
  ergo: "DE98ZZZ09999999991",
  bundeskasse: "DE98ZZZ09999999992",
  adac: "DE98ZZZ09999999993",
  netflix: "DE98ZZZ09999999994",
  mcfit: "DE98ZZZ09999999988",
  oekokiste: "DE98ZZZ09999999987",
};

function mandateOf(ctx: GenContext, prefix: string): string {
  return `${prefix}-${hash53(ctx.holder + prefix) % 1_000_000}`;
}

/** The extra direct debits collected on `date` (beyond the fixed ones in merchants.ts). */
export function plannedDebits(ctx: GenContext, plan: ContractPlan, date: string): PlannedDebit[] {
  const out: PlannedDebit[] = [];
  const year = date.slice(0, 4);
  const month = (m: number) => (x: number) => x === m;
  if (plan.secondPhoneLine && collectedOn(date, 5, () => true)) {
    out.push({
      label: "phone-2",
      holder: "Telekom Deutschland GmbH",
      creditorId: "DE98ZZZ09999999998",
      iban: germanIban("10020030", "7000654321"),
      mandate: `${mandateOf(ctx, "TK2")}`,
      amount: 1499,
      lines: [`Telekom Mobilfunk Zweitkarte ${date.slice(5, 7)}/${year}`, "Kundennr. 123 456 7891"],
      category_id: "K.3.2",
      tags: ["direct-debit", "telecommunication"],
    });
  }
  if (collectedOn(date, 1, (m) => m % 3 === 1)) {
    out.push({
      label: "car-insurance",
      holder: "Allianz Versicherungs-AG",
      creditorId: CRED.allianz,
      iban: germanIban("10020030", "7000777001"),
      mandate: mandateOf(ctx, "AZ"),
      amount: plan.carInsurance,
      lines: [`Kfz-Versicherung Quartal ${Math.ceil(Number(date.slice(5, 7)) / 3)}/${year}`, "Vers.-Nr. AS-4711-K"],
      category_id: "K.4.2",
      tags: ["direct-debit", "insurance", "car"],
    });
  }
  if (plan.household !== null && collectedOn(date, 15, (m) => m === 3 || m === 9)) {
    out.push({
      label: "household-insurance",
      holder: "ERGO Versicherung AG",
      creditorId: CRED.ergo,
      iban: germanIban("10020030", "7000777002"),
      mandate: mandateOf(ctx, "ERGO"),
      amount: plan.household,
      lines: [`Hausratversicherung Halbjahresbeitrag ${year}`],
      category_id: "K.4.1",
      tags: ["direct-debit", "insurance"],
    });
  }
  if (collectedOn(date, plan.carTax.day, month(plan.carTax.month))) {
    out.push({
      label: "car-tax",
      holder: "Bundeskasse Trier",
      creditorId: CRED.bundeskasse,
      iban: germanIban("59000000", "0059001020"),
      mandate: mandateOf(ctx, "KFZST"),
      amount: plan.carTax.amount,
      lines: [`Kraftfahrzeugsteuer ${year} B-XY 1234`],
      category_id: "K.8.4",
      tags: ["direct-debit", "tax", "car"],
    });
  }
  if (plan.automobileClub && collectedOn(date, 2, month(plan.automobileClub.month))) {
    out.push({
      label: "automobile-club",
      holder: "ADAC e.V.",
      creditorId: CRED.adac,
      iban: germanIban("70020270", "0000123456"),
      mandate: mandateOf(ctx, "ADAC"),
      amount: plan.automobileClub.amount,
      lines: [`ADAC Mitgliedsbeitrag ${year}`],
      category_id: "K.8.1",
      tags: ["direct-debit", "membership"],
    });
  }
  if (date <= plan.videoStreamingEnds && collectedOn(date, 22, () => true)) {
    out.push({
      label: "video-streaming",
      holder: "Netflix International B.V.",
      creditorId: CRED.netflix,
      iban: germanIban("10020030", "7000777003"),
      mandate: mandateOf(ctx, "NFLX"),
      amount: 1799,
      lines: [`Netflix Abo ${date.slice(5, 7)}/${year}`],
      category_id: "K.5.1",
      tags: ["direct-debit", "subscription", "entertainment"],
    });
  }
  if (plan.gym && collectedOn(date, 1, () => true)) {
    out.push({
      label: "gym",
      holder: "RSG Group GmbH McFit",
      creditorId: CRED.mcfit,
      iban: germanIban("10020030", "7000777004"),
      mandate: mandateOf(ctx, "MCFIT"),
      amount: 2490,
      lines: [`McFit Mitgliedsbeitrag ${date.slice(5, 7)}/${year}`],
      category_id: "K.5.2",
      tags: ["direct-debit", "sports"],
    });
  }
  if (plan.organicBox && weekday(date) === 2 && isBusinessDay(date)) {
    out.push(organicBox(ctx, date));
  }
  if (plan.organicBox && weekday(date) === 3 && !isBusinessDay(addDays(date, -1))) {
    out.push(organicBox(ctx, date));
  }
  return out;
}

function organicBox(ctx: GenContext, date: string): PlannedDebit {
  return {
    label: "organic-box",
    holder: "Oekokiste Gruenhof GbR",
    creditorId: CRED.oekokiste,
    iban: germanIban("10020030", "7000777005"),
    mandate: mandateOf(ctx, "OEKO"),
    amount: 2250 + (hash53(`box:${date}`, ctx.seed) % 750),
    lines: [`Gemuesekiste Lieferung ${date}`],
    category_id: "K.2.1",
    tags: ["direct-debit", "groceries"],
  };
}

/** Monthly child benefit on the 10th (next business day), a transfer without a creditor id. */
export function childBenefitDay(plan: ContractPlan, date: string): boolean {
  return plan.childBenefit && collectedOn(date, 10, () => true);
}

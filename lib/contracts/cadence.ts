// Small pure helpers of contract detection: cadences, calendar-date arithmetic, SEPA references and
// name normalisation.

export type Cadence = "weekly" | "monthly" | "quarterly" | "half-yearly" | "yearly";

/** Nominal interval in days, the tolerance around it, and the calendar step (weeks or months). */
export const CADENCES: Record<Cadence, { days: number; tolerance: number; weeks?: number; months?: number }> = {
  weekly: { days: 7, tolerance: 2, weeks: 1 },
  monthly: { days: 30.44, tolerance: 7, months: 1 },
  quarterly: { days: 91.31, tolerance: 12, months: 3 },
  "half-yearly": { days: 182.62, tolerance: 16, months: 6 },
  yearly: { days: 365.25, tolerance: 20, months: 12 },
};

export const CADENCE_ORDER: readonly Cadence[] = ["weekly", "monthly", "quarterly", "half-yearly", "yearly"];

/** How many payments of a cadence fall in one month / one year (for per-month and per-year costs). */
export const PER_YEAR: Record<Cadence, number> = {
  weekly: 52,
  monthly: 12,
  quarterly: 4,
  "half-yearly": 2,
  yearly: 1,
};

/** The cadence whose window holds a (median) interval of `days`, or null. */
export function cadenceOf(days: number): Cadence | null {
  for (const c of CADENCE_ORDER) if (Math.abs(days - CADENCES[c].days) <= CADENCES[c].tolerance) return c;
  return null;
}

const DAY_MS = 86_400_000;

// Detection asks for the same few thousand dates millions of times: parse each once.
const dayNumbers = new Map<string, number>();

export function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** `date` plus `months` calendar months, on day `dom` clamped to the month's length. */
export function addMonths(date: string, months: number, dom = Number(date.slice(8, 10))): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  return `${yy}-${String(mm + 1).padStart(2, "0")}-${String(Math.min(dom, last)).padStart(2, "0")}`;
}

/** The next date after `date` on the cadence; monthly steps aim at day `dom` of the month. */
export function addCadence(date: string, cadence: Cadence, dom?: number): string {
  const c = CADENCES[cadence];
  if (c.weeks) return addDays(date, 7 * c.weeks);
  // A payment moved across a month end (the 31st collected on the 2nd) must neither skip nor repeat
  // a month: take the step whose distance is nearest the nominal interval.
  let best = addMonths(date, c.months!, dom);
  for (const step of [c.months! - 1, c.months! + 1]) {
    const candidate = addMonths(date, step, dom);
    if (Math.abs(daysBetween(date, candidate) - c.days) < Math.abs(daysBetween(date, best) - c.days)) best = candidate;
  }
  return best;
}

/** SEPA mandate reference from the purpose: `MREF+…`, `MREF: …` or `Mandatsreferenz …`. */
export function mandateReferenceOf(purpose: string): string | null {
  const m =
    /(?:^|[\s/])MREF[+:]\s?([^\s/]+)/.exec(purpose) ?? /\bMandats?-?ref(?:erenz)?\.?\s*:?\s*([^\s/]+)/i.exec(purpose);
  const ref = m?.[1]?.trim().toUpperCase();
  return ref && !/^(?:NOTPROVIDED|NONREF)$/.test(ref) ? ref.slice(0, 35) : null;
}

export function normalizeIban(iban: string | null | undefined): string {
  return (iban ?? "").replace(/\s+/g, "").toUpperCase();
}

const LEGAL_FORMS =
  /\b(?:gmbh(?:\s*&\s*co\.?\s*kg)?|ag|se|kg|eg|e\.?\s?v|gbr|ohg|ug|mbh|b\.?\s?v|s\.?\s?a\.?\s?r\.?\s?l|s\.?\s?a|ltd|inc|ab)\b\.?/g;

/** A counterparty name reduced to what identifies it: lower case, no legal form, no punctuation. */
export function normalizeName(name: string | null | undefined): string {
  return (name ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(LEGAL_FORMS, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// Sandbox time helpers. XS2A date-times are Europe/Berlin local time without an offset
// ("YYYY-MM-DD HH:MM:SS"); dates are calendar dates ("YYYY-MM-DD"). Both compare correctly as strings.

const berlin = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export const DAY_MS = 86_400_000;

/** Epoch milliseconds → "YYYY-MM-DD HH:MM:SS" in Europe/Berlin. */
export function formatBerlin(ms: number): string {
  const p: Record<string, string> = {};
  for (const part of berlin.formatToParts(new Date(ms))) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function isDate(s: unknown): s is string {
  if (typeof s !== "string" || !DATE_RE.test(s)) return false;
  return toDayNumber(s) !== null;
}

export function isDateTime(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const m = DATETIME_RE.exec(s);
  if (!m || !isDate(s.slice(0, 10))) return false;
  return Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60;
}

/** Days since 1970-01-01 for a calendar date (UTC arithmetic, so no DST shifts), or null when invalid. */
export function toDayNumber(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return null;
  return Math.round(ms / DAY_MS);
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

export function dayNumber(date: string): number {
  const n = toDayNumber(date);
  if (n === null) throw new Error(`invalid date ${date}`);
  return n;
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 1..31 */
export function dayOfMonth(date: string): number {
  return Number(date.slice(8, 10));
}

export function lastDayOfMonth(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: string): number {
  return (dayNumber(date) + 4) % 7;
}

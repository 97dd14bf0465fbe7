/**
 * Time handling at the XS2A boundary.
 *
 * Invariants:
 * - XS2A date-times without an offset are Europe/Berlin wall-clock times (as the official Java SDK
 *   assumes); they become absolute `Date` instants here, once.
 * - Calendar dates (`YYYY-MM-DD`: booking dates, consent end) stay plain strings end to end, so no
 *   time zone can ever shift them by a day.
 */

const BERLIN = "Europe/Berlin";

/** A calendar date `YYYY-MM-DD`, never a point in time. */
export type CalendarDate = string;

const berlinParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: BERLIN,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockInBerlin(instant: Date): WallClock {
  const out: Record<string, number> = {};
  for (const p of berlinParts.formatToParts(instant)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour!,
    minute: out.minute!,
    second: out.second!,
  };
}

/** Offset of Berlin from UTC at `utcMs`, in milliseconds (+1 h in winter, +2 h in summer). */
function berlinOffsetMs(utcMs: number): number {
  const w = wallClockInBerlin(new Date(utcMs));
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant at which Berlin's wall clock shows the given time. In the autumn overlap hour the
 * earlier (summer-time) instant is chosen; in the spring gap the time is read with the winter offset.
 */
export function berlinWallClockToDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms = 0,
): Date {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Try both offsets Berlin ever uses and keep the one that round-trips; prefer summer time.
  for (const offsetH of [2, 1]) {
    const candidate = naive - offsetH * 3_600_000;
    if (berlinOffsetMs(candidate) === offsetH * 3_600_000) return new Date(candidate);
  }
  // Spring-forward gap: read with the offset in force just before it (like java.time does).
  return new Date(naive - berlinOffsetMs(naive - 12 * 3_600_000));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `YYYY-MM-DD HH:MM:SS` in Berlin wall-clock time: the format XS2A expects for `valid_until`. */
export function formatBerlinDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new TypeError("Invalid Date");
  const w = wallClockInBerlin(instant);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** Today's calendar date in Berlin. */
export function berlinToday(now: Date = new Date()): CalendarDate {
  return formatBerlinDateTime(now).slice(0, 10);
}

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2025-02-30, 2025-13-01, 0000-…). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  return isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

// Date-times as the official SDKs send them. The documented form is "YYYY-MM-DD HH:MM:SS" (Berlin
// local time). The Node SDK documents ISO 8601 for the events filter ("yyyy-mm-ddThh:mm:ss-zzzz",
// time and zone optional). The Java SDK formats every OffsetDateTime with the pattern
// `yyyy-MM-dd[[ ]['T'][HH][:mm][:ss][.SSSSSS]['Z']]`, which prints the local digits followed by the
// optional sections' literals (e.g. "2050-01-01 T11:11:11.000000Z"), and reads a value without a
// zone as Europe/Berlin. The sandbox accepts all three: a numeric zone, or `Z` right after a strict
// ISO "…T…", is converted to Berlin time; anything else is read as Berlin local digits.

import { formatBerlin, isDate } from "./time";

const FORM = /^(\d{4}-\d{2}-\d{2})(?:( ?T| )(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?)?$/;

export interface SdkMoment {
  date: string;
  /** "HH:MM:SS" (Berlin), or null when only a date was given. */
  time: string | null;
}

export function parseSdkMoment(raw: string, opts: { iso?: boolean } = {}): SdkMoment | null {
  const m = FORM.exec(raw.trim());
  if (!m || !isDate(m[1])) return null;
  const [, date, sep, hh, mm, ss = "00", zone] = m;
  if (sep === "T" && opts.iso === false) return null;
  if (hh === undefined) return { date: date!, time: null };
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  const strictIso = sep === "T";
  if (zone && (strictIso || zone !== "Z")) {
    const offset = zone === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const ms = Date.parse(`${date}T${hh}:${mm}:${ss}${offset}`);
    if (Number.isNaN(ms)) return null;
    const berlin = formatBerlin(ms);
    return { date: berlin.slice(0, 10), time: berlin.slice(11) };
  }
  return { date: date!, time: `${hh}:${mm}:${ss}` };
}

/**
 * "YYYY-MM-DD HH:MM:SS" (Berlin) for a body date-time (`valid_until`): the documented form or the
 * Java adapter's (" T…"); strict ISO 8601 ("…T…Z"), which neither SDK sends there, is refused.
 */
export function sdkDateTime(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const p = parseSdkMoment(raw, { iso: false });
  return p && p.time ? `${p.date} ${p.time}` : null;
}

/** A filter bound: a bare date covers the whole day (from 00:00:00, to 23:59:59). */
export function sdkBound(raw: string, edge: "from" | "to"): string | null {
  const p = parseSdkMoment(raw);
  if (!p) return null;
  return `${p.date} ${p.time ?? (edge === "from" ? "00:00:00" : "23:59:59")}`;
}

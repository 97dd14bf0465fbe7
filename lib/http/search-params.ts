/**
 * Values from a page's query string, which anyone can hand-edit: each reader gets a usable value
 * or nothing, never an error. `?page=1e308`, `?page=Infinity` or a NUL in a search (PostgreSQL
 * rejects NUL in text) answered 500 before.
 */
export const MAX_PAGE = 100_000;

/** A page number: a whole number from 1 to `max` (as text from the URL, or a number); anything else is page 1. */
export function pageParam(raw: unknown, max = MAX_PAGE): number {
  const value = typeof raw === "string" ? (/^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : NaN) : raw;
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1 && value <= max ? value : 1;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** A free-text filter: control characters (NUL among them) removed, trimmed, at most `max` long; empty is none. */
export function textParam(raw: unknown, max: number): string | undefined {
  if (typeof raw !== "string") return undefined;
  const text = raw.replace(CONTROL_CHARS, "").trim().slice(0, max).trim();
  return text || undefined;
}

/**
 * Text and format checks shared by the import's normalizers. Pure.
 *
 * Bank text arrives with NUL bytes (PostgreSQL rejects them in text), control characters,
 * decomposed umlauts, line-wrapped purpose lines and the occasional megabyte-long field; everything
 * stored passes through `sanitizeText` first.
 */

/**
 * Input beyond this many UTF-16 units per output unit is cut before any other work, so a
 * pathological field costs bounded time; only runs of whitespace/control characters longer than
 * the output could be lost by it.
 */
const INPUT_FACTOR = 8;

// C0/C1 controls (incl. NUL, tab, newline), line/paragraph separators, BOM/non-characters and
// bidi embedding/override/isolate marks (they can make a purpose line display reversed).
// eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
const UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]/g;
const CLEAN_ASCII = /^(?:[\x21-\x7E]+(?: [\x21-\x7E]+)*)?$/;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * NUL and control characters become spaces (so words on either side stay apart), lone surrogates
 * are dropped, the text is NFC-normalised, whitespace runs collapse to one space, ends are trimmed
 * and the result is cut to `maxLength` UTF-16 units without splitting a surrogate pair. Case is kept.
 */
export function sanitizeText(value: unknown, maxLength: number): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : String(value);
  const inputLimit = maxLength * INPUT_FACTOR + 1024;
  if (s.length > inputLimit) s = s.slice(0, inputLimit);
  // Most bank text is already clean printable ASCII with single spaces: nothing to normalise.
  if (!CLEAN_ASCII.test(s)) {
    if (!s.isWellFormed()) s = s.replace(LONE_SURROGATES, "");
    s = s.normalize("NFC").replace(UNSAFE_CHARS, " ").replace(/\s+/gu, " ").trim();
  }
  if (s.length > maxLength) {
    s = s.slice(0, maxLength);
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
    s = s.trimEnd();
  }
  return s;
}

/** `sanitizeText`, with the empty result as null. */
export function sanitizeNullable(value: unknown, maxLength: number): string | null {
  const s = sanitizeText(value, maxLength);
  return s === "" ? null : s;
}

/** A real calendar date `YYYY-MM-DD` (a date-time's date part is accepted), or null. */
export function parseCalendarDate(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.+\-Z]*)?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Upper-cased, spaces removed; null when it does not have the shape of an IBAN. */
export function normalizeIban(value: unknown): string | null {
  const s = compactUpper(value, 64);
  return s && /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s) ? s : null;
}

/** Upper-cased, spaces removed; null when it does not have the shape of a BIC. */
export function normalizeBic(value: unknown): string | null {
  const s = compactUpper(value, 64);
  return s && /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(s) ? s : null;
}

/** Sanitised, all whitespace removed, upper-cased; null when empty. */
export function compactUpper(value: unknown, maxLength: number): string | null {
  const s = sanitizeText(value, maxLength * 2)
    .replace(/\s/g, "")
    .toUpperCase()
    .slice(0, maxLength);
  return s === "" ? null : s;
}

/** A three-letter currency code, or null. */
export function normalizeCurrency(value: unknown): string | null {
  const s = compactUpper(value, 8);
  return s && /^[A-Z]{3}$/.test(s) ? s : null;
}

/** The canonical two-decimal string of an amount in cents ("-12.50", never "-0.00"). */
export function decimalFromCents(cents: number): string {
  const abs = Math.abs(cents);
  const frac = String(abs % 100).padStart(2, "0");
  return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${frac}`;
}

/**
 * Exact money from the source shape, or null when it is not exact: `cents` must be a safe integer
 * and `decimal` (when given) must say the same amount.
 */
export function parseMoney(
  value: { cents: unknown; decimal?: unknown } | null | undefined,
): { cents: number; decimal: string } | null {
  if (!value || typeof value.cents !== "number" || !Number.isSafeInteger(value.cents)) return null;
  const cents = value.cents === 0 ? 0 : value.cents;
  const decimal = decimalFromCents(cents);
  if (value.decimal !== undefined && value.decimal !== null) {
    const m = typeof value.decimal === "string" ? /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.decimal.trim()) : null;
    if (!m) return null;
    const abs = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
    if ((m[1] === "-" ? -abs : abs) !== cents) return null;
  }
  return { cents, decimal };
}

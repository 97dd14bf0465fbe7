/**
 * Amount conversion at the XS2A boundary, done once: XS2A sends amounts as JSON numbers in major
 * units (floats, e.g. `-12.5`); Saldo keeps exact integer minor units plus a decimal string.
 *
 * Sign rule (as XS2A sends it, never flipped here): negative = money leaving the account.
 */

export interface Money {
  /** Exact integer minor units (cents). */
  cents: number;
  /** The same amount as a decimal string with exactly two fraction digits, e.g. `"-12.50"`. */
  decimal: string;
}

export type AmountResult = { ok: true; value: Money } | { ok: false; reason: string };

/**
 * `String(n)` is the shortest decimal that round-trips to the same double, so the JSON literal
 * `1234.56` (stored as 1234.5599999…) reads back as "1234.56" and converts exactly, while a value
 * that is genuinely off the cent grid (`12.345`, `0.30000000000000004`) is refused instead of
 * being silently rounded.
 */
export function amountFromNumber(value: unknown): AmountResult {
  if (typeof value !== "number") return { ok: false, reason: `amount must be a JSON number, got ${typeof value}` };
  if (!Number.isFinite(value)) return { ok: false, reason: "amount is not a finite number" };
  const text = String(value);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) {
    // Exponent notation: ≥ 1e21 (out of range) or < 1e-6 (off the cent grid, since it is not 0).
    return { ok: false, reason: `amount ${text} is out of range or off the cent grid` };
  }
  const [, sign, whole, fraction = ""] = m;
  if (fraction.length > 2) return { ok: false, reason: `amount ${text} has more than two decimals` };
  const absCents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(absCents)) return { ok: false, reason: `amount ${text} is out of range` };
  return { ok: true, value: moneyFromCents(sign === "-" ? -absCents : absCents) };
}

/**
 * How far (in major units) an amount may lie off the cent grid and still be read as that cent:
 * float artefacts of the sender's arithmetic (`0.1 + 0.2` = `0.30000000000000004`) are ~1e-17
 * off; a genuine fraction of a cent (`12.345`) is at least 1e-3 off.
 */
export const CENT_GRID_TOLERANCE = 1e-9;

export type NearCentsResult = { ok: true; value: Money; roundedFrom: number | null } | { ok: false; reason: string };

/**
 * `amountFromNumber`, except that a finite number within `CENT_GRID_TOLERANCE` of a whole cent is
 * rounded to it; `roundedFrom` then holds the number as sent, so the caller can say so. Anything
 * else the exact reading refuses stays refused, with its reason.
 */
export function amountNearCents(value: unknown): NearCentsResult {
  const exact = amountFromNumber(value);
  if (exact.ok) return { ok: true, value: exact.value, roundedFrom: null };
  if (typeof value !== "number" || !Number.isFinite(value)) return exact;
  const cents = Math.round(value * 100);
  if (!Number.isSafeInteger(cents) || Math.abs(value - cents / 100) > CENT_GRID_TOLERANCE) return exact;
  return { ok: true, value: moneyFromCents(cents), roundedFrom: value };
}

export function moneyFromCents(cents: number): Money {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${cents}`);
  const normalized = cents === 0 ? 0 : cents; // no "-0.00"
  const abs = Math.abs(normalized);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, "0");
  return { cents: normalized, decimal: `${normalized < 0 ? "-" : ""}${whole}.${frac}` };
}

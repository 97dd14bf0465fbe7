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

export function moneyFromCents(cents: number): Money {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${cents}`);
  const normalized = cents === 0 ? 0 : cents; // no "-0.00"
  const abs = Math.abs(normalized);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, "0");
  return { cents: normalized, decimal: `${normalized < 0 ? "-" : ""}${whole}.${frac}` };
}

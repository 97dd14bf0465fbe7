import { describe, expect, it } from "vitest";
import { amountFromNumber, amountNearCents, moneyFromCents } from "./amount.ts";

const ok = (n: unknown) => {
  const r = amountFromNumber(n);
  if (!r.ok) throw new Error(`expected ${String(n)} to convert: ${r.reason}`);
  return r.value;
};

describe("amountFromNumber", () => {
  it.each([
    [-12.5, -1250, "-12.50"],
    [12.5, 1250, "12.50"],
    [1234.56, 123456, "1234.56"], // 1234.56 * 100 === 123455.99999999999 in floating point
    [0.07, 7, "0.07"], // 0.07 * 100 === 7.000000000000001
    [-0.05, -5, "-0.05"],
    [19.99, 1999, "19.99"],
    [1.1, 110, "1.10"],
    [0, 0, "0.00"],
    [-0, 0, "0.00"],
    [1500, 150000, "1500.00"],
    [99999999999.99, 9999999999999, "99999999999.99"],
  ])("%s → %s cents, %s", (input, cents, decimal) => {
    expect(ok(input)).toEqual({ cents, decimal });
  });

  it("never yields -0 cents", () => {
    expect(Object.is(ok(-0).cents, 0)).toBe(true);
  });

  it.each([
    [12.345, "more than two decimals"],
    [-12.005, "more than two decimals"],
    [0.1 + 0.2, "more than two decimals"], // 0.30000000000000004 is not on the cent grid
    [1e-7, "off the cent grid"],
    [1e21, "out of range"],
    [123456789012345.67, "out of range"], // beyond exact integer cents
    [Number.NaN, "not a finite number"],
    [Number.POSITIVE_INFINITY, "not a finite number"],
    [Number.NEGATIVE_INFINITY, "not a finite number"],
  ])("rejects %s", (input, reason) => {
    const r = amountFromNumber(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it.each(["12.50", "NaN", "Infinity", null, undefined, {}])("rejects the non-number %j", (input) => {
    expect(amountFromNumber(input).ok).toBe(false);
  });
});

describe("amountNearCents", () => {
  it.each([
    [0.1 + 0.2, 30],
    [-(0.1 + 0.2), -30],
    [1.1 * 1.1, 121],
    [-(0.7 + 0.1), -80],
    [1e-10, 0],
    [-1e-10, 0],
  ])("rounds the float artefact %s to %s cents and says it did", (input, cents) => {
    const r = amountNearCents(input);
    expect(r).toEqual({ ok: true, value: moneyFromCents(cents), roundedFrom: input });
  });

  it.each([-12.5, 1234.56, 0, 99999999999.99])("reads the exact %s without rounding", (input) => {
    const r = amountNearCents(input);
    expect(r.ok && r.roundedFrom).toBeNull();
    expect(r).toEqual({ ok: true, value: (amountFromNumber(input) as { value: unknown }).value, roundedFrom: null });
  });

  it.each([
    [12.345, "more than two decimals"],
    [-12.005, "more than two decimals"],
    [0.301, "more than two decimals"],
    [1e-7, "off the cent grid"],
    [1e21, "out of range"],
    [123456789012345.67, "out of range"],
    [Number.NaN, "not a finite number"],
    [Number.POSITIVE_INFINITY, "not a finite number"],
  ])("still refuses %s (%s)", (input, reason) => {
    const r = amountNearCents(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it.each(["0.30000000000000004", "12.50", null, undefined, {}])("still refuses the non-number %j", (input) => {
    expect(amountNearCents(input).ok).toBe(false);
  });
});

describe("moneyFromCents", () => {
  it("formats with two decimals and the sign in front", () => {
    expect(moneyFromCents(-1)).toEqual({ cents: -1, decimal: "-0.01" });
    expect(moneyFromCents(100)).toEqual({ cents: 100, decimal: "1.00" });
  });
  it("refuses non-integers", () => {
    expect(() => moneyFromCents(1.5)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { amountFromNumber, moneyFromCents } from "./amount.ts";

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

describe("moneyFromCents", () => {
  it("formats with two decimals and the sign in front", () => {
    expect(moneyFromCents(-1)).toEqual({ cents: -1, decimal: "-0.01" });
    expect(moneyFromCents(100)).toEqual({ cents: 100, decimal: "1.00" });
  });
  it("refuses non-integers", () => {
    expect(() => moneyFromCents(1.5)).toThrow(RangeError);
  });
});

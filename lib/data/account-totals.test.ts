import { describe, expect, it } from "vitest";
import { accountTotals } from "@/lib/data/account-totals";

describe("accounts page total", () => {
  it("sums booked balances per currency, exactly, EUR first; closed accounts left out; currencies never mixed", () => {
    expect(
      accountTotals([
        { currency: "USD", balance: "10.10", closed: false },
        { currency: "EUR", balance: "1234.56", closed: false },
        { currency: "EUR", balance: "-0.57", closed: false },
        { currency: "EUR", balance: null, closed: false },
        { currency: "EUR", balance: "999.00", closed: true },
        { currency: "CHF", balance: "0.10", closed: false },
        { currency: "CHF", balance: "0.20", closed: false },
      ]),
    ).toEqual([
      { currency: "EUR", booked: "1233.99", accounts: 3 },
      { currency: "CHF", booked: "0.30", accounts: 2 },
      { currency: "USD", booked: "10.10", accounts: 1 },
    ]);
    expect(accountTotals([])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { amountQuery } from "@/lib/transactions/filters";

describe("an amount typed into the search box", () => {
  it("reads German and English writing alike, keeping a typed sign", () => {
    expect(amountQuery("3,40")).toEqual({ amount: "3.40", sign: null });
    expect(amountQuery("3.40")).toEqual({ amount: "3.40", sign: null });
    expect(amountQuery("-3,40")).toEqual({ amount: "3.40", sign: "-" });
    expect(amountQuery("+3.4")).toEqual({ amount: "3.40", sign: "+" });
    expect(amountQuery("12")).toEqual({ amount: "12.00", sign: null });
    expect(amountQuery("3,40 €")).toEqual({ amount: "3.40", sign: null });
    expect(amountQuery("1.234,56")).toEqual({ amount: "1234.56", sign: null });
    expect(amountQuery("1,234.56")).toEqual({ amount: "1234.56", sign: null });
    expect(amountQuery("1.234")).toEqual({ amount: "1234.00", sign: null });
  });

  it("is not an amount when it is text or malformed", () => {
    for (const q of ["rewe", "", "-", "3,40,5", "1.2.3,4,5", "3,456,7", "Miete 3,40", "3..40"])
      expect(amountQuery(q), q).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { budgetMonth, inBudgetCategory, parseBudgetAmount, rolloverCarry } from "./budget-math";

describe("budget arithmetic", () => {
  it("spreads what is left over the days still to come, today included", () => {
    const b = budgetMonth({ amountCents: 40000, spentCents: 10000, today: "2026-11-21", month: "2026-11" });
    expect(b).toMatchObject({ limitCents: 40000, leftCents: 30000, percent: 25, daysLeft: 10, perDayCents: 3000 });
    expect(b.reached).toEqual([]);
    // The last day of a month: one day left; February has 28 days in 2027.
    expect(budgetMonth({ amountCents: 100, spentCents: 0, today: "2027-02-28", month: "2027-02" }).daysLeft).toBe(1);
    expect(budgetMonth({ amountCents: 1000, spentCents: 0, today: "2027-02-01", month: "2027-02" })).toMatchObject({
      daysLeft: 28,
      perDayCents: 35,
    });
  });

  it("reaches 80 % and 100 %, and an overspent budget has nothing left per day", () => {
    expect(
      budgetMonth({ amountCents: 10000, spentCents: 7999, today: "2026-11-05", month: "2026-11" }).reached,
    ).toEqual([]);
    expect(
      budgetMonth({ amountCents: 10000, spentCents: 8000, today: "2026-11-05", month: "2026-11" }).reached,
    ).toEqual([80]);
    const over = budgetMonth({ amountCents: 10000, spentCents: 12550, today: "2026-11-05", month: "2026-11" });
    expect(over).toMatchObject({ leftCents: -2550, percent: 125, perDayCents: 0, reached: [80, 100] });
  });

  it("carries what was left or overspent into the next month with rollover", () => {
    // 400 a month: 300 spent (+100), then 550 spent (−150): −50 carried into the third month.
    expect(rolloverCarry(40000, [30000, 55000])).toBe(-5000);
    const third = budgetMonth({
      amountCents: 40000,
      spentCents: 35000,
      carryCents: rolloverCarry(40000, [30000, 55000]),
      today: "2026-11-30",
      month: "2026-11",
    });
    expect(third).toMatchObject({ limitCents: 35000, leftCents: 0, percent: 100, reached: [80, 100] });
    expect(rolloverCarry(40000, [])).toBe(0);
    // Carried overspending beyond the amount: any spending is over the limit.
    expect(
      budgetMonth({ amountCents: 100, spentCents: 0, carryCents: -500, today: "2026-11-01", month: "2026-11" }),
    ).toMatchObject({ limitCents: -400, percent: 100 });
  });

  it("reads German and English amounts, and a category key covers its children", () => {
    expect(parseBudgetAmount("400")).toBe(40000);
    expect(parseBudgetAmount("1.234,56")).toBe(123456);
    expect(parseBudgetAmount("250.5")).toBe(25050);
    for (const bad of ["0", "-5", "abc", "1,234.56", "12,345", "99999999999"])
      expect(parseBudgetAmount(bad), bad).toBeNull();
    expect(inBudgetCategory("K.2", "K.2.1")).toBe(true);
    expect(inBudgetCategory("K.2", "K.2")).toBe(true);
    expect(inBudgetCategory("K.2", "K.20.1")).toBe(false);
  });
});

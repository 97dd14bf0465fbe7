import { describe, expect, it } from "vitest";
import { addDays, addMonths } from "./cadence";
import { contractAlerts, type AlertContract } from "./contract-alerts";
import { balanceForecast, expectedPayments, monthFixedCosts, type ForecastContract } from "./forecast";

function monthly(amounts: number[], start = "2026-01-12"): AlertContract {
  const payments = amounts.map((cents, i) => ({ date: addMonths(start, i), cents }));
  return {
    id: "c1",
    status: "CONFIRMED",
    cadence: "monthly",
    firstDate: start,
    nextDate: addMonths(start, amounts.length),
    endDate: null,
    noticeDays: null,
    payments,
  };
}

/** The days (from `from` to `to`) on which an alert of `kind` is open. */
function openDays(c: (today: string) => AlertContract, kind: string, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (contractAlerts(c(d), d).some((a) => a.kind === kind)) out.push(d);
  return out;
}

describe("contract alerts", () => {
  it("never fire on a steady contract, day after day", () => {
    for (let n = 3; n <= 12; n++) {
      const c = monthly(Array(n).fill(-1099));
      for (let d = c.payments[n - 1]!.date; d < c.nextDate; d = addDays(d, 1)) expect(contractAlerts(c, d)).toEqual([]);
    }
  });

  it("a price increase fires on the day the higher payment is booked", () => {
    const c = monthly([-1099, -1099, -1099, -1099, -1299]);
    const [alert] = contractAlerts(c, "2026-05-12");
    expect(alert).toMatchObject({
      kind: "price_increase",
      since: "2026-05-12",
      previousCents: 1099,
      currentCents: 1299,
    });
    expect(contractAlerts(c, "2026-05-11").some((a) => a.kind === "price_increase")).toBe(false);
    // Below the threshold: no alert.
    expect(contractAlerts(monthly([-1000, -1000, -1000, -1040]), "2026-04-12")).toEqual([]);
  });

  it("late fires the day after the tolerance and stops once an interval has passed", () => {
    const c = monthly([320000, 320000, 320000, 320000], "2026-01-27");
    const days = openDays(() => c, "late", "2026-05-20", "2026-07-10");
    expect(days[0]).toBe("2026-05-31"); // due 27 May, tolerance 3 days
    expect(contractAlerts(c, "2026-05-31")[0]!.value).toBe(4);
    expect(days[days.length - 1]).toBe("2026-06-26");
    // Not late while the bank's data has not been looked at since the due day.
    expect(contractAlerts({ ...c, dataAsOf: "2026-05-28" }, "2026-06-05")).toEqual([]);
  });

  it("charges after the end date, the cancellation deadline and a new contract", () => {
    const c = { ...monthly([-2490, -2490, -2490, -2490]), endDate: "2026-03-31", noticeDays: 30 };
    expect(contractAlerts(c, "2026-04-20").map((a) => a.kind)).toContain("after_end");
    const d = { ...monthly([-2490, -2490, -2490]), endDate: "2026-06-30", noticeDays: 30 };
    expect(openDays(() => d, "cancel_deadline", "2026-05-01", "2026-06-30")).toEqual(
      Array.from({ length: 15 }, (_, i) => addDays("2026-05-17", i)),
    );
    const fresh = { ...monthly([-999, -999, -999], "2026-03-01"), status: "SUGGESTED" as const };
    expect(contractAlerts(fresh, "2026-04-10").map((a) => a.kind)).toEqual(["new_contract"]);
    expect(contractAlerts({ ...fresh, status: "DISMISSED" }, "2026-04-10")).toEqual([]);
  });
});

describe("forecast", () => {
  const rent: ForecastContract = {
    id: "rent",
    direction: "out",
    cadence: "monthly",
    typicalCents: -90000,
    nextDate: "2026-12-01",
    dayOfMonth: 1,
    endDate: null,
    active: true,
    accountId: "a",
    payments: [{ date: "2026-11-01", cents: -90000 }],
  };
  const salary: ForecastContract = {
    ...rent,
    id: "salary",
    direction: "in",
    typicalCents: 300000,
    nextDate: "2026-11-27",
    dayOfMonth: 27,
    payments: [],
  };

  it("expects payments in range, an overdue one on the first day", () => {
    expect(expectedPayments([rent, salary], "2026-11-28", "2027-01-05").map((p) => [p.contractId, p.date])).toEqual([
      ["salary", "2026-11-28"],
      ["rent", "2026-12-01"],
      ["salary", "2026-12-27"],
      ["rent", "2027-01-01"],
    ]);
  });

  it("marks days below zero per account and sums this month's fixed costs", () => {
    const days = balanceForecast({ contracts: [rent], balances: { a: 50000 }, today: "2026-11-20", days: 30 });
    expect(days).toHaveLength(30);
    expect(days.find((d) => d.date === "2026-11-30")!.belowZero).toEqual([]);
    expect(days.find((d) => d.date === "2026-12-01")).toMatchObject({ totalCents: -40000, belowZero: ["a"] });
    // A credit card owes by nature: below zero there is no warning when only the others are watched.
    const withCard = balanceForecast({
      contracts: [rent],
      balances: { a: 50000, card: -72000 },
      today: "2026-11-20",
      days: 30,
      watch: new Set(["a"]),
    });
    expect(withCard.find((d) => d.date === "2026-11-30")!.belowZero).toEqual([]);
    expect(withCard.find((d) => d.date === "2026-12-01")!.belowZero).toEqual(["a"]);
    expect(
      monthFixedCosts(
        [{ ...rent, nextDate: "2026-11-25", payments: [{ date: "2026-11-02", cents: -5000 }] }],
        "2026-11-20",
      ),
    ).toEqual({
      paidCents: 5000,
      toComeCents: 90000,
      upcomingCount: 1,
    });
  });
});

import { describe, expect, it } from "vitest";
import { dailyBalances, monthEnds, sumSeries } from "./net-worth-math";

describe("net worth over time", () => {
  it("derives each day backwards from the balance and re-anchors on the bank's snapshots", () => {
    const series = dailyBalances({
      today: "2026-11-10",
      from: "2026-11-05",
      currentCents: 100000,
      // −200 on the 9th, +500 on the 7th, and a booking ahead on the 12th (+50, already in the balance).
      movements: new Map([
        ["2026-11-09", -20000],
        ["2026-11-07", 50000],
        ["2026-11-12", 5000],
      ]),
      // A snapshot on the 6th disagrees with the derived 1150 − 500 = 650: the bank's 300 wins from there back.
      snapshots: new Map([["2026-11-06", 30000]]),
    });
    expect(series).toEqual([
      { date: "2026-11-05", cents: 30000 },
      { date: "2026-11-06", cents: 30000 },
      { date: "2026-11-07", cents: 115000 },
      { date: "2026-11-08", cents: 115000 },
      { date: "2026-11-09", cents: 95000 },
      { date: "2026-11-10", cents: 95000 },
    ]);
  });

  it("fills missing snapshot days from the transactions in between", () => {
    const series = dailyBalances({
      today: "2026-11-04",
      from: "2026-11-01",
      currentCents: 1000,
      movements: new Map([["2026-11-03", 400]]),
      snapshots: new Map([
        ["2026-11-04", 1000],
        ["2026-11-01", 600],
      ]),
    });
    expect(series.map((p) => p.cents)).toEqual([600, 600, 1000, 1000]);
  });

  it("sums accounts per day and picks each month's last day", () => {
    const a = [
      { date: "2026-10-31", cents: 100 },
      { date: "2026-11-01", cents: 150 },
      { date: "2026-11-02", cents: 170 },
    ];
    const b = [
      { date: "2026-10-31", cents: -50 },
      { date: "2026-11-01", cents: -50 },
      { date: "2026-11-02", cents: 0 },
    ];
    const sum = sumSeries([a, b]);
    expect(sum).toEqual([
      { date: "2026-10-31", cents: 50 },
      { date: "2026-11-01", cents: 100 },
      { date: "2026-11-02", cents: 170 },
    ]);
    expect(monthEnds(sum)).toEqual([
      { date: "2026-10-31", cents: 50 },
      { date: "2026-11-02", cents: 170 },
    ]);
  });
});

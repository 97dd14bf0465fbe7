import { describe, expect, it } from "vitest";
import { addDays, consentWeeks, countRenewals } from "@/lib/admin/consent-weeks";

describe("consentWeeks", () => {
  it("puts each end date into its week, counted from today", () => {
    const weeks = consentWeeks({
      today: "2026-03-10",
      ends: ["2026-03-10", "2026-03-16", "2026-03-17", "2026-03-17", "2026-05-31"],
    });
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toEqual({ from: "2026-03-10", to: "2026-03-16", count: 2 });
    expect(weeks[1]).toEqual({ from: "2026-03-17", to: "2026-03-23", count: 2 });
    expect(weeks[11]).toEqual({ from: "2026-05-26", to: "2026-06-01", count: 1 });
    expect(weeks.reduce((n, w) => n + w.count, 0)).toBe(5);
  });

  it("leaves out expired consents and ends beyond the horizon", () => {
    const weeks = consentWeeks({ today: "2026-03-10", ends: ["2026-03-09", "2026-06-02", "2027-01-01"] });
    expect(weeks.every((w) => w.count === 0)).toBe(true);
  });

  it("crosses month and year ends and daylight-saving changes by calendar days", () => {
    expect(addDays("2026-12-29", 7)).toBe("2027-01-05");
    expect(addDays("2026-03-27", 3)).toBe("2026-03-30");
    const weeks = consentWeeks({ today: "2026-12-29", ends: ["2027-01-05"], weeks: 2 });
    expect(weeks.map((w) => w.count)).toEqual([0, 1]);
  });
});

describe("countRenewals", () => {
  it("counts an audit entry and the sync run of the same renewal once", () => {
    expect(
      countRenewals([
        { connectionId: "c1", day: "2026-03-01" },
        { connectionId: "c1", day: "2026-03-01" },
        { connectionId: "c1", day: "2026-03-20" },
        { connectionId: "c2", day: "2026-03-01" },
        { connectionId: null, day: "2026-03-01" },
      ]),
    ).toBe(3);
  });
});

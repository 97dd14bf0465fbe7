import { describe, expect, it } from "vitest";
import { consentStatus } from "@/lib/consent/consent-status";

describe("consentStatus", () => {
  it.each([
    ["2027-03-31", "2027-01-01", "valid", null],
    ["2027-03-31", "2027-03-17", "expiring", 14],
    ["2027-03-31", "2027-03-18", "expiring", 14],
    ["2027-03-31", "2027-03-24", "expiring", 7],
    ["2027-03-31", "2027-03-28", "urgent", 3],
    ["2027-03-31", "2027-03-30", "urgent", 1],
    ["2027-03-31", "2027-03-31", "urgent", 0],
    ["2027-03-31", "2027-04-01", "expired", -1],
  ] as const)("ends %s, today %s → %s (step %s)", (until, today, level, step) => {
    const s = consentStatus(until, today);
    expect(s.level).toBe(level);
    expect(s.step).toBe(step);
  });

  it("counts calendar days across the DST change (no 23/25-hour off-by-one)", () => {
    // Berlin switches to summer time on 2027-03-28.
    expect(consentStatus("2027-04-02", "2027-03-26").daysLeft).toBe(7);
    expect(consentStatus("2027-10-31", "2027-10-30").daysLeft).toBe(1);
  });

  it("uses the reported date, never a fixed 90 days", () => {
    expect(consentStatus("2027-07-01", "2027-01-02").level).toBe("valid"); // a 180-day bank
    expect(consentStatus(null, "2027-01-02").level).toBe("unknown");
  });
});

import { describe, expect, it } from "vitest";
import {
  consentEndsAt,
  consentStatus,
  consentStatusAt,
  isConsentDue,
  isSnoozed,
  reminderThreshold,
  snoozeUntil,
} from "@/lib/consent/consent-status";

describe("consentStatus", () => {
  it.each([
    ["2027-03-31", "2027-01-01", "valid", null],
    ["2027-03-31", "2027-03-16", "valid", null], // 15 days: no banner yet
    ["2027-03-31", "2027-03-17", "expiring", 14],
    ["2027-03-31", "2027-03-18", "expiring", 14],
    ["2027-03-31", "2027-03-23", "expiring", 14], // 8 days
    ["2027-03-31", "2027-03-24", "expiring", 7],
    ["2027-03-31", "2027-03-27", "expiring", 7], // 4 days
    ["2027-03-31", "2027-03-28", "urgent", 3],
    ["2027-03-31", "2027-03-29", "urgent", 3],
    ["2027-03-31", "2027-03-30", "urgent", 1],
    ["2027-03-31", "2027-03-31", "urgent", 0],
    ["2027-03-31", "2027-04-01", "expired", -1],
    ["2027-03-31", "2027-07-01", "expired", -1],
  ] as const)("ends %s, today %s → %s (step %s)", (until, today, level, step) => {
    const s = consentStatus(until, today);
    expect(s.level).toBe(level);
    expect(s.step).toBe(step);
    expect(isConsentDue(s)).toBe(step !== null);
  });

  it("counts calendar days across the DST change (no 23/25-hour off-by-one)", () => {
    // Berlin switches to summer time on 2027-03-28 and back on 2027-10-31.
    expect(consentStatus("2027-04-02", "2027-03-26").daysLeft).toBe(7);
    expect(consentStatus("2027-10-31", "2027-10-30").daysLeft).toBe(1);
    expect(consentStatus("2027-11-13", "2027-10-30").daysLeft).toBe(14);
  });

  it("counts across month, year and leap-day boundaries", () => {
    expect(consentStatus("2028-03-01", "2028-02-28").daysLeft).toBe(2);
    expect(consentStatus("2027-01-07", "2026-12-31").step).toBe(7);
  });

  it("uses the reported date, never a fixed 90 days", () => {
    expect(consentStatus("2027-07-01", "2027-01-02").level).toBe("valid"); // a 180-day bank
    expect(consentStatus(null, "2027-01-02").level).toBe("unknown");
    expect(consentStatus(null, "2027-01-02").step).toBeNull();
  });
});

describe("consentStatusAt (today is the Berlin calendar day)", () => {
  it("in summer, 22:30 UTC is already the next day in Berlin (UTC+2)", () => {
    expect(consentStatusAt("2027-07-31", new Date("2027-07-30T21:59:00Z")).step).toBe(1);
    expect(consentStatusAt("2027-07-31", new Date("2027-07-30T22:00:00Z")).step).toBe(0);
    expect(consentStatusAt("2027-07-31", new Date("2027-07-31T22:00:00Z")).level).toBe("expired");
  });

  it("in winter the day changes at 23:00 UTC (UTC+1)", () => {
    expect(consentStatusAt("2027-01-15", new Date("2027-01-15T22:59:59Z")).step).toBe(0);
    expect(consentStatusAt("2027-01-15", new Date("2027-01-15T23:00:00Z")).level).toBe("expired");
  });

  it("on the DST nights the Berlin date is still right", () => {
    // 2027-03-28 01:59 CET → 03:00 CEST; 2027-10-31 02:59 CEST → 02:00 CET.
    expect(consentStatusAt("2027-03-28", new Date("2027-03-27T23:30:00Z")).daysLeft).toBe(0);
    expect(consentStatusAt("2027-03-28", new Date("2027-03-28T21:59:00Z")).daysLeft).toBe(0);
    expect(consentStatusAt("2027-03-28", new Date("2027-03-28T22:00:00Z")).daysLeft).toBe(-1);
    expect(consentStatusAt("2027-10-31", new Date("2027-10-30T22:00:00Z")).daysLeft).toBe(0);
    expect(consentStatusAt("2027-10-31", new Date("2027-10-31T22:59:00Z")).daysLeft).toBe(0);
    expect(consentStatusAt("2027-10-31", new Date("2027-10-31T23:00:00Z")).daysLeft).toBe(-1);
  });
});

describe("reminderThreshold (emails at 14, 7, 1 and expired)", () => {
  it.each([
    [15, null],
    [14, 14],
    [8, 14],
    [7, 7],
    [3, 7],
    [2, 7],
    [1, 1],
    [0, 1],
    [-1, 0],
    [-40, 0],
  ] as const)("%s days left → %s", (days, threshold) => {
    const today = "2027-05-01";
    const until = new Date(Date.UTC(2027, 4, 1 + days)).toISOString().slice(0, 10);
    expect(reminderThreshold(consentStatus(until, today))).toBe(threshold);
  });

  it("no end date, no reminder", () => {
    expect(reminderThreshold(consentStatus(null, "2027-05-01"))).toBeNull();
  });
});

describe("snoozeUntil", () => {
  it("snoozes for 24 hours while the end is further away", () => {
    const at = new Date("2027-05-01T08:00:00Z");
    expect(snoozeUntil("2027-05-10", at)?.toISOString()).toBe("2027-05-02T08:00:00.000Z");
  });

  it("never past the end of the expiry day (Berlin midnight, summer time)", () => {
    // Last valid day 2027-05-10 ends at 2027-05-11 00:00 CEST = 2027-05-10T22:00Z.
    expect(snoozeUntil("2027-05-10", new Date("2027-05-10T08:00:00Z"))?.toISOString()).toBe("2027-05-10T22:00:00.000Z");
    // The day before, 20:00 CEST: 24 h would be 20:00 on the expiry day, which is still inside it.
    expect(snoozeUntil("2027-05-10", new Date("2027-05-09T18:00:00Z"))?.toISOString()).toBe("2027-05-10T18:00:00.000Z");
  });

  it("uses the winter offset in winter and the right offset across DST changes", () => {
    expect(consentEndsAt("2027-01-15").toISOString()).toBe("2027-01-15T23:00:00.000Z");
    // Expiry day 2027-03-27 (CET) ends at 2027-03-28 00:00 CET, before the switch at 02:00.
    expect(consentEndsAt("2027-03-27").toISOString()).toBe("2027-03-27T23:00:00.000Z");
    // Expiry day 2027-03-28 is 23 hours long: it ends at 2027-03-29 00:00 CEST.
    expect(consentEndsAt("2027-03-28").toISOString()).toBe("2027-03-28T22:00:00.000Z");
    // Expiry day 2027-10-31 is 25 hours long: it ends at 2027-11-01 00:00 CET.
    expect(consentEndsAt("2027-10-31").toISOString()).toBe("2027-10-31T23:00:00.000Z");
    expect(snoozeUntil("2027-10-31", new Date("2027-10-31T12:00:00Z"))?.toISOString()).toBe("2027-10-31T23:00:00.000Z");
  });

  it("cannot snooze once expired or without an end date", () => {
    expect(snoozeUntil("2027-05-10", new Date("2027-05-10T22:00:00Z"))).toBeNull();
    expect(snoozeUntil(null, new Date("2027-05-10T08:00:00Z"))).toBeNull();
  });

  it("a snooze is active until its instant", () => {
    const until = new Date("2027-05-02T08:00:00Z");
    expect(isSnoozed(until, new Date("2027-05-02T07:59:59Z"))).toBe(true);
    expect(isSnoozed(until, new Date("2027-05-02T08:00:00Z"))).toBe(false);
    expect(isSnoozed(null, new Date())).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { berlinToday, berlinWallClockToDate, formatBerlinDateTime, isCalendarDate } from "./berlin-time.ts";
import { parseXs2aDateTime } from "./xs2a/schemas.ts";

describe("Berlin wall clock ↔ instant", () => {
  it("winter time is UTC+1", () => {
    expect(berlinWallClockToDate(2024, 1, 31, 12, 0, 0).toISOString()).toBe("2024-01-31T11:00:00.000Z");
  });
  it("summer time is UTC+2", () => {
    expect(berlinWallClockToDate(2024, 7, 15, 12, 0, 0).toISOString()).toBe("2024-07-15T10:00:00.000Z");
  });
  it("Berlin midnight on New Year is the previous day in UTC", () => {
    expect(berlinWallClockToDate(2025, 1, 1, 0, 0, 0).toISOString()).toBe("2024-12-31T23:00:00.000Z");
  });
  it("autumn overlap hour resolves to the earlier (summer) instant", () => {
    expect(berlinWallClockToDate(2024, 10, 27, 2, 30, 0).toISOString()).toBe("2024-10-27T00:30:00.000Z");
  });
  it("spring gap is read with the winter offset", () => {
    expect(berlinWallClockToDate(2024, 3, 31, 2, 30, 0).toISOString()).toBe("2024-03-31T01:30:00.000Z");
  });
  it("formats instants as Berlin wall clock for valid_until", () => {
    expect(formatBerlinDateTime(new Date("2050-01-01T10:11:11Z"))).toBe("2050-01-01 11:11:11");
    expect(formatBerlinDateTime(new Date("2024-07-15T22:30:00Z"))).toBe("2024-07-16 00:30:00");
    expect(() => formatBerlinDateTime(new Date("nope"))).toThrow(TypeError);
  });
  it("round-trips", () => {
    const d = new Date("2024-06-01T08:09:10Z");
    const s = formatBerlinDateTime(d);
    expect(parseXs2aDateTime(s)?.toISOString()).toBe(d.toISOString());
  });
  it("today is the Berlin calendar date", () => {
    expect(berlinToday(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
    expect(berlinToday(new Date("2024-07-01T21:59:59Z"))).toBe("2024-07-01");
  });
});

describe("isCalendarDate", () => {
  it.each(["2024-02-29", "2025-12-31"])("accepts %s", (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(["2025-02-29", "2025-02-30", "2025-13-01", "0000-00-00", "2025-1-1", "2025-01-01T00:00:00", ""])(
    "rejects %s",
    (d) => expect(isCalendarDate(d)).toBe(false),
  );
});

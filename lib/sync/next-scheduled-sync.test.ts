import { describe, expect, it } from "vitest";
import { lastScheduledSync, nextScheduledSync } from "./next-scheduled-sync.ts";

describe("nextScheduledSync", () => {
  it("is 05:30 Berlin today when that is still ahead (winter, UTC+1)", () => {
    expect(nextScheduledSync(new Date("2026-01-10T03:00:00Z")).toISOString()).toBe("2026-01-10T04:30:00.000Z");
  });
  it("is tomorrow 05:30 Berlin once today's has passed (summer, UTC+2)", () => {
    expect(nextScheduledSync(new Date("2026-07-10T08:00:00Z")).toISOString()).toBe("2026-07-11T03:30:00.000Z");
  });
  it("handles the night the clocks go forward", () => {
    expect(nextScheduledSync(new Date("2026-03-28T12:00:00Z")).toISOString()).toBe("2026-03-29T03:30:00.000Z");
  });
});

describe("lastScheduledSync", () => {
  it("is today's 05:30 Berlin once it has passed", () => {
    expect(lastScheduledSync(new Date("2026-01-10T09:00:00Z")).toISOString()).toBe("2026-01-10T04:30:00.000Z");
  });
  it("is yesterday's before today's 05:30", () => {
    expect(lastScheduledSync(new Date("2026-07-10T03:00:00Z")).toISOString()).toBe("2026-07-09T03:30:00.000Z");
  });
  it("is the slot itself at exactly 05:30", () => {
    expect(lastScheduledSync(new Date("2026-07-10T03:30:00Z")).toISOString()).toBe("2026-07-10T03:30:00.000Z");
  });
  it("handles the night the clocks go forward", () => {
    expect(lastScheduledSync(new Date("2026-03-29T12:00:00Z")).toISOString()).toBe("2026-03-29T03:30:00.000Z");
  });
});

import { describe, expect, it } from "vitest";
import { nextScheduledSync } from "./next-scheduled-sync.ts";

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

import { describe, expect, it } from "vitest";
import type { SourceTurnover, TurnoverQuery } from "@/lib/import/types";
import { addDays, nextSpan, turnoverWindows, type WindowedBatch } from "./turnover-windows";

const TODAY = "2026-12-03";

/** A bank holding `perDay` turnovers on each of the `days` days up to `collectedOn`, plus undated items. */
function bank(opts: { days: number; perDay: (date: string) => number; collectedOn?: string; sendsDays?: boolean }) {
  const collectedOn = opts.collectedOn ?? TODAY;
  const all: SourceTurnover[] = [];
  for (let i = 0; i < opts.days; i++) {
    const date = addDays(collectedOn, -i);
    for (let n = 0; n < opts.perDay(date); n++)
      all.push({ id: `${date}-${n}`, bookingDate: date, amount: { cents: -100, decimal: "-1.00" } } as SourceTurnover);
  }
  // A pending item dated after today (the first window is open towards the future).
  all.push({ id: "future", bookingDate: addDays(TODAY, 2) } as SourceTurnover);
  const undated = [
    { raw: { purpose: "no date" }, issues: [{ path: "booking_date", message: "no booking date" }], partial: {} },
  ];
  const reads: TurnoverQuery[] = [];
  const read = async (q: TurnoverQuery): Promise<WindowedBatch> => {
    reads.push(q);
    const turnovers = all.filter((t) => (!q.from || t.bookingDate! >= q.from) && (!q.to || t.bookingDate! <= q.to));
    return {
      turnovers,
      rejected: undated as WindowedBatch["rejected"],
      roundedAmounts: [],
      days: opts.sendsDays === false ? null : opts.days,
      collectedOn,
    };
  };
  return { all, read, reads };
}

async function collect(gen: AsyncIterable<{ turnovers: SourceTurnover[]; rejected: unknown[] }>) {
  const sizes: number[] = [];
  const ids: string[] = [];
  let rejected = 0;
  for await (const b of gen) {
    sizes.push(b.turnovers.length + b.rejected.length);
    ids.push(...b.turnovers.map((t) => t.id!));
    rejected += b.rejected.length;
  }
  return { sizes, ids, rejected };
}

describe("turnoverWindows", () => {
  it("reads a recent range in one request, exactly as asked", async () => {
    const b = bank({ days: 400, perDay: () => 3 });
    const r = await collect(turnoverWindows(b.read, { from: "2026-11-01", today: TODAY }));
    expect(b.reads).toEqual([{ from: "2026-11-01" }]);
    expect(r.rejected).toBe(1);
  });

  it("reads a long history in windows: every turnover once, the unreadable item once, windows near the target", async () => {
    const b = bank({ days: 730, perDay: (d) => (d >= "2026-06-01" ? 300 : 20) });
    const r = await collect(turnoverWindows(b.read, { today: TODAY, target: 2000 }));
    expect(new Set(r.ids).size).toBe(r.ids.length);
    expect(r.ids.length).toBe(b.all.length);
    expect(r.rejected).toBe(1);
    // The first window is a week; after it each is sized from the last.
    expect(Math.max(...r.sizes)).toBeLessThanOrEqual(2 * 2000);
    expect(b.reads[0]).toEqual({ from: addDays(TODAY, -6) });
    expect(b.reads.length).toBeLessThan(40);
  });

  it("a normal first import (90 days, a few a day) takes three requests", async () => {
    const b = bank({ days: 90, perDay: () => 4 });
    const r = await collect(turnoverWindows(b.read, { today: TODAY }));
    expect(r.ids.length).toBe(b.all.length);
    expect(b.reads).toHaveLength(3);
  });

  it("counts the days back from when XS2A collected them, not from today", async () => {
    const b = bank({ days: 120, perDay: () => 5, collectedOn: "2026-11-20" });
    const r = await collect(turnoverWindows(b.read, { today: TODAY }));
    expect(r.ids.length).toBe(b.all.length);
    expect(r.ids).toContain(`${addDays("2026-11-20", -119)}-0`);
  });

  it("without `days`, reads everything older in one last request", async () => {
    const b = bank({ days: 200, perDay: () => 2, sendsDays: false });
    const r = await collect(turnoverWindows(b.read, { today: TODAY }));
    expect(r.ids.length).toBe(b.all.length);
    expect(b.reads).toEqual([{ from: addDays(TODAY, -6) }, { to: addDays(TODAY, -7) }]);
  });

  it("an old `from` is walked in windows down to it and not beyond", async () => {
    const b = bank({ days: 700, perDay: () => 50 });
    const from = addDays(TODAY, -300);
    const r = await collect(turnoverWindows(b.read, { from, today: TODAY, target: 1000 }));
    expect(r.ids.length).toBe(b.all.filter((t) => t.bookingDate! >= from).length);
    expect(b.reads.every((q) => q.from! >= from)).toBe(true);
  });

  it("asks for the next window while the caller still holds this one, and never for more than one ahead", async () => {
    const b = bank({ days: 400, perDay: () => 30 });
    const seen: number[] = [];
    let windows = 0;
    for await (const w of turnoverWindows(b.read, { today: TODAY, target: 1000 })) {
      windows++;
      // Window n is in hand: window n + 1 has been asked for, not n + 2.
      seen.push(b.reads.length);
      expect(w.turnovers.length).toBeGreaterThan(0);
    }
    expect(seen.slice(0, -1)).toEqual(seen.slice(0, -1).map((_, i) => i + 2));
    // The last window asks for nothing more.
    expect(seen.at(-1)).toBe(windows);
    expect(b.reads).toHaveLength(windows);
  });

  it("a caller that stops early leaves the window asked ahead unread, its failure unreported", async () => {
    const b = bank({ days: 400, perDay: () => 30 });
    let calls = 0;
    const failingSecond = async (q: TurnoverQuery) => {
      if (++calls === 2) throw new Error("XS2A 500");
      return b.read(q);
    };
    const got: number[] = [];
    for await (const w of turnoverWindows(failingSecond, { today: TODAY, target: 1000 })) {
      got.push(w.turnovers.length);
      break;
    }
    expect(got).toHaveLength(1);
    expect(calls).toBe(2);
    // A caller that goes on gets the failure with that window.
    calls = 0;
    const pages = turnoverWindows(failingSecond, { today: TODAY, target: 1000 });
    await expect(collect(pages)).rejects.toThrow("XS2A 500");
  });

  it("sizes the next window from what the last one brought", () => {
    expect(nextSpan(31, 9300, 2000)).toBe(6);
    expect(nextSpan(31, 100, 2000)).toBe(124);
    expect(nextSpan(6, 0, 2000)).toBe(24);
    expect(nextSpan(1, 50_000, 2000)).toBe(1);
    expect(nextSpan(300, 1, 2000)).toBe(400);
  });
});

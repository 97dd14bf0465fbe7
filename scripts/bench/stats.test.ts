import { describe, expect, it } from "vitest";
import { benchConfig } from "./config";
import { markdownTable } from "./report";
import { percentile, ratio, summarize } from "./stats";

describe("bench statistics", () => {
  it("uses nearest-rank percentiles, so p95 of 20 samples is the 19th smallest", () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1, unsorted
    expect(percentile(samples, 50)).toBe(10);
    expect(percentile(samples, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(summarize([3, 1, 2])).toMatchObject({ n: 3, p50: 2, min: 1, max: 3, mean: 2 });
  });

  it("reports a ratio against the baseline, never dividing by zero", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNaN();
  });
});

describe("bench report", () => {
  it("marks unmet goals in bold and informational rows with a dash", () => {
    const table = markdownTable([
      { id: "1", what: "import", saldo: "2 s", baseline: "1 s", ratio: 2.5, goal: "≤ 2.0×", met: false },
      { id: "5d", what: "data", saldo: "1 ms", baseline: "–", ratio: null, goal: "(diagnostic)", met: null },
    ]);
    expect(table).toContain("| 1 | import | 2 s | 1 s | 2.50× | ≤ 2.0× | **no** |");
    expect(table).toContain("| 5d | data | 1 ms | – | – | (diagnostic) | – |");
  });
});

describe("bench sizes", () => {
  it("defaults to the full size of the issue and has a small CI size", () => {
    expect(benchConfig({})).toMatchObject({
      scale: "full",
      importRows: 100_000,
      accounts: 10,
      rowsPerAccount: 100_000,
      dashboard: "build",
    });
    expect(benchConfig({ BENCH_SCALE: "small" })).toMatchObject({ scale: "small", dashboard: "reuse" });
    // The sandbox caps a volume login at 100,000 turnovers.
    expect(benchConfig({ BENCH_IMPORT_ROWS: "500000" }).importRows).toBe(100_000);
  });
});

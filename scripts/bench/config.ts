/**
 * Sizes and switches of `npm run bench`, from the environment (the bench is a CLI: it reads its
 * own knobs here; Saldo's configuration still goes through lib/env).
 *   BENCH_SCALE=full|small        full (default): 100k import, 10 × 100k list data;
 *                                 small: a CI-sized run in well under a minute
 *   BENCH_IMPORT_ROWS             turnovers of the imported account
 *   BENCH_ACCOUNTS                accounts of the list/search/dashboard user (incl. the imported one)
 *   BENCH_ROWS_PER_ACCOUNT        turnovers per further account
 *   BENCH_SEED=sql|real           how the further accounts are filled: a SQL generator shaped like
 *                                 the sandbox's data (default), or the sandbox and the real import
 *   BENCH_SAMPLES                 timed repetitions per list/search/dashboard figure
 *   BENCH_DASHBOARD=build|reuse|skip  build `.next-bench` (full default), reuse it when present
 *                                 (small default; skipped if there is no build), or skip
 *   BENCH_OUT                     JSON output (bench-results/latest.json)
 */
export type Scale = "full" | "small";

export interface BenchConfig {
  scale: Scale;
  importRows: number;
  accounts: number;
  rowsPerAccount: number;
  seed: "real" | "sql";
  samples: number;
  warmup: number;
  dashboard: "build" | "reuse" | "skip";
  distDir: string;
  out: string;
}

const int = (v: string | undefined, fallback: number, max: number) => {
  const n = v === undefined || v === "" ? NaN : Number(v);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
};

export function benchConfig(e: Record<string, string | undefined> = process.env): BenchConfig {
  const scale: Scale = e.BENCH_SCALE === "small" ? "small" : "full";
  const full = scale === "full";
  // The real path costs about as much per account as the timed import (minutes on a busy 2-core
  // machine), so by default only the timed account goes through it and the rest are generated.
  const seed = e.BENCH_SEED === "real" ? "real" : "sql";
  const dashboard =
    e.BENCH_DASHBOARD === "build" || e.BENCH_DASHBOARD === "reuse" || e.BENCH_DASHBOARD === "skip"
      ? e.BENCH_DASHBOARD
      : full
        ? "build"
        : "reuse";
  return {
    scale,
    // The sandbox caps a volume login at 100,000 turnovers per account.
    importRows: int(e.BENCH_IMPORT_ROWS, full ? 100_000 : 5_000, 100_000),
    accounts: int(e.BENCH_ACCOUNTS, full ? 10 : 3, 50),
    rowsPerAccount: int(e.BENCH_ROWS_PER_ACCOUNT, full ? 100_000 : 5_000, 100_000),
    seed,
    samples: int(e.BENCH_SAMPLES, full ? 200 : 30, 10_000),
    warmup: full ? 20 : 5,
    dashboard,
    distDir: e.BENCH_DIST_DIR || ".next-bench",
    out: e.BENCH_OUT || "bench-results/latest.json",
  };
}

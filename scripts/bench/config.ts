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
 *   BENCH_IMPORT_PROFILE=<dir>    each import child writes a CPU profile (--cpu-prof) into <dir>
 *   BENCH_ONLY=scale              only the scale section (on the bench's fresh database)
 *   BENCH_ONLY=import             only the first import, its baseline and peak memory, and the
 *                                 re-import (a few minutes; set BENCH_OUT so latest.json is kept)
 *   BENCH_SCALE=…                 see above; the scale section (issue 15) is sized by:
 *   BENCH_SCALE_CONNECTIONS       full connections of the daily run (1,000; small: 300; the 10,000 takes
 *                                 over an hour here: set it for a dedicated run)
 *   BENCH_SCALE_LATENCY_CONNECTIONS  of those, the ones the runs at BENCH_SCALE_LATENCY_MS use (200; small: 100)
 *   BENCH_SCALE_LATENCY_MS        fixed sandbox latency per XS2A call for those runs (200)
 *   BENCH_SCALE_CONCURRENCY       SYNC_CONCURRENCY of the runs without latency (4, the default)
 *   BENCH_SCALE_DAYS              days of history each connection links with (31: the import's
 *                                 30-day overlap is all there, as after a month of daily runs)
 *   BENCH_SCALE_SKIP=1            leave the scale section out of a full run
 *   BENCH_SCALE_WORKER=dev        run its workers through tsx (`npm run worker`) instead of compiled (`start:worker`)
 */
export type Scale = "full" | "small";

/** workers × SYNC_CONCURRENCY × XS2A_MAX_REQUESTS_PER_SECOND (null: no budget). */
export interface ScaleSetting {
  workers: number;
  concurrency: number;
  budget: number | null;
}

export interface ScaleConfig {
  connections: number;
  latencyConnections: number;
  latencyMs: number;
  /** Connections per Saldo user (a deployment of 1,000,000 users has about three each). */
  perUser: number;
  days: number;
  concurrency: number;
  /** One timed run at `latencyMs` per setting: one limited by concurrency, one by the call budget. */
  latencySettings: ScaleSetting[];
}

export interface BenchConfig {
  only: "scale" | "import" | null;
  skipScale: boolean;
  scaleBench: ScaleConfig;
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
  importProfileDir: string | null;
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
    only: e.BENCH_ONLY === "scale" || e.BENCH_ONLY === "import" ? e.BENCH_ONLY : null,
    skipScale: e.BENCH_SCALE_SKIP === "1",
    scaleBench: {
      connections: int(e.BENCH_SCALE_CONNECTIONS, full ? 1_000 : 300, 1_000_000),
      latencyConnections: int(e.BENCH_SCALE_LATENCY_CONNECTIONS, full ? 200 : 100, 1_000_000),
      latencyMs: int(e.BENCH_SCALE_LATENCY_MS, 200, 10_000),
      perUser: 3,
      days: int(e.BENCH_SCALE_DAYS, 31, 365),
      concurrency: int(e.BENCH_SCALE_CONCURRENCY, 4, 64),
      latencySettings: [
        // 8 syncs at once: at most 8 / (calls × 0.2 s) connections per second.
        { workers: 2, concurrency: 4, budget: null },
        // 32 at once, held to 40 XS2A calls per second over both workers.
        { workers: 2, concurrency: 16, budget: 40 },
      ],
    },
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
    importProfileDir: e.BENCH_IMPORT_PROFILE || null,
  };
}

/** Timing helpers for the benchmark: nearest-rank percentiles over wall-clock samples. */
export interface Timing {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): Timing {
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    mean: round(samples.reduce((s, x) => s + x, 0) / samples.length),
  };
}

export const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export async function timeOnce<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: since(t0), value };
}

/**
 * Runs `a` and `b` alternately (so machine noise hits both alike), after `warmup` untimed rounds.
 * `i` is the sample number, for callers that rotate inputs.
 */
export async function timePair(opts: {
  samples: number;
  warmup: number;
  a: (i: number) => Promise<unknown>;
  b: (i: number) => Promise<unknown>;
}): Promise<{ a: Timing; b: Timing }> {
  for (let i = 0; i < opts.warmup; i++) {
    await opts.a(i);
    await opts.b(i);
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < opts.samples; i++) {
    as.push((await timeOnce(() => opts.a(i))).ms);
    bs.push((await timeOnce(() => opts.b(i))).ms);
  }
  return { a: summarize(as), b: summarize(bs) };
}

export const ratio = (x: number, baseline: number) => (baseline > 0 ? Math.round((x / baseline) * 100) / 100 : NaN);

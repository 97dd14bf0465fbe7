/** The bench's results as one JSON document and a Markdown table. */
import type { Timing } from "./stats";

export interface Row {
  id: string;
  what: string;
  saldo: string;
  baseline: string;
  ratio: number | null;
  goal: string;
  /** null = not measured or informational. */
  met: boolean | null;
}

const fmtMs = (ms: number) =>
  ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
export const fmt = { ms: fmtMs, pct: (t: Timing) => `${fmtMs(t.p50)} / ${fmtMs(t.p95)}` };

export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    "| # | Measure | Saldo | Baseline | Ratio | Goal | Met |",
    "|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.id} | ${r.what} | ${r.saldo} | ${r.baseline} | ${r.ratio == null || Number.isNaN(r.ratio) ? "–" : `${r.ratio.toFixed(2)}×`} | ${r.goal} | ${r.met == null ? "–" : r.met ? "yes" : "**no**"} |`,
    ),
  ];
  return lines.join("\n");
}

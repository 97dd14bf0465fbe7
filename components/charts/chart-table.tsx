import type { ReactNode } from "react";

/**
 * The text alternative of a chart: a one-line summary that screen readers get in place of the
 * SVG, and the full data as a table behind a disclosure (for everyone who prefers numbers).
 */
export function ChartFrame({
  summary,
  tableLabel,
  table,
  children,
}: {
  summary: string;
  tableLabel: string;
  table: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="space-y-3">
      <div aria-hidden="true">{children}</div>
      <figcaption className="text-sm text-slate-600 dark:text-slate-400">{summary}</figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand-800 dark:text-emerald-300 hover:underline">
          {tableLabel}
        </summary>
        {/* Focusable so the table can be scrolled with the keyboard too. */}
        <div
          className="relative mt-2 max-h-80 overflow-auto rounded focus-visible:outline-2 focus-visible:outline-brand-700 dark:focus-visible:outline-emerald-400"
          tabIndex={0}
          role="region"
          aria-label={tableLabel}
        >
          {table}
        </div>
      </details>
    </figure>
  );
}

export function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-700 text-slate-700 dark:text-slate-300">
          {head.map((h, i) => (
            <th key={h} scope="col" className={`py-1.5 pr-3 font-medium ${i > 0 ? "text-right" : ""}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className="border-b border-slate-100 dark:border-slate-800">
            {r.map((c, j) =>
              j === 0 ? (
                <th key={j} scope="row" className="py-1.5 pr-3 font-normal text-slate-800 dark:text-slate-200">
                  {c}
                </th>
              ) : (
                <td key={j} className="py-1.5 pr-3 text-right tabular-nums text-slate-900 dark:text-slate-100">
                  {c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

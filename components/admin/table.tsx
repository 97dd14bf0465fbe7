import { useId, type ReactNode, type TdHTMLAttributes, type ThHTMLAttributes } from "react";

/**
 * A captioned data table that scrolls sideways on narrow screens rather than squeezing columns.
 * The scrolling box is focusable (and named by the caption) so it scrolls with the keyboard too.
 * It is `relative` so the absolutely placed screen-reader texts inside (sr-only) stay in the box
 * too; otherwise they hang out at their place far right and the whole page scrolls sideways.
 */
export function AdminTable({
  caption,
  children,
  testId,
}: {
  caption: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  const captionId = useId();
  return (
    <div
      className="relative overflow-x-auto rounded-lg bg-white dark:bg-slate-900 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700 focus-visible:outline-2 focus-visible:outline-brand-700 dark:focus-visible:outline-emerald-400"
      data-testid={testId}
      tabIndex={0}
      role="region"
      aria-labelledby={captionId}
    >
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-700 text-left text-sm">
        <caption
          id={captionId}
          className="px-4 pb-2 pt-4 text-left text-base font-semibold text-slate-900 dark:text-slate-100"
        >
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      {...props}
      className={`whitespace-nowrap bg-slate-50 dark:bg-slate-800/50 px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400 ${className}`}
    />
  );
}

export function Td({ className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td {...props} className={`px-4 py-3 align-top text-slate-800 dark:text-slate-200 ${className}`} />;
}

export function Badge({
  tone = "neutral",
  children,
}: {
  tone?: "neutral" | "ok" | "warn" | "bad";
  children: ReactNode;
}) {
  const tones = {
    neutral: "bg-slate-100 dark:bg-slate-800 text-slate-800 dark:text-slate-200",
    ok: "bg-emerald-100 dark:bg-emerald-900/40 text-emerald-900 dark:text-emerald-200",
    warn: "bg-amber-100 dark:bg-amber-900/40 text-amber-950 dark:text-amber-100",
    bad: "bg-red-100 dark:bg-red-900/40 text-red-900 dark:text-red-200",
  };
  return (
    <span className={`inline-flex whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ${tones[tone]}`}>
      {children}
    </span>
  );
}

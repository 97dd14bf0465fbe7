import type { ReactNode } from "react";

type Tone = "info" | "success" | "warning" | "danger";
const tones: Record<Tone, string> = {
  info: "bg-sky-50 dark:bg-sky-950/40 text-sky-900 dark:text-sky-200 ring-sky-200 dark:ring-sky-800",
  success:
    "bg-emerald-50 dark:bg-emerald-950/40 text-emerald-900 dark:text-emerald-200 ring-emerald-200 dark:ring-emerald-800",
  warning: "bg-amber-50 dark:bg-amber-950/40 text-amber-950 dark:text-amber-100 ring-amber-300 dark:ring-amber-700",
  danger: "bg-red-50 dark:bg-red-950/40 text-red-900 dark:text-red-200 ring-red-200 dark:ring-red-800",
};

/** An inline message. `live` announces it to screen readers when it appears. */
export function Notice({
  tone = "info",
  title,
  children,
  actions,
  live = false,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  live?: boolean;
}) {
  return (
    <div
      className={`rounded-md px-4 py-3 text-sm ring-1 ${tones[tone]}`}
      role={live ? "status" : undefined}
      aria-live={live ? "polite" : undefined}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          {title && <p className="font-semibold">{title}</p>}
          {children && <div className={title ? "mt-0.5" : ""}>{children}</div>}
        </div>
        {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
      </div>
    </div>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

/**
 * Filters are a plain GET form: the URL holds them, so a filtered view can be shared, reloaded
 * and used without JavaScript.
 */
export function FilterForm({
  action,
  label,
  submitLabel,
  resetLabel,
  children,
}: {
  action: string;
  label: string;
  submitLabel: string;
  resetLabel: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className="mb-5 flex flex-wrap items-end gap-3 rounded-lg bg-white dark:bg-slate-900 p-4 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
    >
      {children}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>
          {submitLabel}
        </button>
        <Link href={action} className={buttonClass("ghost")}>
          {resetLabel}
        </Link>
      </div>
    </form>
  );
}

const control =
  "block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

export function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="min-w-[12rem] flex-1 space-y-1 sm:flex-none">
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={control}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterInput({
  label,
  name,
  value,
  type = "search",
}: {
  label: string;
  name: string;
  value?: string;
  type?: string;
}) {
  return (
    <div className="min-w-[14rem] flex-1 space-y-1">
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <input id={`filter-${name}`} name={name} type={type} defaultValue={value ?? ""} className={control} />
    </div>
  );
}

/** Previous/next links that keep the current filters. */
export function Pager({
  path,
  params,
  page,
  pageSize,
  total,
  labels,
}: {
  path: string;
  params: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
  labels: { previous: string; next: string; pageOf: (page: number, pages: number, total: number) => string };
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const q = new URLSearchParams(
      Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => !!e[1]),
    );
    return `${path}?${q}`;
  };
  return (
    <nav
      aria-label={labels.pageOf(page, pages, total)}
      className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700 dark:text-slate-300"
    >
      <span>{labels.pageOf(page, pages, total)}</span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={buttonClass("secondary")} href={href(page - 1)} rel="prev">
            {labels.previous}
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={buttonClass("secondary")} href={href(page + 1)} rel="next">
            {labels.next}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

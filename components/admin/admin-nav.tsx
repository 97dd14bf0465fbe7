"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The admin sections as tabs; on a phone they wrap onto a second line, so every tab stays in sight. */
export function AdminNav({ label, items }: { label: string; items: { href: string; label: string }[] }) {
  const path = usePathname();
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200 dark:border-slate-700">
      <ul className="flex flex-wrap gap-x-1">
        {items.map((it) => {
          const active = it.href === "/admin" ? path === "/admin" : path === it.href || path.startsWith(it.href + "/");
          return (
            <li key={it.href}>
              <Link
                href={it.href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-700 dark:border-emerald-400 text-brand-800 dark:text-emerald-300" : "border-transparent text-slate-700 dark:text-slate-300 hover:border-slate-300 dark:hover:border-slate-600 hover:text-slate-900 dark:hover:text-slate-100"}`}
              >
                {it.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

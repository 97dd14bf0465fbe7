"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The admin sections as tabs; scrolls sideways on phones instead of wrapping into a wall. */
export function AdminNav({ label, items }: { label: string; items: { href: string; label: string }[] }) {
  const path = usePathname();
  return (
    <nav aria-label={label} className="-mx-4 mb-6 overflow-x-auto border-b border-slate-200 px-4">
      <ul className="flex min-w-max gap-1">
        {items.map((it) => {
          const active = it.href === "/admin" ? path === "/admin" : path === it.href || path.startsWith(it.href + "/");
          return (
            <li key={it.href}>
              <Link
                href={it.href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"}`}
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

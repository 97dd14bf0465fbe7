"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({
  items,
  vertical = false,
}: {
  items: { href: string; label: string }[];
  vertical?: boolean;
}) {
  const path = usePathname();
  return (
    <ul className={vertical ? "flex flex-col gap-1" : "flex items-center gap-1"}>
      {items.map((it) => {
        const active = path === it.href || path.startsWith(it.href + "/");
        return (
          <li key={it.href}>
            <Link
              href={it.href}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-brand-50 dark:bg-emerald-950/40 text-brand-800 dark:text-emerald-300" : "text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800"}`}
            >
              {it.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

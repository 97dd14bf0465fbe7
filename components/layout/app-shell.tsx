import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/layout/nav-links";
import { SignOutButton } from "@/components/layout/sign-out-button";
import type { Messages } from "@/lib/i18n/messages";

export function AppShell({
  m,
  email,
  isAdmin,
  banner,
  children,
}: {
  m: Messages;
  email: string;
  isAdmin: boolean;
  banner?: ReactNode;
  children: ReactNode;
}) {
  const items = [
    { href: "/dashboard", label: m.common.nav.dashboard },
    { href: "/accounts", label: m.common.nav.accounts },
    { href: "/transactions", label: m.common.nav.transactions },
    { href: "/contracts", label: m.contracts.nav },
    { href: "/rules", label: m.rules.nav },
    { href: "/budgets", label: m.budgets.nav },
    { href: "/banks", label: m.common.nav.banks },
    { href: "/settings", label: m.common.nav.settings },
    ...(isAdmin ? [{ href: "/admin", label: m.common.nav.admin }] : []),
  ];
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white dark:focus:bg-slate-900 focus:px-3 focus:py-2"
      >
        {m.common.nav.skip}
      </a>
      <header className="border-b border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/dashboard" className="text-xl font-bold tracking-tight text-brand-700 dark:text-emerald-300">
            Saldo
          </Link>
          <nav aria-label={m.common.nav.menu} className="hidden md:block">
            <NavLinks items={items} />
          </nav>
          <div className="hidden items-center gap-3 md:flex">
            <span className="max-w-[14rem] truncate text-sm text-slate-600 dark:text-slate-400" title={email}>
              {email}
            </span>
            <SignOutButton label={m.common.nav.signOut} />
          </div>
          <details className="relative md:hidden">
            <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm font-medium ring-1 ring-slate-300 dark:ring-slate-600">
              {m.common.nav.menu}
            </summary>
            <div className="absolute right-0 z-20 mt-2 w-56 rounded-md bg-white dark:bg-slate-900 p-2 shadow-lg ring-1 ring-slate-200 dark:ring-slate-700">
              <nav aria-label={m.common.nav.menu}>
                <NavLinks items={items} vertical />
              </nav>
              <div className="mt-2 border-t border-slate-200 dark:border-slate-700 pt-2">
                <SignOutButton label={m.common.nav.signOut} />
              </div>
            </div>
          </details>
        </div>
      </header>
      {banner}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}

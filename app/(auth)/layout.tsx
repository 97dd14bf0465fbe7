import type { ReactNode } from "react";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const { m } = await getMessages();
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-700 dark:text-emerald-300">Saldo</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{m.common.tagline}</p>
        </div>
        {children}
      </div>
    </main>
  );
}

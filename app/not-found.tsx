import Link from "next/link";
import { getMessages } from "@/lib/i18n/server";

export default async function NotFound() {
  const { m } = await getMessages();
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-700 dark:text-emerald-300">404</p>
      <h1 className="mt-2 text-2xl font-semibold">{m.common.notFound}</h1>
      <Link
        href="/dashboard"
        className="mt-6 inline-block text-sm font-medium text-brand-700 dark:text-emerald-300 underline"
      >
        {m.common.backToDashboard}
      </Link>
    </main>
  );
}

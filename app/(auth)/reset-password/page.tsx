import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Notice } from "@/components/ui/notice";
import { resetTokenUsable } from "@/lib/auth/reset-password";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Reset password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const sp = await searchParams;
  const token = sp.token;
  const { m } = await getMessages();
  const t = m.security;
  const usable = typeof token === "string" && (await resetTokenUsable(token));
  if (usable) return <ResetPasswordForm token={token} />;
  return (
    <div className="space-y-4 rounded-lg bg-white dark:bg-slate-900 p-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
      <h1 className="text-xl font-semibold">{t.resetTitle}</h1>
      <Notice tone="danger">{typeof token === "string" ? t.tokenInvalid : t.resetMissing}</Notice>
      <Link
        href="/forgot-password"
        className="block text-center text-sm font-medium text-brand-700 dark:text-emerald-300 underline"
      >
        {t.forgotLink}
      </Link>
    </div>
  );
}

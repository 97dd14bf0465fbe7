"use client";
import Link from "next/link";
import { useState } from "react";
import { requestPasswordResetAction } from "@/app/(auth)/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useHydrated } from "@/components/use-hydrated";

export function ForgotPasswordForm() {
  const { m, locale } = useI18n();
  const t = m.security;
  const [sent, setSent] = useState(false);
  const hydrated = useHydrated();
  const { run, pending, error } = useAction(requestPasswordResetAction, {
    texts: { fields: { email: m.auth.errors.invalid_email } },
    onSuccess: () => setSent(true),
  });
  const fields = error?.fields ?? {};
  const formError = error && Object.keys(fields).length === 0 ? error.text : undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    run({ email: String(new FormData(e.currentTarget).get("email") ?? ""), locale });
  }

  return (
    <div className="rounded-lg bg-white dark:bg-slate-900 p-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
      <h1 className="mb-3 text-xl font-semibold">{t.forgotTitle}</h1>
      {sent ? (
        <Notice tone="success" live>
          {t.forgotSent}
        </Notice>
      ) : (
        <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
          <p className="text-sm text-slate-700 dark:text-slate-300">{t.forgotIntro}</p>
          <Field label={m.auth.email} name="email" type="email" autoComplete="email" required error={fields.email} />
          {formError && (
            <Notice tone="danger" live>
              {formError}
            </Notice>
          )}
          <Button type="submit" className="w-full" disabled={pending || !hydrated}>
            {pending ? t.forgotSending : t.forgotSubmit}
          </Button>
        </form>
      )}
      <p className="mt-5 text-center text-sm text-slate-600 dark:text-slate-400">
        <Link href="/signin" className="font-medium text-brand-700 dark:text-emerald-300 underline">
          {m.auth.signInInstead}
        </Link>
      </p>
    </div>
  );
}

"use client";
import Link from "next/link";
import { useState } from "react";
import { resetPasswordAction } from "@/app/(auth)/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useHydrated } from "@/components/use-hydrated";

export function ResetPasswordForm({ token }: { token: string }) {
  const { m } = useI18n();
  const t = m.security;
  const [done, setDone] = useState(false);
  const hydrated = useHydrated();
  const { run, pending, error } = useAction(resetPasswordAction, {
    texts: {
      known: { ...m.auth.errors, token_invalid: t.tokenInvalid },
      fields: { password: m.auth.errors.too_short },
    },
    onSuccess: () => setDone(true),
  });
  const fields = error?.fields ?? {};
  const formError = error && Object.keys(fields).length === 0 ? error.text : undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    run({ token, password: String(new FormData(e.currentTarget).get("password") ?? "") });
  }

  return (
    <div className="rounded-lg bg-white dark:bg-slate-900 p-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
      <h1 className="mb-5 text-xl font-semibold">{t.resetTitle}</h1>
      {done ? (
        <Notice tone="success" live>
          {t.resetDone}
        </Notice>
      ) : (
        <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
          <Field
            label={t.resetNew}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint={m.auth.passwordHint}
            error={fields.password}
          />
          {formError && (
            <Notice tone="danger" live>
              {formError}
            </Notice>
          )}
          <Button type="submit" className="w-full" disabled={pending || !hydrated}>
            {pending ? t.resetSaving : t.resetSubmit}
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

"use client";
import Link from "next/link";
import { useState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useHydrated } from "@/components/use-hydrated";

export function SignUpForm() {
  const { m } = useI18n();
  // The answer is the same whether or not the email was known (issue 14, hole 5): "check your inbox".
  const [sentTo, setSentTo] = useState<string | null>(null);
  const hydrated = useHydrated();
  const { run, pending, error } = useAction(signUpAction, {
    texts: {
      known: m.auth.errors,
      fields: {
        email: m.auth.errors.invalid_email,
        password: m.auth.errors.too_short,
        name: m.auth.errors.name_too_long,
      },
    },
    onSuccess: (data) => setSentTo(data.sentTo),
  });
  // A refusal that names fields is shown at those fields; any other below the form.
  const fields = error?.fields ?? {};
  const formError = error && Object.keys(fields).length === 0 ? error.text : undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name") ?? "");
    run({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      name: name || undefined,
    });
  }

  if (sentTo !== null)
    return (
      <div className="rounded-lg bg-white dark:bg-slate-900 p-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
        <h1 className="mb-3 text-xl font-semibold">{m.security.checkInboxTitle}</h1>
        <Notice tone="success" live>
          {m.security.checkInboxBody(sentTo)}
        </Notice>
        <p className="mt-5 text-center text-sm text-slate-600 dark:text-slate-400">
          <Link href="/signin" className="font-medium text-brand-700 dark:text-emerald-300 underline">
            {m.auth.signIn}
          </Link>
        </p>
      </div>
    );

  return (
    <div className="rounded-lg bg-white dark:bg-slate-900 p-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
      <h1 className="mb-5 text-xl font-semibold">{m.auth.signUpTitle}</h1>
      <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
        <Field label={m.auth.name} name="name" autoComplete="name" maxLength={100} error={fields.name} />
        <Field label={m.auth.email} name="email" type="email" autoComplete="email" required error={fields.email} />
        <Field
          label={m.auth.password}
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
          {pending ? m.auth.signingUp : m.auth.signUp}
        </Button>
      </form>
      <p className="mt-5 text-center text-sm text-slate-600 dark:text-slate-400">
        {m.auth.haveAccount}{" "}
        <Link href="/signin" className="font-medium text-brand-700 dark:text-emerald-300 underline">
          {m.auth.signInInstead}
        </Link>
      </p>
    </div>
  );
}

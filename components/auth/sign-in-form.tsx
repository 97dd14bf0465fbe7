"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useI18n } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export function SignInForm({ sessionEnded, next }: { sessionEnded: boolean; next: string }) {
  const { m } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      email: String(form.get("email")),
      password: String(form.get("password")),
      redirect: false,
    });
    if (res?.ok && !res.error) {
      // `next` is checked by the page already; checked again at the sink, against the page's own origin.
      window.location.assign(safeRedirectPath(next, { origin: window.location.origin }) ?? "/dashboard");
      return;
    }
    setPending(false);
    const code = res?.error ?? "wrong_credentials";
    if (code.startsWith("rate_limited:")) setError(m.common.rateLimited(Number(code.split(":")[1])));
    else if (code === "disabled") setError(m.auth.errors.disabled);
    else setError(m.auth.errors.wrong_credentials);
  }

  return (
    <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="mb-5 text-xl font-semibold">{m.auth.signInTitle}</h1>
      {sessionEnded && (
        <div className="mb-4">
          <Notice tone="info">{m.common.sessionEnded}</Notice>
        </div>
      )}
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field label={m.auth.email} name="email" type="email" autoComplete="email" required />
        <Field label={m.auth.password} name="password" type="password" autoComplete="current-password" required />
        <p className="text-right text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 underline">
            {m.security.forgotLink}
          </Link>
        </p>
        {error && (
          <Notice tone="danger" live>
            {error}
          </Notice>
        )}
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? m.auth.signingIn : m.auth.signIn}
        </Button>
      </form>
      <p className="mt-5 text-center text-sm text-slate-600">
        {m.auth.noAccount}{" "}
        <Link href="/signup" className="font-medium text-brand-700 underline">
          {m.auth.createOne}
        </Link>
      </p>
    </div>
  );
}

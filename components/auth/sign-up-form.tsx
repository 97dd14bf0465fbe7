"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { useI18n } from "@/components/providers";
import { commonRefusal } from "@/lib/actions/refusal";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

type Errors = Partial<Record<"email" | "password" | "name" | "form", string>>;

export function SignUpForm() {
  const { m } = useI18n();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const known = m.auth.errors as Record<string, string>;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "");
    setPending(true);
    setErrors({});
    const res = await signUpAction({ email, password, name: name || undefined });
    if (!res.ok) {
      setPending(false);
      if (res.code === "invalid_input" || res.code === "conflict") {
        const f = res.fields ?? {};
        setErrors({
          email: f.email ? (known[f.email] ?? m.auth.errors.invalid_email) : undefined,
          password: f.password ? (known[f.password] ?? m.auth.errors.too_short) : undefined,
          name: f.name ? m.auth.errors.name_too_long : undefined,
        });
      } else setErrors({ form: commonRefusal(res, m.common) ?? m.common.errorGeneric(res.errorId ?? "-") });
      return;
    }
    const signed = await signIn("credentials", { email, password, redirect: false });
    if (signed?.ok && !signed.error) window.location.assign("/dashboard");
    else window.location.assign("/signin");
  }

  return (
    <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="mb-5 text-xl font-semibold">{m.auth.signUpTitle}</h1>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field label={m.auth.name} name="name" autoComplete="name" maxLength={100} error={errors.name} />
        <Field label={m.auth.email} name="email" type="email" autoComplete="email" required error={errors.email} />
        <Field
          label={m.auth.password}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={m.auth.passwordHint}
          error={errors.password}
        />
        {errors.form && (
          <Notice tone="danger" live>
            {errors.form}
          </Notice>
        )}
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? m.auth.signingUp : m.auth.signUp}
        </Button>
      </form>
      <p className="mt-5 text-center text-sm text-slate-600">
        {m.auth.haveAccount}{" "}
        <Link href="/signin" className="font-medium text-brand-700 underline">
          {m.auth.signInInstead}
        </Link>
      </p>
    </div>
  );
}

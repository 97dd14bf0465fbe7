"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRef, useState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function SignUpForm() {
  const { m } = useI18n();
  // What was sent, to sign in with once the account exists; then the button stays busy until the page is left.
  const sent = useRef({ email: "", password: "" });
  const [leaving, setLeaving] = useState(false);
  const { run, pending, error } = useAction(signUpAction, {
    texts: {
      known: m.auth.errors,
      fields: {
        email: m.auth.errors.invalid_email,
        password: m.auth.errors.too_short,
        name: m.auth.errors.name_too_long,
      },
    },
    onSuccess: async () => {
      setLeaving(true);
      const signed = await signIn("credentials", { ...sent.current, redirect: false });
      if (signed?.ok && !signed.error) window.location.assign("/dashboard");
      else window.location.assign("/signin");
    },
  });
  // A refusal that names fields is shown at those fields; any other below the form.
  const fields = error?.fields ?? {};
  const formError = error && Object.keys(fields).length === 0 ? error.text : undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name") ?? "");
    sent.current = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    run({ ...sent.current, name: name || undefined });
  }

  return (
    <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="mb-5 text-xl font-semibold">{m.auth.signUpTitle}</h1>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
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
        <Button type="submit" className="w-full" disabled={pending || leaving}>
          {pending || leaving ? m.auth.signingUp : m.auth.signUp}
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

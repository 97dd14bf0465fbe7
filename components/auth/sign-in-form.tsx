"use client";
import { startAuthentication } from "@simplewebauthn/browser";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { startPasskeySignInAction } from "@/app/(auth)/passkey-actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { twoFactor } from "@/lib/i18n/messages/two-factor";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { useHydrated } from "@/components/use-hydrated";

const SECOND_FACTOR = "second_factor_required:";

export function SignInForm({
  sessionEnded,
  snooze = null,
  next,
}: {
  sessionEnded: boolean;
  /** An email's "remind me tomorrow" link worked, or had expired (or was not valid). */
  snooze?: "done" | "expired" | "failed" | null;
  next: string;
}) {
  const { m } = useI18n();
  const t = usePageTexts(twoFactor);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  /** The second step's token once the password was right and a second factor is asked. */
  const [token, setToken] = useState<string | null>(null);

  function done() {
    // `next` is checked by the page already; checked again at the sink, against the page's own origin.
    window.location.assign(safeRedirectPath(next, { origin: window.location.origin }) ?? "/dashboard");
  }

  function showError(code: string) {
    if (code.startsWith("rate_limited:")) setError(m.common.rateLimited(Number(code.split(":")[1])));
    else if (code === "disabled") setError(m.auth.errors.disabled);
    else if (code === "wrong_code") setError(t.errors.wrong_code);
    else if (code === "challenge_expired") {
      setToken(null);
      setError(t.errors.challenge_expired);
    } else if (code === "passkey_refused") setError(t.errors.passkey_refused);
    else setError(m.auth.errors.wrong_credentials);
  }

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
    if (res?.ok && !res.error) return done();
    setPending(false);
    const code = res?.error ?? "wrong_credentials";
    if (code.startsWith(SECOND_FACTOR)) setToken(code.slice(SECOND_FACTOR.length));
    else showError(code);
  }

  async function onCode(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("second-factor", {
      token,
      code: String(form.get("code") ?? ""),
      remember: form.get("remember") === "on" ? "true" : "false",
      redirect: false,
    });
    if (res?.ok && !res.error) return done();
    setPending(false);
    showError(res?.error ?? "wrong_code");
  }

  /** A passkey alone (no token) or as the second step (with the token). */
  async function withPasskey(remember = false) {
    setPending(true);
    setError(null);
    const started = await startPasskeySignInAction(token ? { token } : {});
    if (!started.ok) {
      setPending(false);
      return showError(
        started.code === "rate_limited" ? `rate_limited:${started.retryAfterSeconds ?? 60}` : started.message,
      );
    }
    let response;
    try {
      response = await startAuthentication({ optionsJSON: started.data.options });
    } catch {
      setPending(false);
      return setError(t.errors.passkey_cancelled);
    }
    const res = token
      ? await signIn("second-factor", {
          token,
          passkeyChallengeId: started.data.challengeId,
          passkeyResponse: JSON.stringify(response),
          remember: remember ? "true" : "false",
          redirect: false,
        })
      : await signIn("passkey", {
          challengeId: started.data.challengeId,
          response: JSON.stringify(response),
          redirect: false,
        });
    if (res?.ok && !res.error) return done();
    setPending(false);
    showError(res?.error ?? "passkey_refused");
  }

  const errorNotice = error && (
    <Notice tone="danger" live>
      {error}
    </Notice>
  );

  if (token)
    return (
      <div className="rounded-lg bg-white dark:bg-slate-900 p-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
        <h1 className="mb-2 text-xl font-semibold">{t.secondStepTitle}</h1>
        <p className="mb-5 text-sm text-slate-700 dark:text-slate-300">{t.secondStepHint}</p>
        <form onSubmit={onCode} method="post" className="space-y-4" noValidate>
          <Field
            label={t.codeOrRecovery}
            name="code"
            id="signin-code"
            autoComplete="one-time-code"
            maxLength={20}
            required
            autoFocus
          />
          <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
            <input type="checkbox" name="remember" className="h-4 w-4 rounded border-slate-300 dark:border-slate-600" />
            {t.remember}
          </label>
          {errorNotice}
          <Button type="submit" className="w-full" disabled={pending || !hydrated}>
            {pending ? t.verifying : t.verify}
          </Button>
        </form>
        <div className="mt-4 space-y-2">
          <Button variant="secondary" className="w-full" disabled={pending || !hydrated} onClick={() => withPasskey()}>
            {t.usePasskey}
          </Button>
          <Button
            variant="ghost"
            className="w-full"
            onClick={() => {
              setToken(null);
              setError(null);
            }}
          >
            {t.back}
          </Button>
        </div>
      </div>
    );

  return (
    <div className="rounded-lg bg-white dark:bg-slate-900 p-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
      <h1 className="mb-5 text-xl font-semibold">{m.auth.signInTitle}</h1>
      {sessionEnded && (
        <div className="mb-4">
          <Notice tone="info">{m.common.sessionEnded}</Notice>
        </div>
      )}
      {snooze && (
        <div className="mb-4" data-testid="snooze-link-outcome">
          <Notice tone={snooze === "done" ? "success" : "warning"}>{m.consent.emailSnooze[snooze]}</Notice>
        </div>
      )}
      <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
        <Field label={m.auth.email} name="email" type="email" autoComplete="email" required />
        <Field label={m.auth.password} name="password" type="password" autoComplete="current-password" required />
        <p className="text-right text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 dark:text-emerald-300 underline">
            {m.security.forgotLink}
          </Link>
        </p>
        {errorNotice}
        <Button type="submit" className="w-full" disabled={pending || !hydrated}>
          {pending ? m.auth.signingIn : m.auth.signIn}
        </Button>
      </form>
      <div className="my-4 flex items-center gap-3 text-xs text-slate-600 dark:text-slate-400" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
        {t.or}
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
      </div>
      <Button variant="secondary" className="w-full" disabled={pending || !hydrated} onClick={() => withPasskey()}>
        {t.signInWithPasskey}
      </Button>
      <p className="mt-5 text-center text-sm text-slate-600 dark:text-slate-400">
        {m.auth.noAccount}{" "}
        <Link href="/signup" className="font-medium text-brand-700 dark:text-emerald-300 underline">
          {m.auth.createOne}
        </Link>
      </p>
    </div>
  );
}

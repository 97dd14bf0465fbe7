"use client";
import { useCallback, useId, useRef, useState, type ReactNode } from "react";
import {
  finishPasskeyReauthAction,
  reauthenticateAction,
  startPasskeyReauthAction,
} from "@/app/(app)/settings/security/actions";
import { ReauthContext, type ReauthPrompt } from "@/components/auth/reauth-context";
import { useI18n } from "@/components/providers";
import { actionErrorMessage } from "@/components/action-error";
import { useSessionEnded } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/**
 * The re-authentication dialog (lib/auth/reauth.ts): a sensitive action refused with
 * `reauth_required` opens it, and after the password (or, for a user with one, a passkey) is
 * confirmed the action is sent again.
 */
export function ReauthProvider({ children, hasPasskey }: { children: ReactNode; hasPasskey: boolean }) {
  const { m } = useI18n();
  const t = m.security;
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const [formKey, setFormKey] = useState(0);

  const finish = useCallback((ok: boolean) => {
    const resolve = resolver.current;
    resolver.current = null;
    if (dialog.current?.open) dialog.current.close();
    resolve?.(ok);
  }, []);

  const prompt = useCallback<ReauthPrompt>(
    () =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false);
        resolver.current = resolve;
        setFormKey((k) => k + 1);
        setError(null);
        dialog.current?.showModal();
      }),
    [],
  );

  // Not useAction: the refused action that opened this dialog is still inside its transition, and
  // React would hold this call's transition pending until that one ends (which waits for this).
  const sessionEnded = useSessionEnded();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get("password") ?? "");
    setPending(true);
    setError(null);
    try {
      const res = await reauthenticateAction({ password });
      if (res.ok) finish(true);
      else if (res.code === "unauthenticated") {
        finish(false);
        sessionEnded();
      } else setError(actionErrorMessage(res, m, { known: { wrong_password: t.wrongPassword } }));
    } finally {
      setPending(false);
    }
  }

  /** "Use a passkey": the viewer's own passkeys only; the server checks the assertion. */
  async function withPasskey() {
    setPending(true);
    setError(null);
    try {
      const started = await startPasskeyReauthAction({});
      if (!started.ok) {
        if (started.code === "unauthenticated") {
          finish(false);
          sessionEnded();
        } else setError(actionErrorMessage(started, m));
        return;
      }
      let response;
      try {
        // Loaded on use: this provider sits on every signed-in page, a passkey prompt is rare.
        const { startAuthentication } = await import("@simplewebauthn/browser");
        response = await startAuthentication({ optionsJSON: started.data.options });
      } catch {
        return setError(t.reauthPasskeyCancelled);
      }
      const res = await finishPasskeyReauthAction({
        challengeId: started.data.challengeId,
        response: JSON.stringify(response),
      });
      if (res.ok) finish(true);
      else if (res.code === "unauthenticated") {
        finish(false);
        sessionEnded();
      } else setError(actionErrorMessage(res, m, { known: { passkey_refused: t.reauthPasskeyRefused } }));
    } finally {
      setPending(false);
    }
  }

  return (
    <ReauthContext.Provider value={prompt}>
      {children}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => finish(false)}
        className="m-auto w-full max-w-sm rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
        data-testid="reauth-dialog"
      >
        <form key={formKey} onSubmit={onSubmit} className="space-y-4 p-6" noValidate>
          <h2 id={titleId} className="text-lg font-semibold">
            {t.reauthTitle}
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">{t.reauthBody}</p>
          <Field
            label={t.reauthPassword}
            name="password"
            id="reauth-password"
            type="password"
            autoComplete="current-password"
            required
            error={error ?? undefined}
          />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => finish(false)}>
              {t.cancel}
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? t.reauthChecking : t.reauthSubmit}
            </Button>
          </div>
          {hasPasskey && (
            <>
              <p className="text-center text-sm text-slate-600 dark:text-slate-400">{t.reauthOr}</p>
              <Button variant="secondary" className="w-full" disabled={pending} onClick={withPasskey}>
                {t.reauthUsePasskey}
              </Button>
            </>
          )}
        </form>
      </dialog>
    </ReauthContext.Provider>
  );
}

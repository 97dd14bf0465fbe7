"use client";
import { useState } from "react";
import {
  confirmTotpSetupAction,
  regenerateRecoveryCodesAction,
  startTotpSetupAction,
  turnOffTotpAction,
} from "@/app/(app)/settings/two-factor/actions";
import { usePageTexts } from "@/components/providers";
import { twoFactor } from "@/lib/i18n/messages/two-factor";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

const formValue = (e: React.FormEvent<HTMLFormElement>, name: string) =>
  String(new FormData(e.currentTarget).get(name) ?? "");

/** Turn the authenticator app on (QR + secret shown once, confirmed with a code) or off; recovery codes. */
export function TotpCard({ totpOn, recoveryCodesLeft }: { totpOn: boolean; recoveryCodesLeft: number }) {
  const t = usePageTexts(twoFactor);
  const known = { wrong_password: t.wrongPassword, wrong_code: t.wrongCode };
  const [setup, setSetup] = useState<{ secret: string; qrDataUrl: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);
  const start = useAction(startTotpSetupAction, { texts: { known }, onSuccess: (d) => setSetup(d) });
  const confirm = useAction(confirmTotpSetupAction, {
    texts: { known },
    onSuccess: (d) => {
      setSetup(null);
      setCodes(d.recoveryCodes);
    },
  });
  const regenerate = useAction(regenerateRecoveryCodesAction, {
    texts: { known },
    onSuccess: (d) => setCodes(d.recoveryCodes),
  });
  const turnOff = useAction(turnOffTotpAction, {
    texts: { known },
    onSuccess: () => {
      setCodes(null);
      setTurnedOff(true);
    },
  });

  return (
    <Card title={t.totpTitle}>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300" data-testid="totp-status">
        {totpOn ? t.totpOn : t.totpOff}
      </p>
      {turnedOff && !totpOn && (
        <div className="mb-4">
          <Notice tone="success" live>
            {t.turnedOff}
          </Notice>
        </div>
      )}
      {codes && (
        <div className="mb-4 space-y-3">
          <Notice tone="warning" live title={t.recoveryTitle}>
            {t.recoveryShownOnce}
          </Notice>
          <ul
            className="grid grid-cols-2 gap-2 rounded-md bg-slate-50 dark:bg-slate-800/50 p-3 font-mono text-sm"
            data-testid="recovery-codes"
            aria-label={t.recoveryTitle}
          >
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}

      {!totpOn && !setup && (
        <form
          className="space-y-3 sm:max-w-sm"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            start.run({ password: formValue(e, "password") });
          }}
        >
          <Field
            label={t.password}
            name="password"
            id="totp-start-password"
            type="password"
            autoComplete="current-password"
            required
            error={start.error?.text}
          />
          <Button type="submit" disabled={start.pending}>
            {start.pending ? t.starting : t.turnOn}
          </Button>
        </form>
      )}

      {!totpOn && setup && (
        <div className="space-y-4">
          <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{t.scanTitle}</h3>
          <img
            src={setup.qrDataUrl}
            alt={t.qrAlt}
            width={200}
            height={200}
            className="rounded bg-white dark:bg-slate-900"
          />
          <div>
            <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{t.secretLabel}</p>
            <code
              className="mt-1 block break-all rounded bg-slate-50 dark:bg-slate-800/50 p-2 font-mono text-sm"
              data-testid="totp-secret"
            >
              {setup.secret}
            </code>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t.secretHint}</p>
          </div>
          <form
            className="space-y-3 sm:max-w-sm"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              confirm.run({ code: formValue(e, "code") });
            }}
          >
            <Field
              label={t.code}
              name="code"
              id="totp-confirm-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              required
              error={confirm.error?.text}
            />
            <Button type="submit" disabled={confirm.pending}>
              {confirm.pending ? t.confirming : t.confirm}
            </Button>
          </form>
        </div>
      )}

      {totpOn && (
        <div className="space-y-6">
          <div>
            <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{t.recoveryTitle}</h3>
            <p className="mb-2 text-sm text-slate-700 dark:text-slate-300" data-testid="recovery-left">
              {t.recoveryLeft(recoveryCodesLeft)}
            </p>
            <form
              className="space-y-3 sm:max-w-sm"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                regenerate.run({ password: formValue(e, "password") });
              }}
            >
              <Field
                label={t.password}
                name="password"
                id="recovery-password"
                type="password"
                autoComplete="current-password"
                hint={t.regenerateHint}
                required
                error={regenerate.error?.text}
              />
              <Button type="submit" variant="secondary" disabled={regenerate.pending}>
                {regenerate.pending ? t.regenerating : t.regenerate}
              </Button>
            </form>
          </div>
          <form
            className="space-y-3 sm:max-w-sm"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              turnOff.run({ password: formValue(e, "password"), code: formValue(e, "code") });
            }}
          >
            <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{t.turnOff}</h3>
            <Field
              label={t.password}
              name="password"
              id="totp-off-password"
              type="password"
              autoComplete="current-password"
              required
              error={turnOff.error?.fields.password}
            />
            <Field
              label={t.codeOrRecovery}
              name="code"
              id="totp-off-code"
              autoComplete="one-time-code"
              required
              error={turnOff.error?.fields.code}
            />
            {turnOff.error && Object.keys(turnOff.error.fields).length === 0 && (
              <Notice tone="danger" live>
                {turnOff.error.text}
              </Notice>
            )}
            <Button type="submit" variant="danger" disabled={turnOff.pending}>
              {turnOff.pending ? t.turningOff : t.turnOff}
            </Button>
          </form>
        </div>
      )}
    </Card>
  );
}

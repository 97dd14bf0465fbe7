"use client";
import { startRegistration } from "@simplewebauthn/browser";
import { useRef, useState } from "react";
import {
  finishPasskeyRegistrationAction,
  removePasskeyAction,
  renamePasskeyAction,
  startPasskeyRegistrationAction,
} from "@/app/(app)/settings/two-factor/actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { twoFactor } from "@/lib/i18n/messages/two-factor";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/i18n/format";

export interface PasskeyRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const formValue = (e: React.FormEvent<HTMLFormElement>, name: string) =>
  String(new FormData(e.currentTarget).get(name) ?? "");

/** Register passkeys (name + password, then the device's prompt), rename and remove them. */
export function PasskeysCard({ passkeys }: { passkeys: PasskeyRow[] }) {
  const { locale } = useI18n();
  const t = usePageTexts(twoFactor);
  const known = {
    wrong_password: t.wrongPassword,
    passkey_not_verified: t.passkeyFailed,
    passkey_challenge_expired: t.passkeyFailed,
    passkey_already_registered: t.passkeyFailed,
  };
  const name = useRef(t.passkeyNameDefault);
  const [ceremonyError, setCeremonyError] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  const finish = useAction(finishPasskeyRegistrationAction, { texts: { known }, onSuccess: () => setAdded(true) });
  const start = useAction(startPasskeyRegistrationAction, {
    texts: { known },
    onSuccess: async ({ challengeId, options }) => {
      let response;
      try {
        response = await startRegistration({ optionsJSON: options });
      } catch {
        setCeremonyError(t.passkeyCancelled);
        return;
      }
      finish.run({ challengeId, response: JSON.stringify(response), name: name.current });
    },
  });
  const error = ceremonyError ?? finish.error?.text;

  return (
    <Card title={t.passkeysTitle}>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{t.passkeysHint}</p>
      {passkeys.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{t.noPasskeys}</p>
      ) : (
        <ul className="mb-6 divide-y divide-slate-100 dark:divide-slate-800" data-testid="passkey-list">
          {passkeys.map((p) => (
            <PasskeyItem key={p.id} passkey={p} locale={locale} />
          ))}
        </ul>
      )}
      <form
        className="space-y-3 sm:max-w-sm"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setCeremonyError(null);
          setAdded(false);
          name.current = formValue(e, "name").trim() || t.passkeyNameDefault;
          start.run({ password: formValue(e, "password") });
        }}
      >
        <Field label={t.passkeyName} name="name" id="passkey-name" defaultValue={t.passkeyNameDefault} maxLength={60} />
        <Field
          label={t.password}
          name="password"
          id="passkey-password"
          type="password"
          autoComplete="current-password"
          required
          error={start.error?.text}
        />
        {error && (
          <Notice tone="danger" live>
            {error}
          </Notice>
        )}
        {added && !error && (
          <Notice tone="success" live>
            {t.passkeyAdded}
          </Notice>
        )}
        <Button type="submit" disabled={start.pending || finish.pending}>
          {start.pending || finish.pending ? t.adding : t.addPasskey}
        </Button>
      </form>
    </Card>
  );
}

function PasskeyItem({ passkey, locale }: { passkey: PasskeyRow; locale: "de" | "en" }) {
  const t = usePageTexts(twoFactor);
  const [mode, setMode] = useState<"view" | "rename" | "remove">("view");
  const rename = useAction(renamePasskeyAction, { onSuccess: () => setMode("view") });
  const remove = useAction(removePasskeyAction, { texts: { known: { wrong_password: t.wrongPassword } } });
  return (
    <li className="py-3" data-testid="passkey-row">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <p className="font-medium text-slate-900 dark:text-slate-100">{passkey.name}</p>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {t.passkeyCreated} {formatDateTime(passkey.createdAt, locale)} · {t.passkeyLastUsed}{" "}
            {passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt, locale) : t.never}
          </p>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setMode(mode === "rename" ? "view" : "rename")}>
            {t.rename}
          </Button>
          <Button
            variant="secondary"
            aria-label={t.removeLabel(passkey.name)}
            onClick={() => setMode(mode === "remove" ? "view" : "remove")}
          >
            {t.remove}
          </Button>
        </div>
      </div>
      {mode === "rename" && (
        <form
          className="mt-3 flex flex-wrap items-end gap-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            rename.run({ passkeyId: passkey.id, name: formValue(e, "name") });
          }}
        >
          <Field
            label={t.renameLabel(passkey.name)}
            name="name"
            id={`rename-${passkey.id}`}
            defaultValue={passkey.name}
            maxLength={60}
            required
            error={rename.error?.text}
          />
          <Button type="submit" disabled={rename.pending}>
            {t.save}
          </Button>
        </form>
      )}
      {mode === "remove" && (
        <form
          className="mt-3 flex flex-wrap items-end gap-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            remove.run({ passkeyId: passkey.id, password: formValue(e, "password") });
          }}
        >
          <Field
            label={t.removePasswordLabel(passkey.name)}
            name="password"
            id={`remove-${passkey.id}`}
            type="password"
            autoComplete="current-password"
            required
            error={remove.error?.text}
          />
          <Button type="submit" variant="danger" disabled={remove.pending}>
            {t.remove}
          </Button>
        </form>
      )}
    </li>
  );
}

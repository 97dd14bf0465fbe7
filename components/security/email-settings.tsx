"use client";
import { useRef, useState } from "react";
import { requestEmailChangeAction } from "@/app/(app)/settings/security/actions";
import { ResendVerification } from "@/components/security/resend-verification";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function EmailSettings({ email, verified }: { email: string; verified: boolean }) {
  const { m } = useI18n();
  const t = m.security;
  const form = useRef<HTMLFormElement>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { run, pending, error } = useAction(requestEmailChangeAction, {
    texts: { known: { same_email: t.sameEmail }, fields: { newEmail: m.auth.errors.invalid_email } },
    onSuccess: (data) => {
      setSentTo(data.sentTo);
      form.current?.reset();
    },
  });
  const fields = error?.fields ?? {};
  const formError = error && Object.keys(fields).length === 0 ? error.text : undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSentTo(null);
    run({ newEmail: String(new FormData(e.currentTarget).get("newEmail") ?? "") });
  }

  return (
    <Card title={t.emailTitle}>
      <p className="mb-3 text-sm text-slate-800 dark:text-slate-200" data-testid="account-email">
        {t.emailCurrent(email, verified)}
      </p>
      {!verified && (
        <div className="mb-4">
          <ResendVerification />
        </div>
      )}
      <form ref={form} onSubmit={onSubmit} className="space-y-3 sm:max-w-sm" noValidate>
        <Field label={t.newEmail} name="newEmail" type="email" autoComplete="email" required error={fields.newEmail} />
        {formError && (
          <Notice tone="danger" live>
            {formError}
          </Notice>
        )}
        {sentTo && (
          <Notice tone="success" live>
            {t.emailChangeSent(sentTo)}
          </Notice>
        )}
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? t.changingEmail : t.changeEmail}
        </Button>
      </form>
    </Card>
  );
}

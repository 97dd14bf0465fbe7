"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { changePasswordAction } from "@/app/(app)/settings/security/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function ChangePasswordForm() {
  const { m } = useI18n();
  const t = m.security;
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState(false);
  const { run, pending, error } = useAction(changePasswordAction, {
    texts: { known: { ...m.auth.errors, wrong_password: t.wrongPassword } },
    onSuccess: () => {
      form.current?.reset();
      setDone(true);
      router.refresh();
    },
  });
  const fields = error?.fields ?? {};
  const formError = error && Object.keys(fields).length === 0 ? error.text : undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(false);
    const data = new FormData(e.currentTarget);
    run({
      currentPassword: String(data.get("currentPassword") ?? ""),
      newPassword: String(data.get("newPassword") ?? ""),
    });
  }

  return (
    <Card title={t.passwordTitle}>
      <form ref={form} onSubmit={onSubmit} className="space-y-3 sm:max-w-sm" noValidate>
        <Field
          label={t.currentPassword}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={fields.currentPassword}
        />
        <Field
          label={t.newPassword}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint={m.auth.passwordHint}
          error={fields.newPassword}
        />
        {formError && (
          <Notice tone="danger" live>
            {formError}
          </Notice>
        )}
        {done && (
          <Notice tone="success" live>
            {t.passwordChanged}
          </Notice>
        )}
        <Button type="submit" disabled={pending}>
          {pending ? t.changingPassword : t.changePassword}
        </Button>
      </form>
    </Card>
  );
}

"use client";
import { signOut } from "next-auth/react";
import { deleteAccountAction } from "@/app/(app)/settings/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

export function DeleteAccount() {
  const { m } = useI18n();
  const { run, pending, error } = useAction(deleteAccountAction, {
    texts: { known: { invalid_input: m.settings.deleteWrongPassword, unavailable: m.settings.deleteUnavailable } },
    onSuccess: () => signOut({ callbackUrl: "/signup" }),
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    run({ password: String(new FormData(e.currentTarget).get("password") ?? "") });
  }

  return (
    <Card title={m.settings.deleteAccount}>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{m.settings.deleteAccountHint}</p>
      <form onSubmit={onSubmit} className="space-y-3 sm:max-w-sm" noValidate>
        <Field
          label={m.settings.deletePassword}
          name="password"
          id="delete-password"
          type="password"
          autoComplete="current-password"
          required
          error={error?.text}
        />
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? m.settings.deleting : m.settings.deleteAccount}
        </Button>
      </form>
    </Card>
  );
}

"use client";
import { signOut } from "next-auth/react";
import { deleteAccountAction } from "@/app/(app)/settings/actions";
import { usePageTexts } from "@/components/providers";
import { settings } from "@/lib/i18n/messages/settings";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

export function DeleteAccount() {
  const settingsTexts = usePageTexts(settings);
  const { run, pending, error } = useAction(deleteAccountAction, {
    texts: {
      known: { invalid_input: settingsTexts.deleteWrongPassword, unavailable: settingsTexts.deleteUnavailable },
    },
    onSuccess: () => signOut({ callbackUrl: "/signup" }),
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    run({ password: String(new FormData(e.currentTarget).get("password") ?? "") });
  }

  return (
    <Card title={settingsTexts.deleteAccount}>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{settingsTexts.deleteAccountHint}</p>
      <form onSubmit={onSubmit} className="space-y-3 sm:max-w-sm" noValidate>
        <Field
          label={settingsTexts.deletePassword}
          name="password"
          id="delete-password"
          type="password"
          autoComplete="current-password"
          required
          error={error?.text}
        />
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? settingsTexts.deleting : settingsTexts.deleteAccount}
        </Button>
      </form>
    </Card>
  );
}

"use client";
import { signOut } from "next-auth/react";
import { useState, useTransition } from "react";
import { deleteAccountAction } from "@/app/(app)/settings/actions";
import { useI18n } from "@/components/providers";
import { commonRefusal } from "@/lib/actions/refusal";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

export function DeleteAccount() {
  const { m } = useI18n();
  const [error, setError] = useState<string | undefined>();
  const [pending, start] = useTransition();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get("password") ?? "");
    start(async () => {
      const res = await deleteAccountAction({ password });
      if (res.ok) return void (await signOut({ callbackUrl: "/signup" }));
      setError(
        res.code === "invalid_input"
          ? m.settings.deleteWrongPassword
          : res.code === "unavailable"
            ? m.settings.deleteUnavailable
            : (commonRefusal(res, m.common) ?? m.common.errorGeneric(res.errorId ?? "-")),
      );
    });
  }

  return (
    <Card title={m.settings.deleteAccount}>
      <p className="mb-4 text-sm text-slate-700">{m.settings.deleteAccountHint}</p>
      <form onSubmit={onSubmit} className="space-y-3 sm:max-w-sm" noValidate>
        <Field
          label={m.settings.deletePassword}
          name="password"
          id="delete-password"
          type="password"
          autoComplete="current-password"
          required
          error={error}
        />
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? m.settings.deleting : m.settings.deleteAccount}
        </Button>
      </form>
    </Card>
  );
}

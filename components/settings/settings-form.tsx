"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { signOutEverywhereAction, updateSettingsAction } from "@/app/(app)/settings/actions";
import { useI18n } from "@/components/providers";
import { commonRefusal } from "@/lib/actions/refusal";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";

export function SettingsForm({ locale, emailReminders }: { locale: "de" | "en" | "auto"; emailReminders: boolean }) {
  const { m } = useI18n();
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const save = (input: Parameters<typeof updateSettingsAction>[0]) =>
    start(async () => {
      const res = await updateSettingsAction(input);
      if (!res.ok && res.code === "unauthenticated") return router.push("/signin?reason=session");
      setStatus(res.ok ? m.common.saved : (commonRefusal(res, m.common) ?? m.common.errorGeneric(res.errorId ?? "-")));
      router.refresh();
    });

  return (
    <div className="grid gap-6 md:max-w-2xl">
      <Card title={m.settings.language}>
        <fieldset>
          <legend className="mb-2 text-sm text-slate-600">{m.settings.languageHint}</legend>
          <div className="flex flex-wrap gap-4">
            {(["auto", "de", "en"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="locale"
                  value={value}
                  defaultChecked={locale === value}
                  disabled={pending}
                  onChange={() => save({ locale: value })}
                />
                {value === "auto" ? m.settings.languageAuto : value === "de" ? m.settings.german : m.settings.english}
              </label>
            ))}
          </div>
        </fieldset>
      </Card>
      <Card title={m.settings.emailReminders}>
        <label className="flex items-start gap-3 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            defaultChecked={emailReminders}
            disabled={pending}
            onChange={(e) => save({ emailReminders: e.target.checked })}
          />
          <span>{m.settings.emailRemindersHint}</span>
        </label>
      </Card>
      <Card title={m.settings.security}>
        <p className="mb-3 text-sm text-slate-600">{m.settings.signOutEverywhereHint}</p>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            start(async () => {
              await signOutEverywhereAction({});
              await signOut({ callbackUrl: "/signin" });
            })
          }
        >
          {m.settings.signOutEverywhere}
        </Button>
      </Card>
      {status && (
        <Notice tone="success" live>
          {status}
        </Notice>
      )}
    </div>
  );
}

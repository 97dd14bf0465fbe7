"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setThemeAction, signOutEverywhereAction, updateSettingsAction } from "@/app/(app)/settings/actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { settings } from "@/lib/i18n/messages/settings";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";

export function SettingsForm({
  locale,
  theme,
  emailReminders,
  contractAlertEmails,
}: {
  locale: "de" | "en" | "auto";
  theme: Theme;
  emailReminders: boolean;
  contractAlertEmails: boolean;
}) {
  const { m } = useI18n();
  const settingsTexts = usePageTexts(settings);
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  // One status line for both outcomes; the page is refreshed either way.
  const update = useAction(updateSettingsAction, {
    onSuccess: () => {
      setStatus(m.common.saved);
      router.refresh();
    },
    onError: ({ text }) => {
      setStatus(text);
      router.refresh();
      return true;
    },
  });
  const save = update.run;
  const saveTheme = useAction(setThemeAction, {
    onSuccess: () => {
      setStatus(m.common.saved);
      router.refresh();
    },
    onError: ({ text }) => {
      setStatus(text);
      router.refresh();
      return true;
    },
  });
  // This browser signs out whether or not the server could end the other sessions (as before).
  const endSessions = useAction(signOutEverywhereAction, {
    onSuccess: () => signOut({ callbackUrl: "/signin" }),
    onError: async () => {
      await signOut({ callbackUrl: "/signin" });
      return true;
    },
  });
  const pending = update.pending || saveTheme.pending || endSessions.pending;

  return (
    <div className="grid gap-6 md:max-w-2xl">
      <Card title={settingsTexts.language}>
        <fieldset>
          <legend className="mb-2 text-sm text-slate-600 dark:text-slate-400">{settingsTexts.languageHint}</legend>
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
                {value === "auto"
                  ? settingsTexts.languageAuto
                  : value === "de"
                    ? settingsTexts.german
                    : settingsTexts.english}
              </label>
            ))}
          </div>
        </fieldset>
      </Card>
      <Card title={settingsTexts.appearance}>
        <fieldset>
          <legend className="mb-2 text-sm text-slate-600 dark:text-slate-400">{settingsTexts.appearanceHint}</legend>
          <div className="flex flex-wrap gap-4">
            {THEME_CHOICES.map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="theme"
                  value={value}
                  defaultChecked={theme === value}
                  disabled={pending}
                  onChange={() => {
                    showTheme(value);
                    saveTheme.run({ theme: value });
                  }}
                />
                {value === "system"
                  ? settingsTexts.themeSystem
                  : value === "light"
                    ? settingsTexts.themeLight
                    : settingsTexts.themeDark}
              </label>
            ))}
          </div>
        </fieldset>
      </Card>
      <EmailSwitch
        title={settingsTexts.emailReminders}
        hint={settingsTexts.emailRemindersHint}
        checked={emailReminders}
        disabled={pending}
        onChange={(on) => save({ emailReminders: on })}
      />
      <EmailSwitch
        title={settingsTexts.contractAlertEmails}
        hint={settingsTexts.contractAlertEmailsHint}
        checked={contractAlertEmails}
        disabled={pending}
        onChange={(on) => save({ contractAlertEmails: on })}
      />
      <Card title={settingsTexts.security}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{settingsTexts.signOutEverywhereHint}</p>
        <Button variant="secondary" disabled={pending} onClick={() => endSessions.run({})}>
          {settingsTexts.signOutEverywhere}
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

type Theme = "system" | "light" | "dark";
const THEME_CHOICES: readonly Theme[] = ["system", "light", "dark"];

/**
 * Switches the page at once, before the server has saved the choice; the root layout sets the
 * same class on <html> from the saved choice on every later page (see app/layout.tsx).
 */
function showTheme(theme: Theme) {
  const html = document.documentElement;
  html.classList.remove("theme-system", "light", "dark");
  html.classList.add(theme === "system" ? "theme-system" : theme);
  html.dataset.theme = theme;
}

/** One kind of email the user can turn on or off: a card with a titled checkbox. */
function EmailSwitch(props: {
  title: string;
  hint: string;
  checked: boolean;
  disabled: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <Card title={props.title}>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          defaultChecked={props.checked}
          disabled={props.disabled}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <span>{props.hint}</span>
      </label>
    </Card>
  );
}

"use client";
import type { FormEvent } from "react";
import { useRouter } from "next/navigation";
import { snoozeConsentReminderAction } from "@/app/(app)/banks/consent-actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";

/**
 * "Remind me tomorrow": hides this bank's banner for a day (never past its expiry day).
 * A form whose action is the server action, so a click works before the page's JavaScript has run
 * (React replays it, or the browser posts it) and without JavaScript; once hydrated, the submit
 * goes through useAction (pending state, worded errors).
 */
/** The same server action as the form's action (React drops a form action's result; its type wants void). */
const snoozeFormAction = snoozeConsentReminderAction as unknown as (form: FormData) => Promise<void>;

export function SnoozeButton({ connectionId, bankName }: { connectionId: string; bankName: string }) {
  const { m } = useI18n();
  const router = useRouter();
  const { run, pending, error } = useAction(snoozeConsentReminderAction, {
    texts: { known: m.consent.errors, fallback: m.consent.errors.generic },
    onSuccess: () => router.refresh(),
  });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    run({ connectionId });
  };
  return (
    <form action={snoozeFormAction} onSubmit={onSubmit} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name="connectionId" value={connectionId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={m.consent.banner.snoozeFor(bankName)}
        className={buttonClass("ghost", "whitespace-nowrap px-3")}
      >
        {m.consent.banner.snooze}
      </button>
      {error && (
        <span role="alert" className="text-xs font-medium text-red-800 dark:text-red-300">
          {error.text}
        </span>
      )}
    </form>
  );
}

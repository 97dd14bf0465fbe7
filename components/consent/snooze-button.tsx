"use client";
import { useRouter } from "next/navigation";
import { snoozeConsentReminderAction } from "@/app/(app)/banks/consent-actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";

/** "Remind me tomorrow": hides this bank's banner for a day (never past its expiry day). */
export function SnoozeButton({ connectionId, bankName }: { connectionId: string; bankName: string }) {
  const { m } = useI18n();
  const router = useRouter();
  const { run, pending, error } = useAction(snoozeConsentReminderAction, {
    texts: { known: m.consent.errors, fallback: m.consent.errors.generic },
    onSuccess: () => router.refresh(),
  });
  const onClick = () => run({ connectionId });
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={onClick}
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
    </span>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { snoozeConsentReminderAction } from "@/app/(app)/banks/consent-actions";
import { useI18n } from "@/components/providers";
import { commonRefusal } from "@/lib/actions/refusal";
import { buttonClass } from "@/components/ui/button";

/** "Remind me tomorrow": hides this bank's banner for a day (never past its expiry day). */
export function SnoozeButton({ connectionId, bankName }: { connectionId: string; bankName: string }) {
  const { m } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const onClick = () =>
    start(async () => {
      setError(null);
      const res = await snoozeConsentReminderAction({ connectionId });
      if (res.ok) return router.refresh();
      if (res.code === "unauthenticated") return router.push("/signin?reason=session");
      const known = m.consent.errors as Record<string, string>;
      setError(known[res.message] ?? known[res.code] ?? commonRefusal(res, m.common) ?? m.consent.errors.generic);
    });
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
        <span role="alert" className="text-xs font-medium text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}

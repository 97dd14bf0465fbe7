"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { renewConsentAction } from "@/app/(app)/banks/consent-actions";
import { useI18n } from "@/components/providers";
import { commonRefusal } from "@/lib/actions/refusal";
import { buttonClass } from "@/components/ui/button";

/**
 * "Renew now": asks the server for a RENEW wizard session (XS2A reset) and opens the embedded
 * wizard, which comes back to `returnTo` when the bank login is done.
 */
export function RenewButton({
  connectionId,
  label,
  ariaLabel,
  returnTo,
  variant = "primary",
  className = "",
}: {
  connectionId: string;
  label: string;
  ariaLabel?: string;
  returnTo: string;
  variant?: "primary" | "secondary";
  className?: string;
}) {
  const { m } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const onClick = () =>
    start(async () => {
      setError(null);
      const res = await renewConsentAction({ connectionId });
      if (res.ok) {
        router.push(`/banks/wizard/${res.data.wizardId}?returnTo=${encodeURIComponent(returnTo)}`);
        return;
      }
      if (res.code === "unauthenticated") return router.push("/signin?reason=session");
      const known = m.consent.errors as Record<string, string>;
      setError(known[res.code] ?? known[res.message] ?? commonRefusal(res, m.common) ?? m.consent.errors.generic);
    });
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={onClick}
        disabled={pending}
        aria-label={ariaLabel}
        className={buttonClass(variant, `whitespace-nowrap ${className}`)}
      >
        {pending ? m.consent.banner.opening : label}
      </button>
      {error && (
        <span role="alert" className="max-w-xs text-xs font-medium text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { renewConsentAction } from "@/app/(app)/banks/consent-actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
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
  const { run, pending, error } = useAction(renewConsentAction, {
    texts: { known: m.consent.errors, fallback: m.consent.errors.generic },
    onSuccess: (data) => router.push(`/banks/wizard/${data.wizardId}?returnTo=${encodeURIComponent(returnTo)}`),
  });
  const onClick = () => run({ connectionId });
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
        <span role="alert" className="max-w-xs text-xs font-medium text-red-800 dark:text-red-300">
          {error.text}
        </span>
      )}
    </span>
  );
}

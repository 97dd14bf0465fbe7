"use client";
import { useState } from "react";
import { resendVerificationAction } from "@/app/(app)/settings/security/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** "Send the email again" for an unconfirmed address. */
export function ResendVerification() {
  const { m } = useI18n();
  const t = m.security;
  const [sent, setSent] = useState(false);
  const { run, pending, error } = useAction(resendVerificationAction, { onSuccess: () => setSent(true) });
  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={pending} onClick={() => run({})}>
        {pending ? t.resending : t.resend}
      </Button>
      {sent && (
        <Notice tone="success" live>
          {t.resent}
        </Notice>
      )}
      {error && (
        <Notice tone="danger" live>
          {error.text}
        </Notice>
      )}
    </div>
  );
}

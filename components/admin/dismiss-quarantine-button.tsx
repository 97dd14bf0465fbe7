"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { dismissQuarantinedTurnoverAction } from "@/app/admin/sync-runs/actions";
import { usePageTexts } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { admin } from "@/lib/i18n/messages/admin";
import { Button } from "@/components/ui/button";

/** Closes a quarantined turnover that will never import (the row and its raw item are kept). */
export function DismissQuarantineButton({ quarantineId, label }: { quarantineId: string; label: string }) {
  const a = usePageTexts(admin);
  const t = a.runs.quarantine;
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const dismiss = useAction(dismissQuarantinedTurnoverAction, {
    texts: {
      known: { quarantine_not_open: t.notOpen, conflict: t.notOpen },
      fallback: (res) => a.errors.generic(res.errorId ?? "-"),
    },
    onSuccess: () => {
      setMessage({ tone: "ok", text: t.dismissed });
      router.refresh();
    },
    onError: ({ text }) => {
      setMessage({ tone: "error", text });
      return true;
    },
  });
  const { pending } = dismiss;
  return (
    <div className="space-y-1">
      <Button
        variant="secondary"
        className="whitespace-nowrap px-3 py-1.5"
        disabled={pending}
        onClick={() => dismiss.run({ quarantineId })}
        aria-label={label}
      >
        {pending ? t.dismissing : t.dismiss}
      </Button>
      <p
        role="status"
        aria-live="polite"
        className={`text-xs font-medium ${message?.tone === "ok" ? "text-emerald-800 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}
      >
        {message?.text}
      </p>
    </div>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { rerunImportAction } from "@/app/admin/sync-runs/actions";
import { usePageTexts } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { admin } from "@/lib/i18n/messages/admin";
import { Button } from "@/components/ui/button";

/** Re-imports what XS2A holds for a connection (never an XS2A sync) and says how it went. */
export function RerunImportButton({ connectionId, label }: { connectionId: string; label: string }) {
  const a = usePageTexts(admin);
  const t = a.runs;
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const rerun = useAction(rerunImportAction, {
    texts: {
      known: { sync_running: t.running, conflict: t.notImportable, not_found: t.notImportable },
      fallback: (res) => a.errors.generic(res.errorId ?? "-"),
    },
    onSuccess: (data) => {
      const handedOver = data.status === "QUEUED" || data.status === "RUNNING";
      setMessage(
        handedOver
          ? { tone: "ok", text: t.rerunQueued }
          : {
              tone: data.status === "SUCCEEDED" ? "ok" : "error",
              text: t.rerunDone(t.statuses[data.status] ?? data.status),
            },
      );
      router.refresh();
    },
    onError: ({ text }) => {
      setMessage({ tone: "error", text });
      return true;
    },
  });
  const { pending } = rerun;
  const run = () => rerun.run({ connectionId });

  return (
    <div className="space-y-1">
      <Button
        variant="secondary"
        className="whitespace-nowrap px-3 py-1.5"
        disabled={pending}
        onClick={run}
        aria-label={label}
      >
        {pending ? t.rerunning : t.rerun}
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

"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { rerunImportAction } from "@/app/admin/sync-runs/actions";
import { useI18n } from "@/components/providers";
import { admin } from "@/lib/i18n/messages/admin";
import { commonRefusal } from "@/lib/actions/refusal";
import { Button } from "@/components/ui/button";

/** Re-imports what XS2A holds for a connection (never an XS2A sync) and says how it went. */
export function RerunImportButton({ connectionId, label }: { connectionId: string; label: string }) {
  const { m, locale } = useI18n();
  const a = admin[locale];
  const t = a.runs;
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, start] = useTransition();

  const run = () =>
    start(async () => {
      setMessage(null);
      const res = await rerunImportAction({ connectionId });
      if (res.ok) {
        const handedOver = res.data.status === "QUEUED" || res.data.status === "RUNNING";
        setMessage(
          handedOver
            ? { tone: "ok", text: t.rerunQueued }
            : {
                tone: res.data.status === "SUCCEEDED" ? "ok" : "error",
                text: t.rerunDone(t.statuses[res.data.status] ?? res.data.status),
              },
        );
        router.refresh();
      } else if (res.code === "unauthenticated") router.push("/signin?reason=session");
      else if (res.message === "sync_running") setMessage({ tone: "error", text: t.running });
      else if (res.code === "conflict" || res.code === "not_found")
        setMessage({ tone: "error", text: t.notImportable });
      else setMessage({ tone: "error", text: commonRefusal(res, m.common) ?? a.errors.generic(res.errorId ?? "-") });
    });

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
        className={`text-xs font-medium ${message?.tone === "ok" ? "text-emerald-800" : "text-red-700"}`}
      >
        {message?.text}
      </p>
    </div>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { requestDataExportAction } from "@/app/(app)/settings/actions";
import { usePageTexts } from "@/components/providers";
import { dataExport } from "@/lib/i18n/messages/data-export";
import { useAction } from "@/components/use-action";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export type DataExportState = "none" | "PENDING" | "READY" | "DOWNLOADED" | "FAILED";

/** Settings → "Download all my data": ask, wait (the page looks again every few seconds), download once. */
export function DataExport({ state }: { state: DataExportState }) {
  const t = usePageTexts(dataExport);
  const router = useRouter();
  const { run, pending, error } = useAction(requestDataExportAction, { onSuccess: () => router.refresh() });

  useEffect(() => {
    if (state !== "PENDING") return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [state, router]);

  return (
    <Card title={t.title}>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{t.hint}</p>
      <div role="status" aria-live="polite" className="mb-4 text-sm text-slate-800 dark:text-slate-200">
        {state === "PENDING" && t.pending}
        {state === "READY" && t.ready}
        {state === "DOWNLOADED" && t.downloaded}
        {state === "FAILED" && t.failed}
        {error && <span className="text-red-700 dark:text-red-300"> {error.text}</span>}
      </div>
      <div className="flex flex-wrap gap-3">
        {state === "READY" && (
          // A plain link: the browser downloads the file; it is gone from Saldo afterwards.
          <a
            href="/api/data-export"
            download
            className={buttonClass("primary")}
            onClick={() => setTimeout(() => router.refresh(), 1500)}
          >
            {t.download}
          </a>
        )}
        {state === "PENDING" ? (
          <Button variant="secondary" onClick={() => router.refresh()}>
            {t.refresh}
          </Button>
        ) : (
          <Button variant={state === "READY" ? "secondary" : "primary"} disabled={pending} onClick={() => run({})}>
            {pending ? t.requesting : t.request}
          </Button>
        )}
      </div>
    </Card>
  );
}

"use client";
import { useEffect } from "react";
import { useI18n } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** The error state of the combined-view pages: what happened, a retry, and the error id. */
export function PageError({
  error,
  reset,
  which,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  which: "dashboard" | "accounts" | "transactions";
}) {
  const { m } = useI18n();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100">
        {m[which].errorTitle}
      </h1>
      <Notice
        tone="danger"
        live
        actions={
          <Button variant="secondary" onClick={reset}>
            {m.common.retry}
          </Button>
        }
      >
        {m.common.errorGeneric(error.digest ?? "—")}
      </Notice>
    </div>
  );
}

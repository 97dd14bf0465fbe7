"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { abortWizardAction, completeWizardAction } from "@/app/(app)/banks/actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { banks } from "@/lib/i18n/messages/banks";
import { useAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { SyncRunDto } from "@/lib/data/sync";
import { queryKeys } from "@/lib/query-keys";

/** The page-facing surface of XS2A's xs2a.js (xs2a-api.md §5.2); `error` is optional. */
interface Xs2aWidget {
  useBaseStyles(): void;
  lang(l: string): void;
  finish(cb: (credentials?: string) => void): void;
  abort(cb: () => void): void;
  error?(cb: (e: { errorCode?: string; message?: string; recoverable?: boolean }) => void): void;
  init(): void;
}
/** How long the page follows the first import before handing over to the bank card. */
const IMPORT_WAIT_MS = 45_000;

declare global {
  interface Window {
    xs2a?: Xs2aWidget;
  }
}

type Phase =
  | { kind: "loading" }
  | { kind: "ready" }
  | { kind: "finishing" }
  /** XS2A confirmed the login; the queued import of its accounts runs (followed like "Sync now"). */
  | { kind: "importing"; connectionId: string; runId: string; then: string; since: number }
  | { kind: "aborted" }
  | { kind: "failed"; message: string }
  | { kind: "loadFailed" };

/** `returnTo` (a same-site /banks path): where to go after finishing, e.g. back into the "Renew all" walk. */
export function WizardEmbed({
  wizardId,
  sessionKey,
  purpose,
  wizardUrl,
  returnTo,
}: {
  wizardId: string;
  sessionKey: string;
  purpose: string;
  wizardUrl: string;
  returnTo?: string;
}) {
  const { m, locale } = useI18n();
  const banksTexts = usePageTexts(banks);
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const started = useRef(false);
  const complete = useAction(completeWizardAction, {
    texts: { known: banksTexts.errors, fallback: banksTexts.completeFailed },
    onSuccess: (data) => {
      const then =
        returnTo ??
        `/banks?${purpose === "LINK" || purpose === "RELINK" ? "linked" : purpose === "RENEW" ? "renewed" : "synced"}=${data.connectionId}`;
      if (data.runId)
        setPhase({ kind: "importing", connectionId: data.connectionId, runId: data.runId, then, since: Date.now() });
      else {
        router.push(then);
        router.refresh();
      }
    },
    onError: async ({ result, text }) => {
      setPhase({ kind: "failed", message: text });
      // The result of the abort is not shown: the page already says the link failed.
      await abortWizardAction({ wizardId, reason: "error", errorCode: result.message });
      return true;
    },
  });
  const completeRun = complete.run;

  // The import the finish queued: the user lands on their bank once its accounts are in. A slow
  // import is not waited for beyond IMPORT_WAIT_MS: the bank card goes on showing its progress.
  const importing = phase.kind === "importing" ? phase : null;
  const importRun = useQuery({
    queryKey: queryKeys.syncStatus(importing?.connectionId ?? ""),
    queryFn: async (): Promise<SyncRunDto | null> => {
      const res = await fetch(`/api/sync-status?ids=${encodeURIComponent(importing!.connectionId)}`, {
        cache: "no-store",
      });
      if (!res.ok) throw new Error(String(res.status));
      return ((await res.json()) as { runs: Record<string, SyncRunDto | null> }).runs[importing!.connectionId] ?? null;
    },
    enabled: !!importing,
    refetchInterval: 1000,
    staleTime: 0,
  });
  useEffect(() => {
    if (!importing) return;
    const go = () => {
      router.push(importing.then);
      router.refresh();
    };
    const r = importRun.data;
    if (r && r.id === importing.runId && r.status !== "QUEUED" && r.status !== "RUNNING") return go();
    const timer = setTimeout(go, Math.max(0, importing.since + IMPORT_WAIT_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [importing, importRun.data, router]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const script = document.createElement("script");
    script.src = `${wizardUrl}/xs2a.js`;
    script.async = true;
    script.onerror = () => setPhase({ kind: "loadFailed" });
    script.onload = () => {
      const w = window.xs2a;
      if (!w) return setPhase({ kind: "loadFailed" });
      w.useBaseStyles();
      w.lang(locale);
      w.finish((credentials) => {
        setPhase({ kind: "finishing" });
        completeRun({ wizardId, ...(typeof credentials === "string" && credentials ? { credentials } : {}) });
      });
      w.abort(async () => {
        setPhase({ kind: "aborted" });
        await abortWizardAction({ wizardId, reason: "aborted" });
      });
      w.error?.(async (e) => {
        // Recoverable errors (wrong PIN, wrong TAN) are shown by the widget, which lets the user retry.
        if (e.recoverable !== false) return;
        setPhase({ kind: "failed", message: banksTexts.wizardError(e.message ?? e.errorCode ?? "?") });
        await abortWizardAction({ wizardId, reason: "error", errorCode: e.errorCode?.slice(0, 100) });
      });
      w.init();
      setPhase({ kind: "ready" });
    };
    document.body.appendChild(script);
    return () => {
      script.remove();
    };
  }, [wizardId, wizardUrl, locale, m, completeRun]);

  const again = purpose === "LINK" ? "/banks/add" : (returnTo ?? "/banks");
  return (
    <div className="md:max-w-2xl">
      {phase.kind === "loading" && (
        <p className="text-sm text-slate-600 dark:text-slate-400" role="status">
          {banksTexts.wizardLoading}
        </p>
      )}
      {(phase.kind === "finishing" || phase.kind === "importing") && (
        <Notice live>
          <span className="inline-flex items-center gap-2" aria-busy>
            <span
              aria-hidden
              className="size-3.5 animate-spin rounded-full border-2 border-slate-300 dark:border-slate-600 border-t-brand-700"
            />
            {banksTexts.finishing}
          </span>
        </Notice>
      )}
      {phase.kind === "aborted" && (
        <Notice
          tone="warning"
          live
          actions={
            <Link className={buttonClass("secondary")} href={again}>
              {banksTexts.startAgain}
            </Link>
          }
        >
          {banksTexts.aborted}
        </Notice>
      )}
      {phase.kind === "failed" && (
        <Notice
          tone="danger"
          live
          actions={
            <Link className={buttonClass("secondary")} href={again}>
              {banksTexts.startAgain}
            </Link>
          }
        >
          {phase.message}
        </Notice>
      )}
      {phase.kind === "loadFailed" && (
        <Notice
          tone="danger"
          live
          actions={
            <Link className={buttonClass("secondary")} href="/banks">
              {banksTexts.backToBanks}
            </Link>
          }
        >
          {banksTexts.wizardLoadFailed}
        </Notice>
      )}
      <div
        id="XS2A-Form"
        data-xs2a={sessionKey}
        hidden={phase.kind !== "ready" && phase.kind !== "loading"}
        className="mt-4 rounded-lg bg-white dark:bg-slate-900 p-5 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
      />
    </div>
  );
}

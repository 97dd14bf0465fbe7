"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { abortWizardAction, completeWizardAction } from "@/app/(app)/banks/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** The page-facing surface of XS2A's xs2a.js (xs2a-api.md §5.2); `error` is optional. */
interface Xs2aWidget {
  useBaseStyles(): void;
  lang(l: string): void;
  finish(cb: (credentials?: string) => void): void;
  abort(cb: () => void): void;
  error?(cb: (e: { errorCode?: string; message?: string; recoverable?: boolean }) => void): void;
  init(): void;
}
declare global {
  interface Window {
    xs2a?: Xs2aWidget;
  }
}

type Phase =
  | { kind: "loading" }
  | { kind: "ready" }
  | { kind: "finishing" }
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
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const started = useRef(false);
  const complete = useAction(completeWizardAction, {
    texts: { known: m.banks.errors, fallback: m.banks.completeFailed },
    onSuccess: (data) => {
      router.push(
        returnTo ??
          `/banks?${purpose === "LINK" || purpose === "RELINK" ? "linked" : purpose === "RENEW" ? "renewed" : "synced"}=${data.connectionId}`,
      );
      router.refresh();
    },
    onError: async ({ result, text }) => {
      setPhase({ kind: "failed", message: text });
      // The result of the abort is not shown: the page already says the link failed.
      await abortWizardAction({ wizardId, reason: "error", errorCode: result.message });
      return true;
    },
  });
  const completeRun = complete.run;

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
        setPhase({ kind: "failed", message: m.banks.wizardError(e.message ?? e.errorCode ?? "?") });
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
        <p className="text-sm text-slate-600" role="status">
          {m.banks.wizardLoading}
        </p>
      )}
      {phase.kind === "finishing" && <Notice live>{m.banks.finishing}</Notice>}
      {phase.kind === "aborted" && (
        <Notice
          tone="warning"
          live
          actions={
            <Link className={buttonClass("secondary")} href={again}>
              {m.banks.startAgain}
            </Link>
          }
        >
          {m.banks.aborted}
        </Notice>
      )}
      {phase.kind === "failed" && (
        <Notice
          tone="danger"
          live
          actions={
            <Link className={buttonClass("secondary")} href={again}>
              {m.banks.startAgain}
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
              {m.banks.backToBanks}
            </Link>
          }
        >
          {m.banks.wizardLoadFailed}
        </Notice>
      )}
      <div
        id="XS2A-Form"
        data-xs2a={sessionKey}
        hidden={phase.kind !== "ready" && phase.kind !== "loading"}
        className="mt-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
      />
    </div>
  );
}

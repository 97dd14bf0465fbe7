"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { relinkAction, syncNowAction } from "@/app/(app)/banks/sync-actions";
import { useI18n } from "@/components/providers";
import { useAction, type ActionError } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import type { ConnectionState } from "@/lib/connections/connection-state";
import type { SyncRunDto } from "@/lib/data/sync";
import { queryKeys } from "@/lib/query-keys";
import { isRetrying, runReason, runSummary } from "./sync-text";

const active = (r: SyncRunDto | null | undefined) => r?.status === "QUEUED" || r?.status === "RUNNING";

/**
 * "Sync now" for one bank, shaped by its state: a queued sync for `full`/`shared`, the bank login
 * (wizard) for `none` or a fallen-back `full`, "Re-link" for a disabled bank, nothing for an
 * expired consent. While a run is queued or running it polls /api/sync-status.
 */
export function SyncControls({
  connectionId,
  state,
  needsLogin,
  latestRun,
}: {
  connectionId: string;
  state: ConnectionState;
  /** Whether a sync opens the bank login (see needsLoginToSync), whatever the state shown. */
  needsLogin: boolean;
  latestRun: SyncRunDto | null;
}) {
  const { m, locale } = useI18n();
  const t = m.sync;
  const router = useRouter();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [watching, setWatching] = useState(active(latestRun));

  const status = useQuery({
    queryKey: queryKeys.syncStatus(connectionId),
    queryFn: async (): Promise<SyncRunDto | null> => {
      const res = await fetch(`/api/sync-status?ids=${encodeURIComponent(connectionId)}`, { cache: "no-store" });
      if (!res.ok) throw new Error(String(res.status));
      return ((await res.json()) as { runs: Record<string, SyncRunDto | null> }).runs[connectionId] ?? null;
    },
    enabled: watching,
    refetchInterval: watching ? 1500 : false,
    staleTime: 0,
  });
  const run = status.data ?? latestRun;
  const running = watching && (status.data === undefined ? active(latestRun) : active(status.data));

  const finished = useRef<string | null>(null);
  const retrying = useRef<string | null>(null);
  useEffect(() => {
    const r = status.data;
    if (!watching || !r) return;
    const retry = { t: m.syncRetry, locale };
    // Waiting for its next attempt after the bank service did not answer: say so and when.
    if (isRetrying(r)) {
      const key = `${r.id}:${r.retryAt}`;
      if (retrying.current !== key) {
        retrying.current = key;
        setMessage({ tone: "error", text: m.syncRetry.waiting(runReason(t, r, retry)) });
      }
      return;
    }
    if (active(r) || finished.current === r.id) return;
    finished.current = r.id;
    setWatching(false);
    setMessage(
      r.status === "SUCCEEDED"
        ? { tone: "ok", text: t.done(runSummary(t, r)) }
        : r.status === "PARTIAL"
          ? { tone: "error", text: m.syncRetry.partial(runSummary(t, r), runReason(t, r, retry)) }
          : { tone: "error", text: t.failed(runReason(t, r, retry)) },
    );
    router.refresh();
  }, [status.data, watching, router, t, m.syncRetry, locale]);

  // Refusals go to the message line below the button, where a sync's outcome is shown too.
  const showError = ({ text }: ActionError) => {
    setMessage({ tone: "error", text });
    return true;
  };
  const requestSync = useAction(syncNowAction, {
    texts: {
      known: {
        // This bank's own limit on new runs: the wait in minutes.
        rate_limited: (res) => t.rateLimited(Math.max(1, Math.ceil((res.retryAfterSeconds ?? 60) / 60))),
        unavailable: t.unavailable,
      },
      fallback: t.genericError,
    },
    onSuccess: (data) => {
      if (data.kind === "wizard") return router.push(`/banks/wizard/${data.wizardId}`);
      // Forget the last finished run so the new one shows as waiting until the first poll.
      queryClient.setQueryData(queryKeys.syncStatus(connectionId), {
        ...(run ?? {
          trigger: "MANUAL",
          queuedAt: new Date().toISOString(),
          finishedAt: null,
          added: 0,
          updated: 0,
          removed: 0,
          quarantined: 0,
          errorCode: null,
          retryAt: null,
        }),
        id: data.runId,
        status: "QUEUED",
        errorCode: null,
        retryAt: null,
      } satisfies SyncRunDto);
      setWatching(true);
    },
    onError: (error) => {
      showError(error);
      // The bank's state changed under the page: redraw it (the button becomes "Re-link" or goes).
      const { code } = error.result;
      if (code === "connection_disabled" || code === "consent_expired") router.refresh();
      return true;
    },
  });
  const startRelink = useAction(relinkAction, {
    texts: { known: { unavailable: t.unavailable }, fallback: t.genericError },
    onSuccess: (data) => router.push(`/banks/wizard/${data.wizardId}`),
    onError: showError,
  });
  const pending = requestSync.pending || startRelink.pending;

  function syncNow() {
    setMessage(null);
    requestSync.run({ connectionId });
  }

  function relink() {
    setMessage(null);
    startRelink.run({ connectionId });
  }

  return (
    <div className="flex flex-col items-end gap-1.5">
      {state === "disabled" ? (
        <Button onClick={relink} disabled={pending}>
          {t.relink}
        </Button>
      ) : state === "consent_expired" || state === "linking" ? null : (
        <Button variant="secondary" onClick={syncNow} disabled={pending || running} aria-busy={running || pending}>
          {running ? (
            <>
              <span
                aria-hidden
                className="size-3.5 animate-spin rounded-full border-2 border-slate-300 dark:border-slate-600 border-t-brand-700"
              />
              {run?.status === "QUEUED" ? t.queued : t.syncing}
            </>
          ) : needsLogin ? (
            t.syncWithLogin
          ) : (
            t.syncNow
          )}
        </Button>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {running ? t.syncing : ""}
      </p>
      {message && (
        <p
          data-testid="sync-message"
          role="status"
          className={`max-w-xs text-right text-sm ${message.tone === "ok" ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}

"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { relinkAction, syncNowAction } from "@/app/(app)/banks/sync-actions";
import { useI18n } from "@/components/providers";
import { Button } from "@/components/ui/button";
import type { ConnectionState } from "@/lib/connections/connection-state";
import type { SyncRunDto } from "@/lib/data/sync";
import { queryKeys } from "@/lib/query-keys";
import { runReason, runSummary } from "./sync-text";

const active = (r: SyncRunDto | null | undefined) => r?.status === "QUEUED" || r?.status === "RUNNING";

/**
 * "Sync now" for one bank, shaped by its state: a queued sync for `full`/`shared`, the bank login
 * (wizard) for `none` or a fallen-back `full`, "Re-link" for a disabled bank, nothing for an
 * expired consent. While a run is queued or running it polls /api/sync-status.
 */
export function SyncControls({
  connectionId,
  state,
  latestRun,
}: {
  connectionId: string;
  state: ConnectionState;
  latestRun: SyncRunDto | null;
}) {
  const { m } = useI18n();
  const t = m.sync;
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
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
  useEffect(() => {
    const r = status.data;
    if (!watching || !r || active(r) || finished.current === r.id) return;
    finished.current = r.id;
    setWatching(false);
    setMessage(
      r.status === "SUCCEEDED" || r.status === "PARTIAL"
        ? { tone: r.status === "PARTIAL" ? "error" : "ok", text: t.done(runSummary(t, r)) }
        : { tone: "error", text: t.failed(runReason(t, r)) },
    );
    router.refresh();
  }, [status.data, watching, router, t]);

  async function syncNow() {
    setPending(true);
    setMessage(null);
    const res = await syncNowAction({ connectionId });
    setPending(false);
    if (res.ok) {
      if (res.data.kind === "wizard") router.push(`/banks/wizard/${res.data.wizardId}`);
      else {
        // Forget the last finished run so the new one shows as waiting until the first poll.
        queryClient.setQueryData(queryKeys.syncStatus(connectionId), {
          ...(run ?? {
            trigger: "MANUAL",
            queuedAt: new Date().toISOString(),
            finishedAt: null,
            added: 0,
            updated: 0,
            removed: 0,
            errorCode: null,
          }),
          id: res.data.runId,
          status: "QUEUED",
        } satisfies SyncRunDto);
        setWatching(true);
      }
      return;
    }
    if (res.code === "unauthenticated") return router.push("/signin?reason=session");
    const text =
      res.code === "rate_limited"
        ? t.rateLimited(Math.max(1, Math.ceil((res.retryAfterSeconds ?? 60) / 60)))
        : res.code === "unavailable"
          ? t.unavailable
          : res.code === "connection_disabled"
            ? t.disabledError
            : res.code === "consent_expired"
              ? t.consentError
              : t.genericError;
    setMessage({ tone: "error", text });
    if (res.code === "connection_disabled" || res.code === "consent_expired") router.refresh();
  }

  async function relink() {
    setPending(true);
    setMessage(null);
    const res = await relinkAction({ connectionId });
    setPending(false);
    if (res.ok) router.push(`/banks/wizard/${res.data.wizardId}`);
    else setMessage({ tone: "error", text: res.code === "unavailable" ? t.unavailable : t.genericError });
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
                className="size-3.5 animate-spin rounded-full border-2 border-slate-300 border-t-brand-700"
              />
              {run?.status === "QUEUED" ? t.queued : t.syncing}
            </>
          ) : state === "needs_manual_sync" || state === "login_each_sync" ? (
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
          className={`max-w-xs text-right text-sm ${message.tone === "ok" ? "text-emerald-800" : "text-red-800"}`}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}

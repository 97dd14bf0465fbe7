import type { QuarantinedItemsDto, SyncRunDto } from "@/lib/data/sync";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";
import { isRetrying, runReason, runSummary } from "./sync-text";

const dot: Record<SyncRunDto["status"], string> = {
  QUEUED: "bg-slate-400 dark:bg-slate-600",
  RUNNING: "bg-sky-600",
  SUCCEEDED: "bg-emerald-600",
  PARTIAL: "bg-amber-500",
  FAILED: "bg-red-600",
  NEEDS_USER: "bg-amber-500",
};

/**
 * A bank's sync log in plain language: when, who or what started it, and what came of it; above
 * it, the bank's items Saldo could not read and keeps aside, with the bank's own text.
 */
export function SyncLog({
  runs,
  locale,
  quarantined = { total: 0, items: [] },
}: {
  runs: SyncRunDto[];
  locale: Locale;
  quarantined?: QuarantinedItemsDto;
}) {
  const all = messages(locale);
  const t = all.sync;
  const retry = { t: all.syncRetry, locale };
  const { total, items } = quarantined;
  return (
    <>
      {total > 0 && (
        <div
          data-testid="sync-quarantine"
          className="rounded-md border border-amber-200 dark:border-amber-800 bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-950 dark:text-amber-100"
        >
          <p className="font-medium">{t.quarantined(total)}</p>
          <p className="mt-0.5">{total === 1 ? t.quarantineIntro : t.quarantineIntroMany}</p>
          <ul className="mt-1 space-y-1">
            {items.map((q) => (
              <li key={q.id} data-testid="sync-quarantine-item" className="[overflow-wrap:anywhere]">
                <span className="tabular">{q.bookingDate ?? t.quarantineNoDate}</span>
                {" · "}
                <span className="tabular">{[q.amount ?? "–", q.currency].filter(Boolean).join(" ")}</span>
                {q.counterparty && <> · {q.counterparty}</>}
                {q.purpose && <> · „{q.purpose}“</>}{" "}
                <span className="text-amber-800 dark:text-amber-300">
                  ({t.quarantineProblems[q.problem] ?? t.quarantineProblems.other};{" "}
                  {t.quarantineSince(formatDateTime(new Date(q.firstSeenAt), locale))})
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <details className="group" data-testid="sync-log">
        <summary className="cursor-pointer select-none rounded text-sm font-medium text-slate-700 dark:text-slate-300 hover:text-slate-900 dark:hover:text-slate-100 focus-visible:outline-2 focus-visible:outline-brand-700 dark:focus-visible:outline-emerald-400">
          {t.historyTitle}
        </summary>
        {runs.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t.historyEmpty}</p>
        ) : (
          <ol className="mt-2 space-y-1.5">
            {runs.map((r) => (
              <li key={r.id} className="flex items-start gap-2 text-sm text-slate-700 dark:text-slate-300">
                <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${dot[r.status]}`} />
                <span>
                  <span className="tabular text-slate-600 dark:text-slate-400">
                    {formatDateTime(new Date(r.finishedAt ?? r.queuedAt), locale)}
                  </span>{" "}
                  · {t.triggers[r.trigger] ?? r.trigger} ·{" "}
                  {r.status === "SUCCEEDED"
                    ? runSummary(t, r)
                    : r.status === "PARTIAL"
                      ? `${runSummary(t, r)} (${t.status.PARTIAL})`
                      : r.status === "FAILED" || r.status === "NEEDS_USER" || isRetrying(r)
                        ? `${t.status[r.status]}: ${runReason(t, r, retry)}`
                        : t.status[r.status]}
                </span>
              </li>
            ))}
          </ol>
        )}
      </details>
    </>
  );
}

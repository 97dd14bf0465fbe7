import type { SyncRunDto } from "@/lib/data/sync";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

/** A run's counts in plain words ("3 new, 1 updated" / "nothing new"; "1 bank item could not be read"). */
export const runSummary = (
  t: Messages["sync"],
  r: Pick<SyncRunDto, "added" | "updated" | "removed"> & Partial<Pick<SyncRunDto, "quarantined">>,
) => t.counts(r.added, r.updated, r.removed) + (r.quarantined ? `; ${t.quarantined(r.quarantined)}` : "");

/** Codes of a bank service that did not answer (the run waits for its next attempt or gave up). */
const NO_ANSWER = new Set(["xs2a_retrying", "xs2a_unavailable", "xs2a_no_answer"]);

/** Whether runReason already says when Saldo tries again (a bank service that did not answer). */
export const saysWhenNext = (errorCode: string | null) => !!errorCode && NO_ANSWER.has(errorCode);

export const isRetrying = (r: Pick<SyncRunDto, "status" | "errorCode">) =>
  r.status === "QUEUED" && r.errorCode === "xs2a_retrying";

/**
 * Why a run did not complete, in plain words; unknown codes get a generic phrase. A bank service
 * that did not answer says when Saldo tries again (`retryAt`, in Berlin time).
 */
export const runReason = (
  t: Messages["sync"],
  r: Pick<SyncRunDto, "errorCode"> & Partial<Pick<SyncRunDto, "retryAt">>,
  retry?: { t: Messages["syncRetry"]; locale: Locale },
) => {
  if (retry && r.errorCode && NO_ANSWER.has(r.errorCode))
    return r.retryAt ? retry.t.noAnswer(formatDateTime(new Date(r.retryAt), retry.locale)) : retry.t.noAnswerLater;
  return (r.errorCode && t.reasons[r.errorCode]) || t.otherReason;
};

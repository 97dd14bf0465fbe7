import type { SyncRunDto } from "@/lib/data/sync";
import type { Messages } from "@/lib/i18n/messages";

/** A run's counts in plain words ("3 new, 1 updated" / "nothing new"; "1 bank item could not be read"). */
export const runSummary = (
  t: Messages["sync"],
  r: Pick<SyncRunDto, "added" | "updated" | "removed"> & Partial<Pick<SyncRunDto, "quarantined">>,
) => t.counts(r.added, r.updated, r.removed) + (r.quarantined ? `; ${t.quarantined(r.quarantined)}` : "");

/** Why a run did not complete, in plain words; unknown codes get a generic phrase. */
export const runReason = (t: Messages["sync"], r: Pick<SyncRunDto, "errorCode">) =>
  (r.errorCode && t.reasons[r.errorCode]) || t.otherReason;

import type { ConnectionState } from "@/lib/connections/connection-state";

const tone: Record<ConnectionState, string> = {
  ok: "bg-emerald-100 dark:bg-emerald-900/40 text-emerald-900 dark:text-emerald-200",
  login_each_sync: "bg-slate-100 dark:bg-slate-800 text-slate-800 dark:text-slate-200",
  consent_expiring: "bg-amber-100 dark:bg-amber-900/40 text-amber-950 dark:text-amber-100",
  needs_manual_sync: "bg-amber-100 dark:bg-amber-900/40 text-amber-950 dark:text-amber-100",
  failing: "bg-red-100 dark:bg-red-900/40 text-red-900 dark:text-red-200",
  consent_expired: "bg-red-100 dark:bg-red-900/40 text-red-900 dark:text-red-200",
  disabled: "bg-red-100 dark:bg-red-900/40 text-red-900 dark:text-red-200",
  linking: "bg-slate-100 dark:bg-slate-800 text-slate-800 dark:text-slate-200",
};

/** A bank that is otherwise fine, but whose last sync failed or whose data is older than expected. */
export type Attention = "last_failed" | "stale";
const attentionTone: Record<Attention, string> = {
  last_failed: "bg-red-100 dark:bg-red-900/40 text-red-900 dark:text-red-200",
  stale: "bg-amber-100 dark:bg-amber-900/40 text-amber-950 dark:text-amber-100",
};

export function StateBadge({
  state,
  label,
  attention,
}: {
  state: ConnectionState;
  label: string;
  attention?: Attention;
}) {
  return (
    <span
      data-testid="bank-state"
      className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold ${attention ? attentionTone[attention] : tone[state]}`}
    >
      {label}
    </span>
  );
}

import type { ConnectionState } from "@/lib/connections/connection-state";

const tone: Record<ConnectionState, string> = {
  ok: "bg-emerald-100 text-emerald-900",
  login_each_sync: "bg-slate-100 text-slate-800",
  consent_expiring: "bg-amber-100 text-amber-950",
  needs_manual_sync: "bg-amber-100 text-amber-950",
  failing: "bg-red-100 text-red-900",
  consent_expired: "bg-red-100 text-red-900",
  disabled: "bg-red-100 text-red-900",
  linking: "bg-slate-100 text-slate-800",
};

export function StateBadge({ state, label }: { state: ConnectionState; label: string }) {
  return <span className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold ${tone[state]}`}>{label}</span>;
}

import { pendingStaleDays } from "@/lib/connections/data-health";
import type { ClientMessages } from "@/lib/i18n/messages/client";

/** Pending or cancelled (booked needs no badge); a pending item waiting unusually long says for how long. */
export function StatusBadge({
  status,
  date,
  today,
  m,
}: {
  status: "PENDING" | "BOOKED" | "CANCELED";
  /** The item's date and today ("YYYY-MM-DD"). */
  date: string;
  today: string;
  m: ClientMessages;
}) {
  if (status === "BOOKED") return null;
  const waited = status === "PENDING" ? pendingStaleDays(date, today) : null;
  const tone =
    status === "PENDING"
      ? waited
        ? "bg-red-100 dark:bg-red-900/40 text-red-900 dark:text-red-200 ring-red-300 dark:ring-red-700"
        : "bg-amber-100 dark:bg-amber-900/40 text-amber-900 dark:text-amber-200 ring-amber-300 dark:ring-amber-700"
      : "bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300 ring-slate-300 dark:ring-slate-600";
  return (
    <span
      data-testid="tx-status"
      title={waited ? m.transactions.pendingLongHint : undefined}
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${tone}`}
    >
      {waited ? m.transactions.pendingLong(waited) : m.transactions.statuses[status]}
    </span>
  );
}

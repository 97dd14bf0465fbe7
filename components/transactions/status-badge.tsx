import type { ClientMessages } from "@/lib/i18n/messages/client";

export function StatusBadge({ status, m }: { status: "PENDING" | "BOOKED" | "CANCELED"; m: ClientMessages }) {
  if (status === "BOOKED") return null;
  const tone =
    status === "PENDING" ? "bg-amber-100 text-amber-900 ring-amber-300" : "bg-slate-100 text-slate-700 ring-slate-300";
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${tone}`}>
      {m.transactions.statuses[status]}
    </span>
  );
}

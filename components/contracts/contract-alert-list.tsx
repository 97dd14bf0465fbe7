import type { ContractAlertDto } from "@/lib/data/contracts";
import { alertText } from "@/lib/contracts/alert-text";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

/** One line per open contract alert (contracts page and dashboard card). */
export function ContractAlertList({ alerts, m, locale }: { alerts: ContractAlertDto[]; m: Messages; locale: Locale }) {
  const c = m.contracts;
  if (alerts.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{c.noAlerts}</p>;
  return (
    <ul className="space-y-2" data-testid="contract-alerts">
      {alerts.map((a) => (
        <li
          key={`${a.contractId}-${a.kind}`}
          data-kind={a.kind}
          className="rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-950 dark:text-amber-100 ring-1 ring-amber-200 dark:ring-amber-800"
        >
          {alertText(a, m, locale)}
        </li>
      ))}
    </ul>
  );
}

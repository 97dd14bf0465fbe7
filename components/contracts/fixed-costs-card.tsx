import Link from "next/link";
import { ContractAlertList } from "@/components/contracts/contract-alert-list";
import { Card } from "@/components/ui/card";
import type { FixedCostsCardDto } from "@/lib/data/contracts";
import { formatMoney } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

/** Dashboard: this month's fixed costs (paid / still to come) and the open contract alerts. */
export function FixedCostsCard({ data, m, locale }: { data: FixedCostsCardDto; m: Messages; locale: Locale }) {
  const c = m.contracts;
  if (!data.hasContracts) return null;
  return (
    <Card
      title={c.fixedCostsCard}
      actions={
        <Link href="/contracts" className="text-sm font-medium text-brand-800 dark:text-emerald-300 hover:underline">
          {c.allContracts}
        </Link>
      }
    >
      <dl className="grid grid-cols-2 gap-4" data-testid="fixed-costs">
        <div>
          <dt className="text-xs text-slate-600 dark:text-slate-400">{c.paid}</dt>
          <dd className="text-xl font-semibold tabular-nums">{formatMoney(data.paid, data.currency, locale)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600 dark:text-slate-400">{c.toCome}</dt>
          <dd className="text-xl font-semibold tabular-nums">{formatMoney(data.toCome, data.currency, locale)}</dd>
        </div>
      </dl>
      {data.alerts.length > 0 && (
        <div className="mt-4">
          <ContractAlertList alerts={data.alerts} m={m} locale={locale} />
        </div>
      )}
    </Card>
  );
}

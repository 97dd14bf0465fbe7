import { Amount } from "@/components/transactions/amount";
import { StatusBadge } from "@/components/transactions/status-badge";
import { categoryName, type OwnCategoryNames } from "@/lib/categories/categories";
import type { TransactionDto } from "@/lib/data/transactions";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

export function RecentTransactions({
  items,
  m,
  locale,
  today,
  own,
}: {
  items: TransactionDto[];
  m: Messages;
  locale: Locale;
  today: string;
  own: OwnCategoryNames;
}) {
  if (items.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{m.dashboard.noRecent}</p>;
  return (
    <ul className="-mx-5 divide-y divide-slate-100 dark:divide-slate-800" data-testid="recent-transactions">
      {items.map((tx) => {
        const category = tx.userCategory ?? tx.categoryId;
        return (
          <li key={tx.id} className="flex items-start justify-between gap-4 px-5 py-2.5">
            <span className="min-w-0">
              <span className="flex flex-wrap items-center gap-2">
                <span className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">
                  {tx.counterpartyName || tx.purpose.split("\n")[0] || "—"}
                </span>
                <StatusBadge status={tx.status} date={tx.bookingDate} today={today} m={m} />
              </span>
              <span className="block truncate text-xs text-slate-600 dark:text-slate-400">
                {formatDate(tx.bookingDate, locale)} ·{" "}
                {category ? categoryName(category, locale, own) : m.categories.uncategorised} · {tx.accountName}
              </span>
            </span>
            <Amount value={tx.amount} currency={tx.currency} locale={locale} className="text-sm" />
          </li>
        );
      })}
    </ul>
  );
}

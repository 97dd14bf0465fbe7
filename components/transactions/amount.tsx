import { formatMoney } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";

/** A signed amount: income green, spending dark, cancelled struck through (it counts nowhere). */
export function Amount({
  value,
  currency,
  locale,
  canceled = false,
  balance = false,
  className = "",
}: {
  value: string;
  currency: string;
  locale: Locale;
  canceled?: boolean;
  balance?: boolean;
  className?: string;
}) {
  // A balance is a state, not a movement: no plus sign, no income colour.
  const positive = !balance && !value.startsWith("-") && Number(value) !== 0;
  const tone = canceled
    ? "text-slate-500 dark:text-slate-400 line-through"
    : positive
      ? "text-emerald-800 dark:text-emerald-300"
      : balance && value.startsWith("-")
        ? "text-red-800 dark:text-red-300"
        : "text-slate-900 dark:text-slate-100";
  return (
    <span className={`whitespace-nowrap font-medium tabular-nums ${tone} ${className}`}>
      {formatMoney(value, currency, locale, { signDisplay: positive ? "always" : "auto" })}
    </span>
  );
}

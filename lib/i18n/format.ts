import { intlLocale, type Locale } from "@/lib/i18n/locale";

const TZ = "Europe/Berlin";

/**
 * Intl formatters are costly to build (ICU data lookups) and cheap to reuse: a transactions page
 * formats 100 dates and amounts twice (server component and HTML), and building a formatter per
 * call was the largest single item of the web server's CPU profile. One per locale and options.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function reuse<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => F,
): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}
/** A shared Intl.NumberFormat for these options (see `reuse`). */
export const numberFormat = (locale: string, o: Intl.NumberFormatOptions) =>
  reuse(`n|${locale}|${JSON.stringify(o)}`, () => new Intl.NumberFormat(locale, o));
/** A shared Intl.DateTimeFormat for these options (see `reuse`). */
export const dateFormat = (locale: string, o: Intl.DateTimeFormatOptions) =>
  reuse(`d|${locale}|${JSON.stringify(o)}`, () => new Intl.DateTimeFormat(locale, o));

/** Money from an exact decimal string (or number) with its currency: "1.234,56 €" in German. */
export function formatMoney(
  amount: string | number,
  currency: string,
  locale: Locale,
  opts: { signDisplay?: "auto" | "always" | "exceptZero" } = {},
) {
  const n = typeof amount === "number" ? amount : Number(amount);
  return numberFormat(intlLocale(locale), {
    style: "currency",
    currency: currency || "EUR",
    signDisplay: opts.signDisplay ?? "auto",
  }).format(n);
}

/**
 * A calendar date ("YYYY-MM-DD", or a Date holding one at UTC midnight), never ambiguous:
 * "02.03.2027" in German, "2 Mar 2027" in English (a numeric English date reads as 3 February to
 * half the world).
 */
export function formatDate(value: string | Date, locale: Locale) {
  const iso = typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
  const [y, m, d] = iso.split("-").map(Number);
  const style: Intl.DateTimeFormatOptions =
    locale === "de"
      ? { day: "2-digit", month: "2-digit", year: "numeric" }
      : { day: "numeric", month: "short", year: "numeric" };
  return dateFormat(intlLocale(locale), { ...style, timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant, shown in Berlin time. */
export function formatDateTime(value: Date, locale: Locale) {
  return dateFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone: TZ }).format(value);
}

/** "vor 2 Stunden" / "2 hours ago". */
export function formatRelative(value: Date, now: Date, locale: Locale) {
  const rtf = reuse(`r|${locale}`, () => new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "auto" }));
  const sec = Math.round((value.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(sec);
  if (abs < 60) return rtf.format(0, "second");
  if (abs < 3600) return rtf.format(Math.round(sec / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(sec / 3600), "hour");
  return rtf.format(Math.round(sec / 86400), "day");
}

/**
 * A money amount on a chart axis: compact, and in German always grouped ("3.000 €" beside
 * "12.000 €", where Intl's default leaves four-digit numbers ungrouped: "3000 €").
 */
export function formatAxisMoney(value: number, currency: string, locale: Locale) {
  return numberFormat(intlLocale(locale), {
    style: "currency",
    currency: currency || "EUR",
    notation: "compact",
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
    useGrouping: "always",
  }).format(value);
}

/** Day and month on a chart axis: "02.03." in German, "2 Mar" in English. */
export function formatDayMonth(value: string, locale: Locale) {
  const style: Intl.DateTimeFormatOptions =
    locale === "de" ? { day: "2-digit", month: "2-digit" } : { day: "numeric", month: "short" };
  return dateFormat(intlLocale(locale), { ...style, timeZone: "UTC" }).format(
    new Date(`${value.slice(0, 10)}T00:00:00Z`),
  );
}

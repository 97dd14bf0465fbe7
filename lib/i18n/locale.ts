export type Locale = "de" | "en";
export const LOCALE_COOKIE = "saldo-locale";

const isLocale = (v: unknown): v is Locale => v === "de" || v === "en";

/** The user's choice wins; otherwise the browser's first supported language; otherwise German. */
export function pickLocale(preference: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(preference)) return preference;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { lang: tag.split("-")[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.lang)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return "de";
}

export const intlLocale = (l: Locale) => (l === "de" ? "de-DE" : "en-GB");

/**
 * The language of an email sent without a request (a reminder, an alert, a security notice):
 * the user's choice; else the browser's language at their last sign-in; else German.
 */
export function emailLocale(user: { locale: string | null; browserLocale: string | null }): Locale {
  return pickLocale(user.locale ?? user.browserLocale, null);
}

import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, pickLocale, type Locale } from "@/lib/i18n/locale";

/** This request's language before any user is known: the language cookie, else the browser's. */
export async function requestLocale(): Promise<Locale> {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  return pickLocale(cookie, (await headers()).get("accept-language"));
}

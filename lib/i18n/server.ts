import "server-only";
import { cookies, headers } from "next/headers";
import { getViewer } from "@/lib/auth/viewer";
import { LOCALE_COOKIE, pickLocale, type Locale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";

export async function getLocale(): Promise<Locale> {
  const viewer = await getViewer();
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  return pickLocale(viewer?.locale ?? cookie, (await headers()).get("accept-language"));
}

export async function getMessages() {
  const locale = await getLocale();
  return { locale, m: messages(locale) };
}

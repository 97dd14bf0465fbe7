import "server-only";
import { getViewer } from "@/lib/auth/viewer";
import { pickLocale, type Locale } from "@/lib/i18n/locale";
import { requestLocale } from "@/lib/i18n/request-locale";
import { messages } from "@/lib/i18n/messages";

/** The viewer's chosen language, else the request's. */
export async function getLocale(): Promise<Locale> {
  const viewer = await getViewer();
  return viewer?.locale ? pickLocale(viewer.locale, null) : requestLocale();
}

export async function getMessages() {
  const locale = await getLocale();
  return { locale, m: messages(locale) };
}

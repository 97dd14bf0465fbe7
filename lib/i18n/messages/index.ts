import type { Locale } from "@/lib/i18n/locale";
import { auth } from "@/lib/i18n/messages/auth";
import { banks } from "@/lib/i18n/messages/banks";
import { common } from "@/lib/i18n/messages/common";
import { settings } from "@/lib/i18n/messages/settings";

// One dictionary per feature, each `{ en, de }` with German typed against English.
// Add a feature: create messages/<feature>.ts and list it here.
const features = { common, auth, settings, banks };

type Features = typeof features;
export type Messages = { [K in keyof Features]: Features[K]["en"] };

export function messages(locale: Locale): Messages {
  const out = {} as Record<string, unknown>;
  for (const [name, dict] of Object.entries(features)) out[name] = dict[locale];
  return out as Messages;
}

import type { Locale } from "@/lib/i18n/locale";
import { admin } from "@/lib/i18n/messages/admin";
import { clientFeatures } from "@/lib/i18n/messages/client";

// One dictionary per feature, each `{ en, de }` with German typed against English.
// Add a feature: create messages/<feature>.ts and list it in client.ts (or here, for server-only
// and admin texts).
const features = { ...clientFeatures, admin };

type Features = typeof features;
export type Messages = { [K in keyof Features]: Features[K]["en"] };

/** Every dictionary, for server components and server code. */
export function messages(locale: Locale): Messages {
  const out = {} as Record<string, unknown>;
  for (const [name, dict] of Object.entries(features)) out[name] = dict[locale];
  return out as Messages;
}

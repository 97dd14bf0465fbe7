import type { Locale } from "@/lib/i18n/locale";
import { auth } from "@/lib/i18n/messages/auth";
import { accounts } from "@/lib/i18n/messages/accounts";
import { banks } from "@/lib/i18n/messages/banks";
import { categories } from "@/lib/i18n/messages/categories";
import { common } from "@/lib/i18n/messages/common";
import { consent } from "@/lib/i18n/messages/consent";
import { dashboard } from "@/lib/i18n/messages/dashboard";
import { settings } from "@/lib/i18n/messages/settings";
import { sync } from "@/lib/i18n/messages/sync";
import { transactions } from "@/lib/i18n/messages/transactions";

// The dictionaries every signed-in user's browser needs (the client bundle holds all of these).
// The admin pages' dictionary is not among them: admin client components import it themselves,
// so it ships only in the admin pages' chunks.
export const clientFeatures = { common, auth, settings, banks, consent, dashboard, accounts, transactions, categories, sync };

type ClientFeatures = typeof clientFeatures;
export type ClientMessages = { [K in keyof ClientFeatures]: ClientFeatures[K]["en"] };

export function clientMessages(locale: Locale): ClientMessages {
  const out = {} as Record<string, unknown>;
  for (const [name, dict] of Object.entries(clientFeatures)) out[name] = dict[locale];
  return out as ClientMessages;
}

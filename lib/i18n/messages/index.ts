import type { Locale } from "@/lib/i18n/locale";
import { auth } from "@/lib/i18n/messages/auth";
import { accounts } from "@/lib/i18n/messages/accounts";
import { admin } from "@/lib/i18n/messages/admin";
import { banks } from "@/lib/i18n/messages/banks";
import { categories } from "@/lib/i18n/messages/categories";
import { common } from "@/lib/i18n/messages/common";
import { consent } from "@/lib/i18n/messages/consent";
import { dashboard } from "@/lib/i18n/messages/dashboard";
import { settings } from "@/lib/i18n/messages/settings";
import { sync } from "@/lib/i18n/messages/sync";
import { transactions } from "@/lib/i18n/messages/transactions";

// One dictionary per feature, each `{ en, de }` with German typed against English.
// Add a feature: create messages/<feature>.ts and list it here.
const features = { common, auth, settings, banks, consent, dashboard, accounts, transactions, categories, admin, sync };

type Features = typeof features;
export type Messages = { [K in keyof Features]: Features[K]["en"] };

export function messages(locale: Locale): Messages {
  const out = {} as Record<string, unknown>;
  for (const [name, dict] of Object.entries(features)) out[name] = dict[locale];
  return out as Messages;
}

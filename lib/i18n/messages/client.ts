import type { Locale } from "@/lib/i18n/locale";
import { auth } from "@/lib/i18n/messages/auth";
import { accounts } from "@/lib/i18n/messages/accounts";
import { bankNames } from "@/lib/i18n/messages/bank-names";
import { budgets } from "@/lib/i18n/messages/budgets";
import { categories } from "@/lib/i18n/messages/categories";
import { common } from "@/lib/i18n/messages/common";
import { consent } from "@/lib/i18n/messages/consent";
import { dashboard } from "@/lib/i18n/messages/dashboard";
import { security } from "@/lib/i18n/messages/security";
import { sync } from "@/lib/i18n/messages/sync";
import { syncRetry } from "@/lib/i18n/messages/sync-retry";
import { transactions } from "@/lib/i18n/messages/transactions";

// The dictionaries every signed-in user's browser needs (the client bundle holds all of these).
// A dictionary that only some pages' client components use is not among them (admin, banks,
// settings, two-factor, contracts, data export, rules, own categories): those components read it with usePageTexts, so
// it ships only in those pages' chunks (the dashboard's first-load JS stays under its goal).
export const clientFeatures = {
  common,
  auth,
  bankNames,
  consent,
  dashboard,
  accounts,
  transactions,
  categories,
  sync,
  security,
  syncRetry,
  budgets,
};

/** `{ feature: { en, de } }` → `{ feature: <that locale's dictionary> }`. */
export type InLocale<F extends Record<string, { en: unknown }>> = { [K in keyof F]: F[K]["en"] };

export function inLocale<F extends Record<string, { en: unknown; de: unknown }>>(
  features: F,
  locale: Locale,
): InLocale<F> {
  return Object.fromEntries(Object.entries(features).map(([name, dict]) => [name, dict[locale]])) as InLocale<F>;
}

export type ClientMessages = InLocale<typeof clientFeatures>;
export const clientMessages = (locale: Locale): ClientMessages => inLocale(clientFeatures, locale);

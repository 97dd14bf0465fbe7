import type { Locale } from "@/lib/i18n/locale";
import { auth } from "@/lib/i18n/messages/auth";
import { accounts } from "@/lib/i18n/messages/accounts";
import { banks } from "@/lib/i18n/messages/banks";
import { bankNames } from "@/lib/i18n/messages/bank-names";
import { budgets } from "@/lib/i18n/messages/budgets";
import { categories } from "@/lib/i18n/messages/categories";
import { common } from "@/lib/i18n/messages/common";
import { consent } from "@/lib/i18n/messages/consent";
import { contracts } from "@/lib/i18n/messages/contracts";
import { dashboard } from "@/lib/i18n/messages/dashboard";
import { security } from "@/lib/i18n/messages/security";
import { dataExport } from "@/lib/i18n/messages/data-export";
import { settings } from "@/lib/i18n/messages/settings";
import { sync } from "@/lib/i18n/messages/sync";
import { syncRetry } from "@/lib/i18n/messages/sync-retry";
import { transactions } from "@/lib/i18n/messages/transactions";
import { twoFactor } from "@/lib/i18n/messages/two-factor";
import { rules } from "@/lib/i18n/messages/rules";
import { ownCategories } from "@/lib/i18n/messages/own-categories";

// The dictionaries every signed-in user's browser needs (the client bundle holds all of these).
// The admin pages' dictionary is not among them: admin client components import it themselves,
// so it ships only in the admin pages' chunks.
export const clientFeatures = {
  common,
  auth,
  settings,
  banks,
  bankNames,
  consent,
  dashboard,
  accounts,
  transactions,
  categories,
  sync,
  contracts,
  security,
  twoFactor,
  dataExport,
  syncRetry,
  rules,
  ownCategories,
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

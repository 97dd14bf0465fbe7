import type { Locale } from "@/lib/i18n/locale";
import { admin } from "@/lib/i18n/messages/admin";
import { securityEmail } from "@/lib/i18n/messages/security-email";
import { banks } from "@/lib/i18n/messages/banks";
import { contracts } from "@/lib/i18n/messages/contracts";
import { dataExport } from "@/lib/i18n/messages/data-export";
import { ownCategories } from "@/lib/i18n/messages/own-categories";
import { rules } from "@/lib/i18n/messages/rules";
import { settings } from "@/lib/i18n/messages/settings";
import { twoFactor } from "@/lib/i18n/messages/two-factor";
import { clientFeatures, inLocale, type InLocale } from "@/lib/i18n/messages/client";

// One dictionary per feature, each `{ en, de }` with German typed against English.
// Add a feature: create messages/<feature>.ts and list it in client.ts (or here, for server-only
// texts and for texts only some pages' client components need: they read it with usePageTexts).
const features = {
  ...clientFeatures,
  admin,
  securityEmail,
  banks,
  settings,
  twoFactor,
  contracts,
  dataExport,
  rules,
  ownCategories,
};

export type Messages = InLocale<typeof features>;

/** Every dictionary, for server components and server code. */
export const messages = (locale: Locale): Messages => inLocale(features, locale);

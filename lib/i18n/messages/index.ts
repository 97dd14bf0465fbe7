import type { Locale } from "@/lib/i18n/locale";
import { admin } from "@/lib/i18n/messages/admin";
import { securityEmail } from "@/lib/i18n/messages/security-email";
import { clientFeatures, inLocale, type InLocale } from "@/lib/i18n/messages/client";

// One dictionary per feature, each `{ en, de }` with German typed against English.
// Add a feature: create messages/<feature>.ts and list it in client.ts (or here, for server-only
// and admin texts).
const features = { ...clientFeatures, admin, securityEmail };

export type Messages = InLocale<typeof features>;

/** Every dictionary, for server components and server code. */
export const messages = (locale: Locale): Messages => inLocale(features, locale);

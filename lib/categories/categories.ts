import type { Locale } from "@/lib/i18n/locale";

/**
 * XS2A's hierarchical `category_id` ("K.2.1") turned into readable German and English names.
 * XS2A publishes its list only behind a login (manage.xs2a.com/documentation/categories), so
 * this covers the top letters seen in the wild (A, E, K, N) and every id the sandbox generates;
 * an unknown id falls back to its nearest known parent ("K.2.9" → "K.2" → "K"), so a new code
 * from XS2A never shows as a raw string.
 *
 * Top letters as we read them: E = income (Einnahmen), K = spending (Konsum), N = neutral
 * transfers between the user's own accounts, A = savings and investments (Anlage).
 */
type Name = { en: string; de: string };

const CATEGORIES: Readonly<Record<string, Name>> = {
  A: { en: "Savings & investments", de: "Sparen & Anlegen" },
  "A.1": { en: "Savings", de: "Sparen" },
  "A.2": { en: "Investments", de: "Geldanlage" },

  E: { en: "Income", de: "Einnahmen" },
  "E.1": { en: "Salary", de: "Gehalt" },
  "E.1.1": { en: "Salary", de: "Gehalt & Lohn" },
  "E.2": { en: "Interest & dividends", de: "Zinsen & Dividenden" },
  "E.2.1": { en: "Interest", de: "Zinsen" },
  "E.3": { en: "Transfers received", de: "Erhaltene Überweisungen" },
  "E.3.1": { en: "Transfers from others", de: "Überweisungen von anderen" },
  "E.4": { en: "Other income", de: "Sonstige Einnahmen" },
  "E.4.1": { en: "Other income", de: "Sonstige Einnahmen" },
  "E.5": { en: "Child benefit & state payments", de: "Kindergeld & Leistungen" },

  K: { en: "Spending", de: "Ausgaben" },
  "K.1": { en: "Housing", de: "Wohnen" },
  "K.1.1": { en: "Rent", de: "Miete" },
  "K.2": { en: "Food & dining", de: "Essen & Trinken" },
  "K.2.1": { en: "Groceries", de: "Lebensmittel" },
  "K.2.2": { en: "Restaurants & cafés", de: "Restaurants & Cafés" },
  "K.3": { en: "Utilities & contracts", de: "Energie & Verträge" },
  "K.3.1": { en: "Energy", de: "Strom & Gas" },
  "K.3.2": { en: "Phone & internet", de: "Telefon & Internet" },
  "K.4": { en: "Insurance", de: "Versicherungen" },
  "K.4.1": { en: "Insurance", de: "Versicherungen" },
  "K.5": { en: "Leisure", de: "Freizeit" },
  "K.5.1": { en: "Streaming & subscriptions", de: "Streaming & Abos" },
  "K.5.2": { en: "Sports & fitness", de: "Sport & Fitness" },
  "K.6": { en: "Cash", de: "Bargeld" },
  "K.6.1": { en: "Cash withdrawal", de: "Bargeldabhebung" },
  "K.7": { en: "Shopping", de: "Einkaufen" },
  "K.7.1": { en: "Online shopping", de: "Online-Einkäufe" },
  "K.8": { en: "Mobility & travel", de: "Mobilität & Reisen" },
  "K.8.1": { en: "Fuel", de: "Tanken" },
  "K.8.2": { en: "Public transport & rail", de: "Bahn & ÖPNV" },
  "K.8.3": { en: "Travel & hotels", de: "Reisen & Hotels" },
  "K.9": { en: "Health & drugstore", de: "Gesundheit & Drogerie" },
  "K.9.1": { en: "Drugstore", de: "Drogerie" },
  "K.10": { en: "Home & household", de: "Haushalt & Einrichtung" },
  "K.10.1": { en: "Furniture & household", de: "Möbel & Haushalt" },
  "K.11": { en: "Fees & taxes", de: "Gebühren & Steuern" },

  N: { en: "Own transfers", de: "Eigene Umbuchungen" },
  "N.1": { en: "Transfers between own accounts", de: "Umbuchungen zwischen eigenen Konten" },
  "N.1.1": { en: "Transfers between own accounts", de: "Umbuchungen zwischen eigenen Konten" },
};

/** XS2A tags (a fixed vocabulary) that are worth showing; others are displayed as they come. */
const TAGS: Readonly<Record<string, Name>> = {
  salary: { en: "Salary", de: "Gehalt" },
  income: { en: "Income", de: "Einnahme" },
  rent: { en: "Rent", de: "Miete" },
  insurance: { en: "Insurance", de: "Versicherung" },
  cash: { en: "Cash", de: "Bargeld" },
  "direct-debit": { en: "Direct debit", de: "Lastschrift" },
  transfer: { en: "Transfer", de: "Überweisung" },
  "standing-order": { en: "Standing order", de: "Dauerauftrag" },
  "own-account": { en: "Own account", de: "Eigenes Konto" },
  card: { en: "Card", de: "Karte" },
  groceries: { en: "Groceries", de: "Lebensmittel" },
  restaurant: { en: "Restaurant", de: "Restaurant" },
  coffee: { en: "Coffee", de: "Kaffee" },
  energy: { en: "Energy", de: "Energie" },
  telecommunication: { en: "Telecommunication", de: "Telekommunikation" },
  subscription: { en: "Subscription", de: "Abo" },
  entertainment: { en: "Entertainment", de: "Unterhaltung" },
  sports: { en: "Sports", de: "Sport" },
  drugstore: { en: "Drugstore", de: "Drogerie" },
  fuel: { en: "Fuel", de: "Tanken" },
  car: { en: "Car", de: "Auto" },
  travel: { en: "Travel", de: "Reisen" },
  household: { en: "Household", de: "Haushalt" },
  "online-shopping": { en: "Online shopping", de: "Online-Einkauf" },
  clothing: { en: "Clothing", de: "Kleidung" },
  interest: { en: "Interest", de: "Zinsen" },
  gambling: { en: "Gambling", de: "Glücksspiel" },
};

/** Only well-formed ids: a letter, then dot-separated numbers. */
const ID_RE = /^[A-Z](\.\d{1,3}){0,3}$/;
/** A user's own category (issue 17): "u:" + the row's cuid. Never starts with "N" (own transfers). */
const OWN_RE = /^u:[a-z0-9]{8,40}$/;
export const isOwnCategoryId = (v: string) => OWN_RE.test(v);
export const isCategoryId = (v: string) => ID_RE.test(v) || OWN_RE.test(v);

/** One of the viewer's own categories as every page names it: "Parent → Child" for a sub-category. */
export interface OwnCategoryLabel {
  name: string;
  /** "#rrggbb", chosen by the user. */
  color: string;
}
/**
 * The one lookup of the viewer's own categories by id ("u:…"), used wherever a category is named
 * (lists, charts, contracts, budgets, CSV). Built from the rows by lib/data/own-categories.ts on the
 * server and by OwnCategoriesProvider in the browser.
 */
export type OwnCategoryNames = Readonly<Record<string, OwnCategoryLabel>>;

/** The lookup from the listed own categories (lib/data/own-categories.ts's DTOs). */
export function ownCategoryLookup(list: readonly { ref: string; fullName: string; color: string }[]): OwnCategoryNames {
  return Object.fromEntries(list.map((c) => [c.ref, { name: c.fullName, color: c.color }]));
}

/** The id itself or its nearest known parent; null when even the top letter is unknown. */
export function knownCategory(id: string | null | undefined): string | null {
  if (!id) return null;
  const parts = id.trim().toUpperCase().split(".");
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join(".");
    if (CATEGORIES[candidate]) return candidate;
  }
  return null;
}

/** A readable name for a category id, in the viewer's language, falling back to the parent. */
export function categoryName(id: string | null | undefined, locale: Locale, own?: OwnCategoryNames): string {
  // A deleted own category's transactions went back to their automatic one; a reference left
  // elsewhere (a contract detected before) reads as uncategorised rather than as a raw id.
  if (id && isOwnCategoryId(id)) return own?.[id]?.name ?? (locale === "de" ? "Ohne Kategorie" : "Uncategorised");
  const known = knownCategory(id);
  if (known) return CATEGORIES[known][locale];
  return locale === "de" ? "Ohne Kategorie" : "Uncategorised";
}

/** The user's colour of an own category; null for the automatic ones (charts pick theirs). */
export function categoryColor(id: string | null | undefined, own?: OwnCategoryNames): string | null {
  return (id && own?.[id]?.color) || null;
}

/** The group used by charts: the first two levels ("K.2.1" → "K.2"); "" when uncategorised. */
export function categoryGroup(id: string | null | undefined): string {
  if (id && isOwnCategoryId(id)) return id;
  const known = knownCategory(id);
  if (!known) return "";
  return known.split(".").slice(0, 2).join(".");
}

export function tagName(tag: string, locale: Locale): string {
  return TAGS[tag]?.[locale] ?? tag;
}

/** Choices for the user's own category and the category filter: groups with their leaves. */
export function categoryOptions(locale: Locale): { id: string; name: string; depth: number }[] {
  const ids = Object.keys(CATEGORIES).sort(compareIds);
  return ids.map((id) => ({ id, name: CATEGORIES[id][locale], depth: id.split(".").length - 1 }));
}

function compareIds(a: string, b: string) {
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    if (pa[i] !== pb[i]) return i === 0 ? pa[i].localeCompare(pb[i]) : Number(pa[i]) - Number(pb[i]);
  }
  return 0;
}

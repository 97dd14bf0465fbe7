import { categoryName, type OwnCategoryNames } from "@/lib/categories/categories";
import type { Locale } from "@/lib/i18n/locale";

/** The fields the export needs (a subset of the list's DTO). */
export interface CsvRow {
  bookingDate: string;
  amount: string;
  currency: string;
  status: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  purpose: string;
  categoryId: string | null;
  userCategory: string | null;
  note: string | null;
  accountName: string;
  bankName: string;
  /** The bank's, the rules' and the user's tags (issue 17); the last column. */
  tags?: string[];
  ruleTags?: string[];
  userTags?: string[];
  /** A rule's name for the counterparty, shown instead of the bank's. */
  ruleCounterparty?: string | null;
}

/**
 * CSV as German and English spreadsheets open it without an import dialog: German Excel wants
 * semicolons, a decimal comma and a UTF-8 BOM (else umlauts break); English uses commas and dots.
 * Dates are ISO in English and DD.MM.YYYY in German; amounts carry no thousands separator.
 */
export function csvDialect(locale: Locale) {
  return locale === "de" ? { sep: ";", decimal: ",", bom: "\uFEFF" } : { sep: ",", decimal: ".", bom: "" };
}

const HEADERS = {
  en: [
    "Date",
    "Amount",
    "Currency",
    "Status",
    "Counterparty",
    "Counterparty IBAN",
    "Purpose",
    "Category",
    "Note",
    "Account",
    "Bank",
    "Tags",
  ],
  de: [
    "Buchungstag",
    "Betrag",
    "Währung",
    "Status",
    "Gegenpartei",
    "IBAN Gegenpartei",
    "Verwendungszweck",
    "Kategorie",
    "Notiz",
    "Konto",
    "Bank",
    "Merkmale",
  ],
} as const;
const STATUS = {
  en: { PENDING: "pending", BOOKED: "booked", CANCELED: "cancelled" },
  de: { PENDING: "vorgemerkt", BOOKED: "gebucht", CANCELED: "storniert" },
} as const;

export function csvHeader(locale: Locale): string {
  const { sep, bom } = csvDialect(locale);
  return bom + HEADERS[locale].map((h) => cell(h, sep)).join(sep) + "\r\n";
}

export function csvLine(row: CsvRow, locale: Locale, own?: OwnCategoryNames): string {
  const { sep, decimal } = csvDialect(locale);
  const date = locale === "de" ? row.bookingDate.split("-").reverse().join(".") : row.bookingDate;
  const category = row.userCategory ?? row.categoryId;
  const values = [
    date,
    row.amount.replace(".", decimal),
    row.currency,
    STATUS[locale][row.status as keyof (typeof STATUS)["en"]] ?? row.status,
    row.ruleCounterparty ?? row.counterpartyName ?? "",
    row.counterpartyIban ?? "",
    row.purpose,
    category ? categoryName(category, locale, own) : "",
    row.note ?? "",
    row.accountName,
    row.bankName,
    [...new Set([...(row.userTags ?? []), ...(row.ruleTags ?? []), ...(row.tags ?? [])])].join(" "),
  ];
  return values.map((v) => cell(v, sep)).join(sep) + "\r\n";
}

/**
 * Quotes when needed (separator, quote, line break) and defuses spreadsheet formulas: a cell
 * starting with = + - @ would run as a formula in Excel, so text cells get a leading apostrophe.
 * Amounts are never text, so a negative amount stays a number.
 */
export function cell(value: string, sep: string): string {
  let v = value.replace(/\r\n?|\n/g, " ");
  if (/^[=+\-@\t]/.test(v) && !/^-?\d+([.,]\d+)?$/.test(v)) v = "'" + v;
  return v.includes(sep) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v;
}

import { categoryName, type OwnCategoryNames } from "@/lib/categories/categories";
import type { Locale } from "@/lib/i18n/locale";
import { cell, csvDialect } from "@/lib/transactions/csv";
import type { ContractDto } from "./contracts.ts";

const HEADERS = {
  en: [
    "Contract",
    "Status",
    "Direction",
    "Counterparty",
    "Category",
    "Cadence",
    "Amount",
    "Minimum",
    "Maximum",
    "Per month",
    "Per year",
    "Currency",
    "Last payment",
    "Next expected",
    "End date",
    "Notice days",
    "Accounts",
    "Creditor id",
    "Mandate reference",
  ],
  de: [
    "Vertrag",
    "Status",
    "Richtung",
    "Gegenpartei",
    "Kategorie",
    "Rhythmus",
    "Betrag",
    "Minimum",
    "Maximum",
    "Pro Monat",
    "Pro Jahr",
    "Währung",
    "Letzte Zahlung",
    "Nächste erwartet",
    "Vertragsende",
    "Kündigungsfrist Tage",
    "Konten",
    "Gläubiger-ID",
    "Mandatsreferenz",
  ],
} as const;

const WORDS = {
  en: {
    SUGGESTED: "suggested",
    CONFIRMED: "confirmed",
    DISMISSED: "dismissed",
    in: "income",
    out: "cost",
    weekly: "weekly",
    monthly: "monthly",
    quarterly: "quarterly",
    "half-yearly": "half-yearly",
    yearly: "yearly",
  },
  de: {
    SUGGESTED: "Vorschlag",
    CONFIRMED: "bestätigt",
    DISMISSED: "verworfen",
    in: "Einnahme",
    out: "Ausgabe",
    weekly: "wöchentlich",
    monthly: "monatlich",
    quarterly: "vierteljährlich",
    "half-yearly": "halbjährlich",
    yearly: "jährlich",
  },
} as const;

/** Contracts as CSV in the same dialects as the transaction export (lib/transactions/csv.ts). */
export function contractsCsv(rows: ContractDto[], locale: Locale, own?: OwnCategoryNames): string {
  const { sep, decimal, bom } = csvDialect(locale);
  const w = WORDS[locale];
  const date = (d: string | null) => (!d ? "" : locale === "de" ? d.split("-").reverse().join(".") : d);
  const num = (v: string) => v.replace(".", decimal);
  const lines = rows.map((r) =>
    [
      r.name,
      w[r.status],
      w[r.direction],
      r.counterpartyName ?? "",
      r.categoryId ? categoryName(r.categoryId, locale, own) : "",
      w[r.cadence],
      num(r.typical),
      num(r.amountMin),
      num(r.amountMax),
      num(r.perMonth),
      num(r.perYear),
      r.currency,
      date(r.lastDate),
      r.active ? date(r.nextDate) : "",
      date(r.endDate),
      r.noticeDays === null ? "" : String(r.noticeDays),
      r.accountNames.join(", "),
      r.creditorId ?? "",
      r.mandateReference ?? "",
    ]
      .map((v) => cell(v, sep))
      .join(sep),
  );
  return bom + [HEADERS[locale].map((h) => cell(h, sep)).join(sep), ...lines].join("\r\n") + "\r\n";
}

import { categoryName, type OwnCategoryNames } from "@/lib/categories/categories";
import type { Locale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";
import { cell, csvDialect } from "@/lib/transactions/csv";
import type { ContractDto } from "./contracts.ts";

/**
 * Contracts as CSV in the same dialects as the transaction export (lib/transactions/csv.ts); its
 * headers and words come from the contracts messages.
 */
export function contractsCsv(rows: ContractDto[], locale: Locale, own?: OwnCategoryNames): string {
  const { sep, decimal, bom } = csvDialect(locale);
  const c = messages(locale).contracts;
  const date = (d: string | null) => (!d ? "" : locale === "de" ? d.split("-").reverse().join(".") : d);
  const num = (v: string) => v.replace(".", decimal);
  const lines = rows.map((r) =>
    [
      r.name,
      c.csv.status[r.status],
      c.csv.direction[r.direction],
      r.counterpartyName ?? "",
      r.categoryId ? categoryName(r.categoryId, locale, own) : "",
      c.cadence[r.cadence],
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
  return bom + [c.csv.headers.map((h) => cell(h, sep)).join(sep), ...lines].join("\r\n") + "\r\n";
}

import { formatDate, formatMoney } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";
import type { ContractAlert } from "./contract-alerts.ts";

/** One alert as a sentence (app and email digest). */
export function alertText(
  a: ContractAlert & { contractName: string; currency: string },
  m: Pick<Messages, "contracts">,
  locale: Locale,
): string {
  const t = m.contracts.alert;
  const money = (cents: number | undefined) => formatMoney((cents ?? 0) / 100, a.currency, locale);
  switch (a.kind) {
    case "price_increase":
      return t.price_increase(a.contractName, money(a.previousCents), money(a.currentCents));
    case "late":
      return t.late(a.contractName, a.value);
    case "new_contract":
      return t.new_contract(a.contractName);
    case "after_end":
      return t.after_end(a.contractName, formatDate(a.since, locale));
    case "cancel_deadline":
      return t.cancel_deadline(a.contractName, formatDate(a.deadline ?? a.since, locale));
  }
}

// Sandbox extension: turnovers a test puts into an account's list by hand (control
// `/__sandbox/accounts/{id}/extra-turnovers`), to make the sandbox send what real banks sometimes
// send — a turnover without a booking date, an amount off the cent grid or with a float artefact,
// an odd currency — and later the same turnover in a valid form (same key). They are served with
// the generated turnovers, newest first, and do not move the balance (an odd amount would make the
// balance itself unreadable).

import { findBank } from "./banks";
import { hashHex } from "./hash";
import { today } from "./state";
import { isDate } from "./time";
import type { AccountRec, ExtraTurnoverRec, SandboxState } from "./types";

/** The turnover a key stands for when the test gives no fields: a booked card payment of today. */
function template(state: SandboxState, account: AccountRec, key: string): Record<string, unknown> {
  const ids = findBank(account.bankCode)?.providesTransactionIds ?? false;
  return {
    id: null,
    // Stable per account and key, so "the same turnover" keeps its bank id across versions.
    transaction_id: ids ? `SX${hashHex(`${account.id}:extra:${key}`, 14).toUpperCase()}` : null,
    booking_date: today(state),
    amount: -12.34,
    currency: "EUR",
    purpose: [`Sandbox extra turnover ${key}`],
    counter_iban: null,
    counter_bic: null,
    counter_holder: "Sandbox Test GmbH",
    prebooked: false,
    canceled: false,
    tags: [],
    category_id: "K.99",
    creditor_id: null,
    new: true,
    object: "turnover",
  };
}

/** Adds or replaces the account's extra turnover `key`: the template, then `fields`, then `omit` removed. */
export function putExtraTurnover(
  state: SandboxState,
  account: AccountRec,
  input: { key: string; fields: Record<string, unknown>; omit: string[] },
): ExtraTurnoverRec {
  const item: Record<string, unknown> = { ...template(state, account, input.key), ...input.fields };
  for (const field of input.omit) delete item[field];
  const rec: ExtraTurnoverRec = { key: input.key, item };
  account.extraTurnovers = [...(account.extraTurnovers ?? []).filter((x) => x.key !== input.key), rec];
  return rec;
}

export function deleteExtraTurnover(account: AccountRec, key: string): boolean {
  const before = account.extraTurnovers?.length ?? 0;
  account.extraTurnovers = (account.extraTurnovers ?? []).filter((x) => x.key !== key);
  return account.extraTurnovers.length < before;
}

/**
 * The extra items a turnovers request returns: an item with a readable booking date follows the
 * `from`/`to` filter; one without (missing, null, odd) is always sent, as it cannot be filtered.
 */
export function extraTurnoversFor(
  account: AccountRec,
  query: { from: string | null; to: string | null; onlyNew: boolean },
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const { item } of account.extraTurnovers ?? []) {
    const date = item.booking_date;
    if (isDate(date) && ((query.from && date < query.from) || (query.to && date > query.to))) continue;
    if (query.onlyNew && item.new === false) continue;
    out.push(item);
  }
  // Newest first like the generated list; items without a readable date first of all.
  const key = (item: Record<string, unknown>) => (isDate(item.booking_date) ? item.booking_date : "~");
  return out.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

import "server-only";
import type { AccountDto } from "@/lib/data/accounts";
import { fromCents, toCents } from "@/lib/transactions/cents";

export interface AccountTotal {
  currency: string;
  /** Sum of the booked balances, exact ("1234.56"). */
  booked: string;
  accounts: number;
}

/**
 * The accounts page's total per currency, counted as the dashboard counts it: the booked balance
 * of every open visible account (one with no balance reported counts as an account, adds nothing);
 * currencies are never added together. EUR first, then alphabetical.
 */
export function accountTotals(accounts: Pick<AccountDto, "currency" | "balance" | "closed">[]): AccountTotal[] {
  const totals = new Map<string, { cents: number; accounts: number }>();
  for (const a of accounts) {
    if (a.closed) continue;
    const t = totals.get(a.currency) ?? { cents: 0, accounts: 0 };
    t.cents += a.balance ? toCents(a.balance) : 0;
    t.accounts += 1;
    totals.set(a.currency, t);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === "EUR" ? -1 : b === "EUR" ? 1 : a < b ? -1 : 1))
    .map(([currency, t]) => ({ currency, booked: fromCents(t.cents), accounts: t.accounts }));
}

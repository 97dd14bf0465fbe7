import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { categoryGroup } from "@/lib/categories/categories";
import { today as berlinToday } from "@/lib/clock";
import { db } from "@/lib/db";
import { groupByBank, listVisibleAccounts, type BankGroupDto } from "@/lib/data/accounts";
import { listTransactions, type TransactionDto } from "@/lib/data/transactions";
import { fromCents, toCents } from "@/lib/transactions/cents";
import { EMPTY_FILTERS } from "@/lib/transactions/filters";

export interface CurrencyTotal { currency: string; booked: string; pending: string; accounts: number }
export interface MonthFlow { month: string; income: string; spending: string }
export interface CategorySpend { group: string; amount: string }

export interface DashboardDto {
  hasAccounts: boolean;
  today: string;
  totals: CurrencyTotal[];
  banks: BankGroupDto[];
  recent: TransactionDto[];
  /** Per currency, the last 12 calendar months (oldest first, empty months included). */
  flows: { currency: string; months: MonthFlow[] }[];
  /** Per currency, spending of the last 12 months by category group, largest first. */
  categories: { currency: string; items: CategorySpend[] }[];
}

/**
 * Everything on the dashboard. Rules for every figure here:
 *  - cancelled transactions count nowhere;
 *  - hidden duplicate accounts (same IBAN via a second login) and their transactions are left
 *    out, so nothing is counted twice; closed accounts count in history but not in balances;
 *  - pending rows are replaced by their booked row on import, so including them never counts a
 *    payment twice; balances are the bank's booked balance and pending is shown beside it;
 *  - transfers between the user's own accounts (category N…) are neither income nor spending.
 */
export async function getDashboard(viewer: Viewer): Promise<DashboardDto> {
  const [accounts, today] = await Promise.all([listVisibleAccounts(viewer), berlinToday()]);
  const empty: DashboardDto = { hasAccounts: false, today, totals: [], banks: [], recent: [], flows: [], categories: [] };
  if (accounts.length === 0) return empty;
  const ids = accounts.map((a) => a.id);
  const openIds = accounts.filter((a) => !a.closed).map((a) => a.id);
  const firstMonth = `${shiftMonth(today.slice(0, 7), -11)}-01`;

  const [pending, months, cats, recent] = await Promise.all([
    db.$queryRaw<{ currency: string; total: { toFixed(n: number): string } }[]>`
      SELECT t.currency, sum(t.amount) AS total FROM "Transaction" t
      WHERE t."userId" = ${viewer.id} AND t."accountId" = ANY(${openIds}::text[]) AND t.status = 'PENDING'
      GROUP BY t.currency`,
    db.$queryRaw<{ month: string; currency: string; income: { toFixed(n: number): string } | null; spending: { toFixed(n: number): string } | null }[]>`
      SELECT to_char(t."bookingDate", 'YYYY-MM') AS month, t.currency,
             sum(t.amount) FILTER (WHERE t.amount > 0) AS income, sum(t.amount) FILTER (WHERE t.amount < 0) AS spending
      FROM "Transaction" t
      WHERE t."userId" = ${viewer.id} AND t."accountId" = ANY(${ids}::text[]) AND t.status <> 'CANCELED'
        AND t."bookingDate" >= ${firstMonth}::date AND t."bookingDate" <= ${today}::date
        AND coalesce(t."userCategory", t."categoryId", '') NOT LIKE 'N%'
      GROUP BY 1, 2`,
    db.$queryRaw<{ category: string | null; currency: string; total: { toFixed(n: number): string } }[]>`
      SELECT coalesce(t."userCategory", t."categoryId") AS category, t.currency, sum(t.amount) AS total
      FROM "Transaction" t
      WHERE t."userId" = ${viewer.id} AND t."accountId" = ANY(${ids}::text[]) AND t.status <> 'CANCELED' AND t.amount < 0
        AND t."bookingDate" >= ${firstMonth}::date AND t."bookingDate" <= ${today}::date
        AND coalesce(t."userCategory", t."categoryId", '') NOT LIKE 'N%'
      GROUP BY 1, 2`,
    listTransactions({ viewer, filters: { ...EMPTY_FILTERS, statuses: ["PENDING", "BOOKED"] }, limit: 8, accounts }),
  ]);

  const totals = new Map<string, { booked: number; pending: number; accounts: number }>();
  for (const a of accounts) {
    if (a.closed) continue;
    const t = totals.get(a.currency) ?? { booked: 0, pending: 0, accounts: 0 };
    t.booked += a.balance ? toCents(a.balance) : 0;
    t.accounts += 1;
    totals.set(a.currency, t);
  }
  for (const p of pending) {
    const t = totals.get(p.currency) ?? { booked: 0, pending: 0, accounts: 0 };
    t.pending += toCents(p.total.toFixed(2));
    totals.set(p.currency, t);
  }

  const monthList = Array.from({ length: 12 }, (_, i) => shiftMonth(firstMonth.slice(0, 7), i));
  const currencies = [...new Set(months.map((r) => r.currency))].sort(eurFirst);
  const flows = currencies.map((currency) => ({
    currency,
    months: monthList.map((month) => {
      const r = months.find((x) => x.month === month && x.currency === currency);
      return { month, income: r?.income?.toFixed(2) ?? "0.00", spending: r?.spending ? r.spending.toFixed(2).replace("-", "") : "0.00" };
    }),
  }));

  const byCur = new Map<string, Map<string, number>>();
  for (const r of cats) {
    const groups = byCur.get(r.currency) ?? new Map<string, number>();
    const g = categoryGroup(r.category);
    groups.set(g, (groups.get(g) ?? 0) - toCents(r.total.toFixed(2)));
    byCur.set(r.currency, groups);
  }
  const categories = [...byCur.entries()].sort(([a], [b]) => eurFirst(a, b)).map(([currency, groups]) => ({
    currency,
    items: [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([group, c]) => ({ group, amount: fromCents(c) })),
  }));

  return {
    hasAccounts: true,
    today,
    totals: [...totals.entries()].sort(([a], [b]) => eurFirst(a, b)).map(([currency, t]) => ({ currency, booked: fromCents(t.booked), pending: fromCents(t.pending), accounts: t.accounts })),
    banks: groupByBank(accounts),
    recent: recent.items,
    flows,
    categories,
  };
}

const eurFirst = (a: string, b: string) => (a === "EUR" ? -1 : b === "EUR" ? 1 : a.localeCompare(b));

/** "2026-11" shifted by n months. */
export function shiftMonth(ym: string, n: number): string {
  const [y, m] = ym.split("-").map(Number);
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, "0")}`;
}

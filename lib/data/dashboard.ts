import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { categoryGroup } from "@/lib/categories/categories";
import { cachedForUser } from "@/lib/cache/user-cache";
import { today as berlinToday } from "@/lib/clock";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { groupByBank, listVisibleAccounts, type BankGroupDto } from "@/lib/data/accounts";
import { listTransactions, type TransactionDto } from "@/lib/data/transactions";
import { fromCents, toCents } from "@/lib/transactions/cents";
import { EMPTY_FILTERS } from "@/lib/transactions/filters";

export interface CurrencyTotal {
  currency: string;
  booked: string;
  pending: string;
  accounts: number;
}
export interface MonthFlow {
  month: string;
  income: string;
  spending: string;
}
export interface CategorySpend {
  group: string;
  amount: string;
}

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
  const day = await berlinToday();
  return cachedForUser(viewer.id, "dashboard", [day], () => readDashboard(viewer));
}

async function readDashboard(viewer: Viewer): Promise<DashboardDto> {
  const [accounts, today] = await Promise.all([listVisibleAccounts(viewer), berlinToday()]);
  const empty: DashboardDto = {
    hasAccounts: false,
    today,
    totals: [],
    banks: [],
    recent: [],
    flows: [],
    categories: [],
  };
  if (accounts.length === 0) return empty;
  const ids = accounts.map((a) => a.id);
  const openIds = accounts.filter((a) => !a.closed).map((a) => a.id);
  const firstMonth = `${shiftMonth(today.slice(0, 7), -11)}-01`;

  const thisMonth = `${today.slice(0, 7)}-01`;
  const nextMonth = `${shiftMonth(today.slice(0, 7), 1)}-01`;

  // The sums come from "TransactionMonthly" (kept by triggers in the same transaction as the
  // rows), a few rows per account and month instead of every transaction. Rows of this month
  // dated after today (banks book ahead) are in the month's sums but not yet in the chart: they
  // are read from "Transaction" (a short index range) and taken off again.
  type Sum = { toFixed(n: number): string };
  const [pending, monthly, ahead, recent] = await Promise.all([
    db.$queryRaw<{ currency: string; total: Sum }[]>`
      SELECT m.currency, sum(m.income + m.spending) AS total FROM "TransactionMonthly" m
      WHERE m."userId" = ${viewer.id} AND m."accountId" = ANY(${openIds}::text[]) AND m.status = 'PENDING'
      GROUP BY m.currency`,
    db.$queryRaw<{ month: string; currency: string; category: string; income: Sum; spending: Sum }[]>(
      monthlySumsSql({ userId: viewer.id, accountIds: ids, firstMonth, lastMonth: thisMonth }),
    ),
    db.$queryRaw<{ month: string; currency: string; category: string; income: Sum; spending: Sum }[]>`
      SELECT to_char(t."bookingDate", 'YYYY-MM') AS month, t.currency, coalesce(t."userCategory", t."categoryId", '') AS category,
             coalesce(sum(t.amount) FILTER (WHERE t.amount > 0), 0) AS income, coalesce(sum(t.amount) FILTER (WHERE t.amount < 0), 0) AS spending
      FROM "Transaction" t
      WHERE t."userId" = ${viewer.id} AND t."accountId" = ANY(${ids}::text[]) AND t.status <> 'CANCELED'
        AND t."bookingDate" > ${today}::date AND t."bookingDate" < ${nextMonth}::date
        AND coalesce(t."userCategory", t."categoryId", '') NOT LIKE 'N%'
      GROUP BY 1, 2, 3`,
    listTransactions({ viewer, filters: { ...EMPTY_FILTERS, statuses: ["PENDING", "BOOKED"] }, limit: 8, accounts }),
  ]);

  // Cents per (month, currency) and per (currency, category), this month's future rows taken off.
  const flowCents = new Map<string, { income: number; spending: number }>();
  const catCents = new Map<string, number>();
  const add = (r: (typeof monthly)[number], sign: 1 | -1) => {
    const key = `${r.month}|${r.currency}`;
    const f = flowCents.get(key) ?? { income: 0, spending: 0 };
    f.income += sign * toCents(r.income.toFixed(2));
    f.spending += sign * toCents(r.spending.toFixed(2));
    flowCents.set(key, f);
    const ck = `${r.currency}|${r.category}`;
    catCents.set(ck, (catCents.get(ck) ?? 0) + sign * toCents(r.spending.toFixed(2)));
  };
  for (const r of monthly) add(r, 1);
  for (const r of ahead) add(r, -1);

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
  const currencies = [
    ...new Set(
      [...flowCents.entries()].filter(([, f]) => f.income !== 0 || f.spending !== 0).map(([k]) => k.split("|")[1]!),
    ),
  ].sort(eurFirst);
  const flows = currencies.map((currency) => ({
    currency,
    months: monthList.map((month) => {
      const f = flowCents.get(`${month}|${currency}`);
      return { month, income: fromCents(f?.income ?? 0), spending: fromCents(-(f?.spending ?? 0)) };
    }),
  }));

  const byCur = new Map<string, Map<string, number>>();
  for (const [key, cents] of catCents) {
    if (cents === 0) continue;
    const [currency, category] = key.split("|") as [string, string];
    const groups = byCur.get(currency) ?? new Map<string, number>();
    const g = categoryGroup(category || null);
    groups.set(g, (groups.get(g) ?? 0) - cents);
    byCur.set(currency, groups);
  }
  const categories = [...byCur.entries()]
    .sort(([a], [b]) => eurFirst(a, b))
    .map(([currency, groups]) => ({
      currency,
      items: [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([group, c]) => ({ group, amount: fromCents(c) })),
    }));

  return {
    hasAccounts: true,
    today,
    totals: [...totals.entries()]
      .sort(([a], [b]) => eurFirst(a, b))
      .map(([currency, t]) => ({
        currency,
        booked: fromCents(t.booked),
        pending: fromCents(t.pending),
        accounts: t.accounts,
      })),
    banks: groupByBank(accounts),
    recent: recent.items,
    flows,
    categories,
  };
}

/**
 * The dashboard's 12-month sums per month, currency and category (transfers between own accounts
 * left out) from "TransactionMonthly"; exported for the benchmark's EXPLAIN.
 */
export function monthlySumsSql(opts: {
  userId: string;
  accountIds: string[];
  firstMonth: string;
  lastMonth: string;
}): Prisma.Sql {
  return Prisma.sql`
    SELECT to_char(m.month, 'YYYY-MM') AS month, m.currency, m.category, sum(m.income) AS income, sum(m.spending) AS spending
    FROM "TransactionMonthly" m
    WHERE m."userId" = ${opts.userId} AND m."accountId" = ANY(${opts.accountIds}::text[])
      AND m.month >= ${opts.firstMonth}::date AND m.month <= ${opts.lastMonth}::date AND m.category NOT LIKE 'N%'
    GROUP BY 1, 2, 3`;
}

const eurFirst = (a: string, b: string) => (a === "EUR" ? -1 : b === "EUR" ? 1 : a.localeCompare(b));

/** "2026-11" shifted by n months. */
export function shiftMonth(ym: string, n: number): string {
  const [y, m] = ym.split("-").map(Number);
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, "0")}`;
}

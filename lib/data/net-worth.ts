import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { cachedForUser } from "@/lib/cache/user-cache";
import { today as berlinToday } from "@/lib/clock";
import { db } from "@/lib/db";
import { listVisibleAccounts } from "@/lib/data/accounts";
import { dailyBalances, monthEnds, sumSeries } from "@/lib/data/net-worth-math";
import { addDays, fromCents, toCents } from "@/lib/transactions/cents";

export interface NetWorthDto {
  currency: string;
  /**
   * The balance at the end of each day of the last 12 months, oldest first, in cents: `cents[i]`
   * is day `from` + i. Compact because it travels with the page (366 points; as date/amount
   * objects it was 17 kB of the dashboard's RSC payload, and the HTML carries that payload again).
   */
  daily: { from: string; cents: number[] };
  /** The last day of each month (the running month: today), newest first. */
  monthEnds: { date: string; balance: string }[];
}

/**
 * Net worth over the last 12 months per currency: the daily balance of every visible open
 * account with a balance (hidden duplicates left out, so an account linked twice counts once),
 * derived from the bank's snapshots and the booked transactions between them (net-worth-math.ts),
 * summed per currency. Two statements: the day sums of the booked movements (TransactionDaily), and
 * the snapshots.
 */
export async function getNetWorth(viewer: Viewer): Promise<NetWorthDto[]> {
  const day = await berlinToday();
  return cachedForUser(viewer.id, "net-worth", [day], () => readNetWorth(viewer));
}

async function readNetWorth(viewer: Viewer): Promise<NetWorthDto[]> {
  const [accounts, today] = await Promise.all([listVisibleAccounts(viewer), berlinToday()]);
  const open = accounts.filter((a) => !a.closed && a.balance !== null);
  if (open.length === 0) return [];
  const ids = open.map((a) => a.id);
  const from = addDays(today, -365);
  const [movements, snapshots] = await Promise.all([
    // The day sums kept by the database (model TransactionDaily): at most 366 rows an account.
    db.$queryRaw<{ accountId: string; d: string; total: { toFixed(n: number): string } }[]>`
      SELECT s."accountId", to_char(s.day, 'YYYY-MM-DD') AS d, s.amount AS total
      FROM "TransactionDaily" s
      WHERE s."userId" = ${viewer.id} AND s."accountId" = ANY(${ids}::text[]) AND s.day > ${from}::date AND s.count <> 0`,
    db.$queryRaw<{ accountId: string; d: string; balance: { toFixed(n: number): string } }[]>`
      SELECT s."accountId", to_char(s."observedOn", 'YYYY-MM-DD') AS d, s.balance
      FROM "BalanceSnapshot" s JOIN "BankAccount" a ON a.id = s."accountId"
      WHERE a."userId" = ${viewer.id} AND s."accountId" = ANY(${ids}::text[]) AND s."observedOn" >= ${from}::date`,
  ]);
  const byCurrency = new Map<string, { date: string; cents: number }[][]>();
  for (const a of open) {
    const mv = new Map<string, number>();
    for (const r of movements) if (r.accountId === a.id) mv.set(r.d, toCents(r.total.toFixed(2)));
    const sn = new Map<string, number>();
    for (const r of snapshots) if (r.accountId === a.id) sn.set(r.d, toCents(r.balance.toFixed(2)));
    const series = dailyBalances({ today, from, currentCents: toCents(a.balance!), movements: mv, snapshots: sn });
    const list = byCurrency.get(a.currency) ?? [];
    list.push(series);
    byCurrency.set(a.currency, list);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a === "EUR" ? -1 : b === "EUR" ? 1 : a.localeCompare(b)))
    .map(([currency, series]) => {
      const sum = sumSeries(series);
      return {
        currency,
        // Every account's series runs from `from` to today, one point a day, so the sum does too.
        daily: { from, cents: sum.map((p) => p.cents) },
        monthEnds: monthEnds(sum)
          .reverse()
          .map((p) => ({ date: p.date, balance: fromCents(p.cents) })),
      };
    });
}

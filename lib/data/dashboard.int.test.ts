import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { createAccount, createConnection, createUser, turnover } from "@/scripts/fixtures/test-fixtures";
import type { SourceTurnover } from "@/lib/import/types";
import { upsertAccountTransactions } from "@/lib/import/upsert-transactions";
import { setTransactionDetails } from "@/lib/transactions/set-transaction-details";
import { addDays, fromCents } from "@/lib/transactions/cents";
import { berlinToday } from "@/lib/berlin-time";
import { getDashboard } from "./dashboard";
import { getNetWorth } from "./net-worth";
import { daysBetween } from "@/lib/contracts/cadence";

beforeAll(() => {
  // "Today" from the system clock, not a sandbox that is not running here.
  process.env.SALDO_CLOCK = "system";
});
afterAll(async () => {
  await db.$disconnect();
});

/**
 * Rows where the trigger-kept "TransactionMonthly" and a fresh aggregate of "Transaction"
 * disagree (empty when the summary is exact).
 */
async function summaryDrift(userId: string) {
  return db.$queryRaw<unknown[]>`
    WITH fresh AS (
      SELECT "accountId", date_trunc('month', "bookingDate")::date AS month, currency, coalesce("userCategory", "categoryId", '') AS category, status,
             coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS income, coalesce(sum(amount) FILTER (WHERE amount < 0), 0) AS spending, count(*)::int AS count
      FROM "Transaction" WHERE "userId" = ${userId} AND status <> 'CANCELED' GROUP BY 1, 2, 3, 4, 5
    ), kept AS (
      SELECT "accountId", month, currency, category, status, income, spending, count FROM "TransactionMonthly" WHERE "userId" = ${userId} AND count <> 0
    )
    SELECT * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept) a
    UNION ALL
    SELECT * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh) b`;
}

/** The same for the trigger-kept "TransactionDaily" (booked rows per account and day). */
async function dailyDrift(userId: string) {
  return db.$queryRaw<unknown[]>`
    WITH fresh AS (
      SELECT "accountId", "bookingDate" AS day, sum(amount) AS amount, count(*)::int AS count
      FROM "Transaction" WHERE "userId" = ${userId} AND status = 'BOOKED' GROUP BY 1, 2
    ), kept AS (
      SELECT "accountId", day, amount, count FROM "TransactionDaily" WHERE "userId" = ${userId} AND count <> 0
    )
    SELECT * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept) a
    UNION ALL
    SELECT * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh) b`;
}

const noDrift = async (userId: string) => {
  expect(await summaryDrift(userId)).toEqual([]);
  expect(await dailyDrift(userId)).toEqual([]);
};

const today = berlinToday(new Date());
const day = (n: number) => addDays(today, n);
const monthOf = (d: string) => d.slice(0, 7);

describe("dashboard sums (TransactionMonthly, TransactionDaily)", () => {
  it("stay equal to the transactions through imports, pending → booked, cancellations, user categories and deletes", async () => {
    const user = await createUser(db);
    const conn = await createConnection(db, user.id);
    const account = await createAccount(db, user.id, conn.id);
    const other = await createAccount(db, user.id, conn.id, { currency: "USD" });
    const window = { from: day(-400), to: day(30) };
    const importAll = (accountId: string, turnovers: SourceTurnover[]) =>
      upsertAccountTransactions({ db, userId: user.id, accountId, turnovers, window, chunkSize: 7 });

    const first: SourceTurnover[] = [
      ...Array.from({ length: 40 }, (_, i) =>
        turnover({
          transactionId: `T${i}`,
          bookingDate: day(-i * 9),
          cents: i % 4 === 0 ? 150000 + i : -1000 - i * 37,
          categoryId: i % 3 ? "K.2.1" : null,
        }),
      ),
      turnover({ transactionId: "MOVE", bookingDate: day(-3), cents: -50000, categoryId: "N.1" }),
      turnover({ bookingDate: day(-1), cents: -4250, prebooked: true, counterHolder: "REWE" }),
      turnover({ transactionId: "GONE", bookingDate: day(-2), cents: -999, canceled: true }),
    ];
    await importAll(account.id, first);
    await importAll(other.id, [turnover({ transactionId: "U1", bookingDate: day(-5), cents: -2500, currency: "USD" })]);
    await noDrift(user.id);

    // The pending card payment is booked, one payment is cancelled, one amount of a new row.
    const second = first
      .filter((t) => !t.prebooked)
      .map((t) => (t.transactionId === "T5" ? { ...t, canceled: true } : t))
      .concat(turnover({ transactionId: "REWE-B", bookingDate: day(-1), cents: -4250, counterHolder: "REWE" }));
    await importAll(account.id, second);
    await noDrift(user.id);

    // The user's own category moves a payment between categories (and into "transfers").
    const t7 = await db.transaction.findFirstOrThrow({ where: { accountId: account.id, xs2aTransactionId: "T7" } });
    await setTransactionDetails({
      viewer: user,
      input: { transactionId: t7.id.toString(), userCategory: "N.1", note: "" },
    });
    const t8 = await db.transaction.findFirstOrThrow({ where: { accountId: account.id, xs2aTransactionId: "T8" } });
    await setTransactionDetails({
      viewer: user,
      input: { transactionId: t8.id.toString(), userCategory: "K.1", note: "nur eine Notiz" },
    });
    await noDrift(user.id);

    const viewer: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "de" };
    const dash = await getDashboard(viewer);
    // What the chart shows for this month equals a fresh aggregate up to today.
    const fresh = await db.$queryRaw<{ income: string; spending: string }[]>`
      SELECT coalesce(sum(amount) FILTER (WHERE amount > 0), 0)::text AS income, coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)::text AS spending
      FROM "Transaction" WHERE "accountId" = ${account.id} AND status <> 'CANCELED'
        AND "bookingDate" >= ${`${monthOf(today)}-01`}::date AND "bookingDate" <= ${today}::date
        AND coalesce("userCategory", "categoryId", '') NOT LIKE 'N%'`;
    const eur = dash.flows.find((f) => f.currency === "EUR")!;
    expect(eur.months).toHaveLength(12);
    const now = eur.months.at(-1)!;
    expect(now.month).toBe(monthOf(today));
    expect(Number(now.income)).toBe(Number(fresh[0]!.income));
    expect(Number(now.spending)).toBe(Number(fresh[0]!.spending));
    expect(dash.flows.map((f) => f.currency)).toEqual(["EUR", "USD"]);
    expect(dash.categories.find((c) => c.currency === "USD")?.items.map((i) => i.amount)).toEqual(["25.00"]);

    // Removing an account takes its sums with it.
    await db.bankAccount.delete({ where: { id: other.id } });
    expect(await db.transactionMonthly.count({ where: { accountId: other.id } })).toBe(0);
    expect(await db.transactionDaily.count({ where: { accountId: other.id } })).toBe(0);
    await noDrift(user.id);
  });

  it("leave rows booked after today out of this month's chart and count pending rows beside the balance", async () => {
    const user = await createUser(db);
    const conn = await createConnection(db, user.id);
    const account = await createAccount(db, user.id, conn.id);
    await db.bankAccount.update({ where: { id: account.id }, data: { balance: "1000.00" } });
    const endOfMonth = `${monthOf(today)}-${String(new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).getUTCDate()).padStart(2, "0")}`;
    const turnovers = [
      turnover({ transactionId: "NOW", bookingDate: today, cents: -1000 }),
      turnover({ bookingDate: today, cents: -700, prebooked: true, counterHolder: "Tankstelle" }),
    ];
    // A standing order the bank already lists for a later day of this month (none on the last day).
    if (endOfMonth > today)
      turnovers.push(turnover({ transactionId: "AHEAD", bookingDate: endOfMonth, cents: -30000 }));
    await upsertAccountTransactions({
      db,
      userId: user.id,
      accountId: account.id,
      turnovers,
      window: { from: day(-10), to: day(40) },
    });

    const dash = await getDashboard({ id: user.id, email: user.email, name: null, role: "USER", locale: "en" });
    expect(dash.flows[0]!.months.at(-1)).toEqual({ month: monthOf(today), income: "0.00", spending: "17.00" });
    expect(dash.totals).toEqual([{ currency: "EUR", booked: "1000.00", pending: "-7.00", accounts: 1 }]);
  });

  it("net worth walks back from today's balance through the day sums, and a snapshot day takes the bank's figure", async () => {
    const user = await createUser(db);
    const conn = await createConnection(db, user.id);
    const account = await createAccount(db, user.id, conn.id);
    await db.bankAccount.update({ where: { id: account.id }, data: { balance: "1000.00" } });
    await upsertAccountTransactions({
      db,
      userId: user.id,
      accountId: account.id,
      window: { from: day(-60), to: day(5) },
      turnovers: [
        turnover({ transactionId: "A", bookingDate: day(-2), cents: -10000 }),
        turnover({ transactionId: "B", bookingDate: day(-2), cents: -2500 }),
        turnover({ transactionId: "C", bookingDate: day(-10), cents: 50000 }),
        turnover({ bookingDate: day(-1), cents: -777, prebooked: true }),
        turnover({ transactionId: "X", bookingDate: day(-20), cents: -4000, canceled: true }),
      ],
    });
    // The bank said 400.00 at the end of day −30; nothing between −30 and −10 but that snapshot.
    await db.balanceSnapshot.create({
      data: { accountId: account.id, observedOn: new Date(`${day(-30)}T00:00:00Z`), balance: "400.00" },
    });
    await noDrift(user.id);

    const viewer: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "en" };
    const [eur] = await getNetWorth(viewer);
    // One point a day from a year ago to today.
    expect(eur!.daily.from).toBe(day(-365));
    expect(eur!.daily.cents).toHaveLength(366);
    const at = (d: string) => {
      const c = eur!.daily.cents[daysBetween(eur!.daily.from, d)];
      return c === undefined ? undefined : fromCents(c);
    };
    expect(eur!.currency).toBe("EUR");
    expect(at(today)).toBe("1000.00");
    // Day −2's two payments (−125.00) are in today's balance, not in the day before; the pending one in neither.
    expect(at(day(-2))).toBe("1000.00");
    expect(at(day(-3))).toBe("1125.00");
    // Before the salary of day −10 the balance was 500.00 lower, and the cancelled row counts nowhere.
    expect(at(day(-11))).toBe("625.00");
    expect(at(day(-29))).toBe("625.00");
    // The snapshot day is the bank's figure, and the walk goes on from it.
    expect(at(day(-30))).toBe("400.00");
    expect(at(day(-31))).toBe("400.00");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { createAccount, createConnection, createUser, turnover } from "@/scripts/fixtures/test-fixtures";
import { upsertAccountTransactions } from "@/lib/import/upsert-transactions";
import { pairTransfers } from "@/lib/transfers/pair-transfers";
import { budgetStates, checkBudgetAlerts, saveBudget } from "./budgets";

beforeAll(() => {
  process.env.SALDO_CLOCK = "system";
});
afterAll(async () => {
  await db.$disconnect();
});

const TODAY = "2026-11-21";
const window = { from: "2026-01-01", to: "2026-12-31" };

async function setup() {
  const user = await createUser(db);
  const viewer: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "de" };
  const conn = await createConnection(db, user.id);
  const giro = await createAccount(db, user.id, conn.id, { iban: "DE62888888880012345678" });
  const savings = await createAccount(db, user.id, conn.id, { iban: "DE02120300000000202051" });
  return { user, viewer, giro, savings };
}

describe("budgets", () => {
  it("count the month's spending in the category and its children, never own transfers, and alert once at 80 %", async () => {
    const s = await setup();
    await upsertAccountTransactions({
      db,
      userId: s.user.id,
      accountId: s.giro.id,
      window,
      turnovers: [
        turnover({ transactionId: "A", bookingDate: "2026-11-03", cents: -12000, categoryId: "K.2.1" }),
        turnover({ transactionId: "B", bookingDate: "2026-11-04", cents: -4000, categoryId: "K.2.2" }),
        turnover({ transactionId: "C", bookingDate: "2026-10-28", cents: -9900, categoryId: "K.2.1" }),
        // Labelled groceries by the bank, but the two sides of a transfer to savings.
        turnover({
          transactionId: "T",
          bookingDate: "2026-11-05",
          cents: -30000,
          categoryId: "K.2.1",
          counterIban: "DE02120300000000202051",
        }),
      ],
    });
    await upsertAccountTransactions({
      db,
      userId: s.user.id,
      accountId: s.savings.id,
      window,
      turnovers: [turnover({ transactionId: "S", bookingDate: "2026-11-06", cents: 30000, purpose: ["Sparen"] })],
    });
    await saveBudget({
      viewer: s.viewer,
      input: { category: "K.2", amount: "500", currency: "EUR", rollover: false, emailAlerts: true },
      today: TODAY,
    });
    let [food] = await budgetStates({ userId: s.user.id, today: TODAY });
    // Before pairing, the transfer still counts as the bank labelled it.
    expect(food!.month).toMatchObject({ spentCents: 46000, percent: 92, reached: [80] });

    await pairTransfers({ userId: s.user.id });
    [food] = await budgetStates({ userId: s.user.id, today: TODAY });
    expect(food!.month).toMatchObject({ spentCents: 16000, leftCents: 34000, daysLeft: 10, perDayCents: 3400 });

    // The alert of the earlier state was recorded and emailed once; checking again adds nothing.
    const alerts = await db.budgetAlert.findMany({ where: { budgetId: food!.id } });
    expect(alerts.map((a) => a.threshold)).toEqual([80]);
    // In German: the user chose no language and never signed in from a browser (emailLocale).
    const emails = await db.outboxEmail.findMany({ where: { userId: s.user.id }, select: { subject: true } });
    expect(emails.map((e) => e.subject)).toEqual([expect.stringMatching(/^Saldo: 80 % deines Budgets .+ ausgegeben$/)]);
    expect(await checkBudgetAlerts({ userId: s.user.id, today: TODAY })).toEqual({ alerts: 0 });
  });

  it("carry what is left or overspent into the next month with rollover", async () => {
    const s = await setup();
    await upsertAccountTransactions({
      db,
      userId: s.user.id,
      accountId: s.giro.id,
      window,
      turnovers: [
        turnover({ transactionId: "S1", bookingDate: "2026-09-10", cents: -30000, categoryId: "K.7.1" }),
        turnover({ transactionId: "O1", bookingDate: "2026-10-10", cents: -55000, categoryId: "K.7" }),
        turnover({ transactionId: "N1", bookingDate: "2026-11-10", cents: -10000, categoryId: "K.7.1" }),
      ],
    });
    await saveBudget({
      viewer: s.viewer,
      input: { category: "K.7", amount: "400", currency: "EUR", rollover: true, emailAlerts: false },
      today: "2026-09-01",
    });
    const [shopping] = await budgetStates({ userId: s.user.id, today: TODAY });
    // September +100, October −150: −50 carried, so 350 this month, 100 spent.
    expect(shopping!.month).toMatchObject({
      carryCents: -5000,
      limitCents: 35000,
      spentCents: 10000,
      leftCents: 25000,
    });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { budgetStates, saveBudget } from "@/lib/budgets/budgets";
import { db } from "@/lib/db";
import { contractsCsv } from "@/lib/data/contracts-csv";
import { getContractsPage } from "@/lib/data/contracts";
import { getOwnCategoryNames } from "@/lib/data/own-categories";
import { iterateTransactions } from "@/lib/data/transactions";
import { upsertAccountTransactions } from "@/lib/import/upsert-transactions";
import { csvLine } from "@/lib/transactions/csv";
import { parseFilters } from "@/lib/transactions/filters";
import { createCategory, deleteCategory } from "@/lib/transactions/own-categories";
import { setTransactionDetails } from "@/lib/transactions/set-transaction-details";
import { createAccount, createConnection, createUser, turnover } from "@/scripts/fixtures/test-fixtures";
import { categoryName } from "./categories";

beforeAll(() => {
  process.env.SALDO_CLOCK = "system";
});
afterAll(async () => {
  await db.$disconnect();
});

const TODAY = "2026-11-21";
let viewer: Viewer;
let accountId: string;
beforeEach(async () => {
  const user = await createUser(db);
  viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "en" };
  const conn = await createConnection(db, user.id);
  accountId = (await createAccount(db, user.id, conn.id)).id;
});

/** Mobility → Fuel: three November spendings, one left in the bank's category. */
async function setup() {
  await upsertAccountTransactions({
    db,
    userId: viewer.id,
    accountId,
    window: { from: "2026-11-01", to: "2026-11-30" },
    turnovers: [
      turnover({ transactionId: "BUS", bookingDate: "2026-11-03", cents: -3000, categoryId: "K.8.2" }),
      turnover({ transactionId: "FUEL", bookingDate: "2026-11-04", cents: -6000, categoryId: "K.8.1" }),
      turnover({ transactionId: "FOOD", bookingDate: "2026-11-05", cents: -1500, categoryId: "K.2.1" }),
    ],
  });
  const mobility = `u:${(await createCategory({ viewer, input: { name: "Mobility", color: "#1d4ed8", parentId: null } })).categoryId}`;
  const fuelId = (
    await createCategory({ viewer, input: { name: "Fuel", color: "#be123c", parentId: mobility.slice(2) } })
  ).categoryId;
  const fuel = `u:${fuelId}`;
  const set = async (xs2aId: string, userCategory: string) => {
    const t = await db.transaction.findFirstOrThrow({ where: { userId: viewer.id, xs2aTransactionId: xs2aId } });
    await setTransactionDetails({ viewer, input: { transactionId: t.id.toString(), userCategory, note: "" } });
  };
  await set("BUS", mobility);
  await set("FUEL", fuel);
  return { mobility, fuel, fuelId };
}

const listed = async (query: string) => {
  const out: string[] = [];
  for await (const t of iterateTransactions({ viewer, filters: parseFilters(new URLSearchParams(query)) }))
    out.push(t.purpose);
  return out.length;
};

describe("own category hierarchy", () => {
  it("a parent category's filter (list and CSV rows) includes its sub-categories' transactions", async () => {
    const { mobility, fuel } = await setup();
    expect(await listed(`category=${mobility}`)).toBe(2);
    expect(await listed(`category=${fuel}`)).toBe(1);
    // The bank's group still includes its leaves.
    expect(await listed("category=K.2")).toBe(1);
  });

  it("a budget on a parent category counts its sub-categories' spending", async () => {
    const { mobility, fuel } = await setup();
    await saveBudget({
      viewer,
      input: { category: mobility, amount: "100", currency: "EUR", rollover: false, emailAlerts: false },
      today: TODAY,
    });
    await saveBudget({
      viewer,
      input: { category: fuel, amount: "100", currency: "EUR", rollover: false, emailAlerts: false },
      today: TODAY,
    });
    const states = await budgetStates({ userId: viewer.id, today: TODAY });
    expect(states.find((s) => s.category === mobility)?.month.spentCents).toBe(9000);
    expect(states.find((s) => s.category === fuel)?.month.spentCents).toBe(6000);
  });

  it("a budget refuses another user's own category", async () => {
    const other = await createUser(db);
    const foreign = await createCategory({
      viewer: { ...viewer, id: other.id },
      input: { name: "Theirs", color: "#1d4ed8", parentId: null },
    });
    await expect(
      saveBudget({
        viewer,
        input: {
          category: `u:${foreign.categoryId}`,
          amount: "10",
          currency: "EUR",
          rollover: false,
          emailAlerts: false,
        },
        today: TODAY,
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect(await db.budget.count({ where: { userId: viewer.id } })).toBe(0);
  });

  it("names own categories through one lookup in CSVs, and a deleted one falls back to the automatic category", async () => {
    const { fuel, fuelId } = await setup();
    const own = await getOwnCategoryNames(viewer);
    expect(own[fuel]).toEqual({ name: "Mobility → Fuel", color: "#be123c" });
    const fuelRow = async () => {
      for await (const t of iterateTransactions({ viewer, filters: parseFilters(new URLSearchParams()) }))
        if (t.amount === "-60.00") return t;
      throw new Error("no fuel row");
    };
    expect(csvLine(await fuelRow(), "en", own)).toContain(",Mobility → Fuel,");
    await db.contract.create({
      data: {
        userId: viewer.id,
        key: "fuel",
        direction: "out",
        detectedName: "Tankstelle",
        cadence: "MONTHLY",
        categoryId: fuel,
        amountMin: "60",
        amountMax: "60",
        typicalAmount: "60",
        lastAmount: "60",
        firstDate: new Date("2026-09-04"),
        lastDate: new Date("2026-11-04"),
        nextDate: new Date("2026-12-04"),
        accountIds: [accountId],
        detectedAt: new Date("2026-11-05"),
      },
    });
    const contracts = await getContractsPage(viewer);
    expect(contractsCsv(contracts.contracts, "en", own)).toContain(",Mobility → Fuel,");
    await saveBudget({
      viewer,
      input: { category: fuel, amount: "100", currency: "EUR", rollover: false, emailAlerts: false },
      today: TODAY,
    });

    await deleteCategory({ viewer, input: { categoryId: fuelId } });
    const after = await getOwnCategoryNames(viewer);
    expect(after[fuel]).toBeUndefined();
    expect(csvLine(await fuelRow(), "en", after)).toContain(`,${categoryName("K.8.1", "en")},`);
    expect(await db.budget.count({ where: { userId: viewer.id, category: fuel } })).toBe(0);
    const contract = await db.contract.findFirstOrThrow({ where: { userId: viewer.id } });
    expect(contract.categoryId).toBeNull();
  });
});

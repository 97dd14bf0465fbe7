// The search box finds an amount however it is written ("3,40", "3.40", "-3,40"), on PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { upsertAccountTransactions } from "@/lib/import/upsert-transactions";
import { EMPTY_FILTERS } from "@/lib/transactions/filters";
import { createAccount, createConnection, createUser, turnover } from "@/scripts/fixtures/test-fixtures";
import { listTransactions } from "./transactions";

afterAll(async () => {
  await db.$disconnect();
});

describe("amount search", () => {
  it("'3,40', '3.40' and '-3,40' find the coffee; text search still works", async () => {
    const user = await createUser(db);
    const viewer: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "de" };
    const connection = await createConnection(db, user.id);
    const account = await createAccount(db, user.id, connection.id);
    await upsertAccountTransactions({
      db,
      userId: user.id,
      accountId: account.id,
      window: { from: "2026-11-01", to: "2026-11-30" },
      turnovers: [
        turnover({ transactionId: "c1", cents: -340, purpose: ["Balzac Coffee"], counterHolder: "Balzac" }),
        turnover({ transactionId: "r1", cents: 340, purpose: ["Erstattung"], counterHolder: "Shop" }),
        turnover({ transactionId: "b1", cents: -3400, purpose: ["Buchhandlung"], counterHolder: "Buch" }),
        turnover({ transactionId: "m1", cents: -90000, purpose: ["Miete 3 40"], counterHolder: "Vermieter" }),
      ],
    });
    const search = async (q: string) =>
      (await listTransactions({ viewer, filters: { ...EMPTY_FILTERS, q }, cursor: null, limit: 50 })).items
        .map((t) => t.amount)
        .sort();

    expect(await search("3,40")).toEqual(["-3.40", "-900.00", "3.40"].sort());
    expect(await search("3.40")).toEqual(await search("3,40"));
    // A typed sign narrows to spending (or income).
    expect(await search("-3,40")).toEqual(["-3.40", "-900.00"].sort());
    expect(await search("+3,40")).toEqual(["-900.00", "3.40"].sort());
    expect(await search("34")).toEqual(["-34.00"]);
    expect(await search("balzac")).toEqual(["-3.40"]);
  });
});

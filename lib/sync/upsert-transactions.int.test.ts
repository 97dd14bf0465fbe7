import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccount, createConnection, createUser, turnover } from "./test-fixtures.ts";
import { upsertAccountTransactions } from "./upsert-transactions.ts";

let userId: string;
let accountId: string;

beforeEach(async () => {
  const user = await createUser(db);
  const conn = await createConnection(db, user.id);
  const acct = await createAccount(db, user.id, conn.id);
  userId = user.id;
  accountId = acct.id;
});
afterAll(async () => {
  await db.$disconnect();
});

const run = (turnovers: Parameters<typeof upsertAccountTransactions>[0]["turnovers"], window = { from: "2026-11-01", to: "2026-11-30" }) =>
  upsertAccountTransactions({ db, userId, accountId, turnovers, window });

describe("upsertAccountTransactions", () => {
  it("smoke", async () => {
    const r = await run([turnover({ tags: ['a"b', "c\\d"] }), turnover({ transactionId: "T1", cents: 5000 })]);
    expect(r).toMatchObject({ added: 2, updated: 0, removed: 0 });
    const rows = await db.transaction.findMany({ where: { accountId } });
    console.log(rows);
  });
});

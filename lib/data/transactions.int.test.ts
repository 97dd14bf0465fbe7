import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { createAccount, createConnection, createUser, turnover } from "@/scripts/fixtures/test-fixtures";
import { upsertAccountTransactions } from "@/lib/import/upsert-transactions";
import { EMPTY_FILTERS, type TransactionFilters } from "@/lib/transactions/filters";
import { listVisibleAccounts } from "./accounts";
import { listTransactions } from "./transactions";

afterAll(async () => {
  await db.$disconnect();
});

async function seed() {
  const user = await createUser(db);
  const viewer: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "en" };
  const active = await createConnection(db, user.id);
  await db.bankConnection.update({ where: { id: active.id }, data: { bankName: "Nordbank" } });
  const removing = await createConnection(db, user.id, { status: "REMOVED" });
  const giro = await createAccount(db, user.id, active.id, { iban: "DE02120300000000202051" });
  await db.bankAccount.update({ where: { id: giro.id }, data: { description: "Girokonto" } });
  const savings = await createAccount(db, user.id, active.id);
  const duplicate = await createAccount(db, user.id, active.id, { iban: "DE02120300000000202051" });
  await db.bankAccount.update({ where: { id: duplicate.id }, data: { duplicateOfId: giro.id } });
  const gone = await createAccount(db, user.id, removing.id);
  const orphan = await createAccount(db, user.id, null);
  await db.bankAccount.update({ where: { id: orphan.id }, data: { bankName: "Altbank" } });
  const window = { from: "2026-01-01", to: "2026-12-31" };
  for (const [i, a] of [giro, savings, duplicate, gone, orphan].entries()) {
    const turnovers = Array.from({ length: 30 }, (_, k) =>
      turnover({
        transactionId: `A${i}-${k}`,
        bookingDate: `2026-${String(1 + (k % 11)).padStart(2, "0")}-${String(1 + ((k * 7 + i) % 27)).padStart(2, "0")}`,
        cents: -100 - k,
      }),
    );
    await upsertAccountTransactions({ db, userId: user.id, accountId: a.id, turnovers, window });
  }
  // Someone else's rows never show.
  const stranger = await createUser(db);
  const theirs = await createAccount(db, stranger.id, null);
  await upsertAccountTransactions({
    db,
    userId: stranger.id,
    accountId: theirs.id,
    turnovers: [turnover({ transactionId: "X" })],
    window,
  });
  return { viewer, active, giro, savings, duplicate, gone, orphan };
}

/** Every page of the list, following the cursor. */
async function all(viewer: Viewer, filters: TransactionFilters, withAccounts: boolean) {
  const accounts = withAccounts ? await listVisibleAccounts(viewer) : undefined;
  const out = [];
  let cursor = null;
  for (;;) {
    const page = await listTransactions({ viewer, filters, cursor, limit: 7, accounts });
    out.push(...page.items);
    if (!page.nextCursor) return out;
    const last = page.items.at(-1)!;
    cursor = { bookingDate: last.bookingDate, id: last.id };
  }
}

describe("listTransactions", () => {
  it("reads the same rows with the accounts given and in one statement without them", async () => {
    const s = await seed();
    const cases: TransactionFilters[] = [
      EMPTY_FILTERS,
      { ...EMPTY_FILTERS, accounts: [s.savings.id] },
      { ...EMPTY_FILTERS, banks: [s.active.id] },
      // An account that is not visible (a hidden duplicate) is never listed, even when asked for.
      { ...EMPTY_FILTERS, accounts: [s.duplicate.id, s.gone.id] },
      { ...EMPTY_FILTERS, from: "2026-03-01", to: "2026-06-30", min: "110" },
    ];
    for (const filters of cases) {
      const joined = await all(s.viewer, filters, false);
      const given = await all(s.viewer, filters, true);
      expect(joined).toEqual(given);
    }
    const everything = await all(s.viewer, EMPTY_FILTERS, false);
    expect(everything).toHaveLength(90);
    expect(new Set(everything.map((t) => t.accountId))).toEqual(new Set([s.giro.id, s.savings.id, s.orphan.id]));
    expect(everything.find((t) => t.accountId === s.giro.id)).toMatchObject({
      accountName: "Girokonto",
      bankName: "Nordbank",
    });
    expect(everything.find((t) => t.accountId === s.orphan.id)).toMatchObject({
      accountName: "GIRO",
      bankName: "Altbank",
    });
    // Newest first, no row twice across pages.
    const keys = everything.map((t) => `${t.bookingDate}|${t.id.padStart(20, "0")}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(new Set(everything.map((t) => t.id)).size).toBe(90);
    expect(await all(s.viewer, { ...EMPTY_FILTERS, accounts: [s.duplicate.id, s.gone.id] }, false)).toEqual([]);
  });
});

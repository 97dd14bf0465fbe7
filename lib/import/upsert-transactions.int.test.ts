import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccount, createConnection, createUser, turnover } from "../../scripts/fixtures/test-fixtures.ts";
import type { SourceTurnover } from "./types.ts";
import { upsertAccountTransactions, type ImportWindow } from "./upsert-transactions.ts";

let userId: string;
let accountId: string;

beforeEach(async () => {
  const user = await createUser(db);
  const conn = await createConnection(db, user.id);
  userId = user.id;
  accountId = (await createAccount(db, user.id, conn.id)).id;
});
afterAll(async () => {
  await db.$disconnect();
});

const NOV: ImportWindow = { from: "2026-11-01", to: "2026-11-30" };
const run = (turnovers: SourceTurnover[], window: ImportWindow = NOV, chunkSize?: number) =>
  upsertAccountTransactions({ db, userId, accountId, turnovers, window, chunkSize });

const rows = () => db.transaction.findMany({ where: { accountId }, orderBy: { id: "asc" } });
/** Every row's id and tuple version: any write (update, delete + insert) changes it. */
const versions = () =>
  db.$queryRawUnsafe<Array<{ id: bigint; v: string }>>(
    `SELECT id, xmin::text AS v FROM "Transaction" WHERE "accountId" = $1 ORDER BY id`,
    accountId,
  );

const mixedBatch = (): SourceTurnover[] => [
  turnover(),
  turnover(),
  turnover({
    transactionId: "SAL-1",
    cents: 250000,
    purpose: ["Gehalt November"],
    counterHolder: "ACME GmbH",
    counterIban: "DE89370400440532013000",
    tags: ["salary", "income"],
    categoryId: "E.1",
  }),
  turnover({
    transactionId: "RENT-1",
    cents: -95000,
    purpose: ["EREF+E1 MREF+M1 CRED+DE98ZZZ09999999999 SVWZ+Miete"],
    creditorId: "DE98ZZZ09999999999",
    bookingDate: "2026-11-03",
  }),
  turnover({ cents: -1999, canceled: true, bookingDate: "2026-11-04", counterHolder: "Shop" }),
  turnover({
    cents: -4250,
    prebooked: true,
    bookingDate: "2026-11-20",
    counterHolder: "REWE",
    purpose: ["Kartenzahlung vorgemerkt"],
  }),
];

describe("upsertAccountTransactions", () => {
  it("re-importing the same window writes 0 rows", async () => {
    const first = await run(mixedBatch());
    expect(first).toMatchObject({ added: 6, updated: 0, removed: 0, warnings: [] });
    const before = await versions();
    for (let i = 0; i < 2; i++) {
      const again = await run(mixedBatch());
      expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, linkedPending: 0, warnings: [] });
    }
    expect(await versions()).toEqual(before);
  });

  it("works across chunk boundaries with the same result", async () => {
    const batch = [...mixedBatch(), ...Array.from({ length: 23 }, (_, i) => turnover({ cents: -100 - i }))];
    expect(await run(batch, NOV, 4)).toMatchObject({ added: 29, updated: 0 });
    const before = await versions();
    expect(await run(batch, NOV, 7)).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(await versions()).toEqual(before);
  });

  it("identical coffees stay two, and stay two on re-import", async () => {
    expect((await run([turnover(), turnover()])).added).toBe(2);
    expect((await run([turnover(), turnover()])).added).toBe(0);
    const stored = await rows();
    expect(stored).toHaveLength(2);
    expect(new Set(stored.map((r) => r.identity)).size).toBe(2);
    // A third identical coffee the next time is one more, not a re-import of the others.
    expect((await run([turnover(), turnover(), turnover()])).added).toBe(1);
    expect(await rows()).toHaveLength(3);
  });

  it("overlapping windows add nothing twice", async () => {
    const all = [
      turnover({ bookingDate: "2026-11-05" }),
      turnover({ bookingDate: "2026-11-12" }),
      turnover({ bookingDate: "2026-11-12" }),
      turnover({ bookingDate: "2026-11-14", transactionId: "X1", cents: -500 }),
      turnover({ bookingDate: "2026-11-20" }),
      turnover({ bookingDate: "2026-11-25", transactionId: "X2", cents: -700 }),
    ];
    const within = (from: string, to: string) => all.filter((t) => t.bookingDate >= from && t.bookingDate <= to);
    expect((await run(within("2026-11-01", "2026-11-15"), { from: "2026-11-01", to: "2026-11-15" })).added).toBe(4);
    const second = await run(within("2026-11-10", "2026-11-30"), { from: "2026-11-10", to: "2026-11-30" });
    expect(second).toMatchObject({ added: 2, updated: 0, removed: 0 });
    expect(await rows()).toHaveLength(6);
  });

  it("pending → booked with changed text leaves exactly one booked row, linked", async () => {
    const pending = turnover({
      prebooked: true,
      cents: -4250,
      counterHolder: "REWE Markt GmbH",
      purpose: ["KARTENZAHLUNG vorgemerkt"],
      bookingDate: "2026-11-20",
    });
    expect((await run([turnover(), pending])).added).toBe(2);
    const pendingRow = (await rows()).find((r) => r.status === "PENDING")!;
    await db.transaction.update({
      where: { id: pendingRow.id },
      data: { userCategory: "groceries", note: "Wocheneinkauf" },
    });

    const booked = turnover({
      cents: -4250,
      counterHolder: "REWE SAGT DANKE 43110",
      purpose: ["REWE SAGT DANKE. 43110 KARTE 1 2026-11-20"],
      bookingDate: "2026-11-20",
    });
    const r = await run([turnover(), booked]);
    expect(r).toMatchObject({ added: 0, updated: 1, removed: 0, linkedPending: 1 });

    const stored = await rows();
    expect(stored).toHaveLength(2);
    const b = stored.find((x) => x.purpose.startsWith("REWE SAGT"))!;
    expect(b.status).toBe("BOOKED");
    expect(b.identity).toMatch(/^fp:/);
    // The pending row's data, including what the user wrote on it, is kept with the booked row;
    // the sync never writes the booked row's own userCategory/note.
    expect(b.replacedPending).toMatchObject({
      identity: pendingRow.identity,
      amount: "-42.50",
      purpose: "KARTENZAHLUNG vorgemerkt",
      userCategory: "groceries",
      note: "Wocheneinkauf",
    });
    expect(b).toMatchObject({ userCategory: null, note: null });
    expect(stored.filter((x) => x.status === "PENDING")).toHaveLength(0);

    expect(await run([turnover(), booked])).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(await rows()).toHaveLength(2);
  });

  it("pending → booked with a changed date and a new bank id leaves one booked row, linked", async () => {
    await run([
      turnover({
        prebooked: true,
        transactionId: "AUTH-77",
        cents: -1200,
        counterIban: "DE89370400440532013000",
        counterHolder: "Stadtwerke",
        bookingDate: "2026-11-06",
      }),
    ]);
    const r = await run([
      turnover({
        transactionId: "BOOK-88",
        cents: -1200,
        counterIban: "DE89370400440532013000",
        counterHolder: "Stadtwerke Musterstadt",
        purpose: ["Abschlag"],
        bookingDate: "2026-11-09",
      }),
    ]);
    expect(r).toMatchObject({ added: 0, updated: 1, removed: 0, linkedPending: 1 });
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ identity: "tx:BOOK-88", status: "BOOKED" });
    expect(stored[0]!.replacedPending).toMatchObject({
      identity: "pending:tx:AUTH-77:0",
      bookingDate: "2026-11-06",
      xs2aTransactionId: "AUTH-77",
    });
  });

  it("links a pending row that vanishes after its booked row was already stored", async () => {
    const pending = turnover({
      prebooked: true,
      cents: -899,
      counterHolder: "Spotify",
      purpose: ["vorgemerkt"],
      bookingDate: "2026-11-14",
    });
    const booked = turnover({
      cents: -899,
      counterHolder: "Spotify AB",
      purpose: ["Spotify P1234"],
      bookingDate: "2026-11-15",
    });
    expect(await run([pending, booked])).toMatchObject({ added: 2 });
    const r = await run([booked]);
    expect(r).toMatchObject({ added: 0, updated: 1, removed: 0, linkedPending: 1 });
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.replacedPending).toMatchObject({ purpose: "vorgemerkt" });
    const before = await versions();
    expect(await run([booked])).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(await versions()).toEqual(before);
  });

  it("does not link a pending row to a booked row stored before it", async () => {
    const booked = turnover({ cents: -899, counterHolder: "Spotify", bookingDate: "2026-11-10" });
    await run([booked]);
    await new Promise((r) => setTimeout(r, 5));
    await run([
      booked,
      turnover({ prebooked: true, cents: -899, counterHolder: "Spotify", bookingDate: "2026-11-14" }),
    ]);
    expect(await run([booked])).toMatchObject({ added: 0, updated: 0, removed: 1, linkedPending: 0 });
  });

  it("does not link a pending row to a booked row of another counterparty, amount or too far in time", async () => {
    await run([
      turnover({ prebooked: true, cents: -1200, counterIban: "DE89370400440532013000", bookingDate: "2026-11-06" }),
    ]);
    const r = await run([
      turnover({ cents: -1200, counterIban: "DE02120300000000202051", bookingDate: "2026-11-06" }),
      turnover({ cents: -1201, counterIban: "DE89370400440532013000", bookingDate: "2026-11-06" }),
      turnover({ cents: -1200, counterIban: "DE89370400440532013000", bookingDate: "2026-11-12" }),
    ]);
    expect(r).toMatchObject({ added: 3, updated: 0, removed: 1, linkedPending: 0 });
    expect((await rows()).every((x) => x.status === "BOOKED" && x.replacedPending === null)).toBe(true);
  });

  it("replaces the pending list: vanished pending rows are removed, unchanged ones untouched", async () => {
    const a = turnover({ prebooked: true, cents: -100, counterHolder: "A", bookingDate: "2026-11-10" });
    const b = turnover({ prebooked: true, cents: -200, counterHolder: "B", bookingDate: "2026-11-11" });
    await run([a, b]);
    const bRow = (await rows()).find((x) => x.counterpartyName === "B")!;
    const r = await run([b]);
    expect(r).toMatchObject({ added: 0, updated: 0, removed: 1 });
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(bRow.id);
    // Pending rows outside the import window are left for an import that covers them.
    expect(await run([], { from: "2026-11-12", to: "2026-11-30" })).toMatchObject({ removed: 0 });
    expect(await run([], { from: "2026-11-01", to: "2026-11-30" })).toMatchObject({ removed: 1 });
    expect(await rows()).toHaveLength(0);
  });

  it("keeps a cancelled item with status CANCELED, and a booking that is cancelled later", async () => {
    await run([turnover({ transactionId: "T1", cents: -5000 }), turnover({ canceled: true, cents: -700 })]);
    expect((await rows()).map((r) => r.status).sort()).toEqual(["BOOKED", "CANCELED"]);
    const r = await run([
      turnover({ transactionId: "T1", cents: -5000, canceled: true }),
      turnover({ canceled: true, cents: -700 }),
    ]);
    expect(r).toMatchObject({ added: 0, updated: 1, removed: 0 });
    const stored = await rows();
    expect(stored).toHaveLength(2);
    expect(stored.every((x) => x.status === "CANCELED")).toBe(true);
  });

  it("user category and note survive a re-import that changes the bank's text; search follows the text", async () => {
    await run([turnover({ transactionId: "T1", purpose: ["alter Text"], categoryId: "K.1", tags: ["cash"] })]);
    const [row] = await rows();
    await db.transaction.update({ where: { id: row!.id }, data: { userCategory: "coffee", note: "mit Anna" } });
    const r = await run([
      turnover({
        transactionId: "T1",
        purpose: ["neuer Verwendungszweck"],
        counterHolder: "Bohne GmbH",
        categoryId: "K.1.2",
        tags: ["cash", "food"],
        bookingDate: "2026-11-03",
      }),
    ]);
    expect(r).toMatchObject({ added: 0, updated: 1 });
    const [after] = await rows();
    expect(after).toMatchObject({
      id: row!.id,
      userCategory: "coffee",
      note: "mit Anna",
      purpose: "neuer Verwendungszweck",
      counterpartyName: "Bohne GmbH",
      categoryId: "K.1.2",
      tags: ["cash", "food"],
    });
    expect(after!.bookingDate.toISOString().slice(0, 10)).toBe("2026-11-03");
    const hits = await db.$queryRawUnsafe<Array<{ id: bigint }>>(
      `SELECT id FROM "Transaction" WHERE "accountId" = $1 AND search @@ to_tsquery('simple', 'verwendungszweck & bohne')`,
      accountId,
    );
    expect(hits).toHaveLength(1);
    const stale = await db.$queryRawUnsafe<Array<{ id: bigint }>>(
      `SELECT id FROM "Transaction" WHERE "accountId" = $1 AND search @@ to_tsquery('simple', 'alter')`,
      accountId,
    );
    expect(stale).toHaveLength(0);
  });

  it("refuses to update a row whose identity comes back with another amount or sign", async () => {
    await run([turnover({ transactionId: "T1", cents: -1000, purpose: ["Einkauf"] })]);
    const before = await versions();
    for (const cents of [1000, -1001]) {
      const r = await run([turnover({ transactionId: "T1", cents, purpose: ["Gehalt"] })]);
      expect(r).toMatchObject({ added: 0, updated: 0 });
      expect(r.warnings).toEqual([expect.objectContaining({ code: "amount_mismatch", identity: "tx:T1" })]);
    }
    expect(await versions()).toEqual(before);
    const [row] = await rows();
    expect(row!.purpose).toBe("Einkauf");
    expect(row!.amount.toFixed(2)).toBe("-10.00");
  });

  it("stores NUL bytes and huge strings sanitised", async () => {
    const huge = "Zweck\u0000 ".repeat(200_000);
    const r = await run([
      turnover({
        purpose: [huge, "\u0000\u0000"],
        counterHolder: `Name\u0000${"x".repeat(100_000)}`,
        tags: [`t\u0000ag`, "x".repeat(10_000)],
        transactionId: `T\u00001`,
      }),
    ]);
    expect(r.added).toBe(1);
    const [row] = await rows();
    expect(row!.purpose.length).toBeLessThanOrEqual(2000);
    expect(row!.purpose).not.toContain("\u0000");
    expect(row!.purpose.startsWith("Zweck Zweck")).toBe(true);
    expect(row!.counterpartyName!.length).toBeLessThanOrEqual(300);
    expect(row!.tags[0]).toBe("t ag");
    expect(row!.tags[1]!.length).toBeLessThanOrEqual(64);
    expect(row!.identity).toBe("tx:T 1");
  });

  it("keeps exact amounts", async () => {
    await run([
      turnover({ transactionId: "BIG", cents: 123456789012345 }),
      turnover({ transactionId: "SMALL", cents: -1 }),
    ]);
    const stored = await rows();
    expect(stored.map((r) => r.amount.toFixed(2))).toEqual(["1234567890123.45", "-0.01"]);
  });

  it("refuses another user's account", async () => {
    const other = await createUser(db);
    await expect(
      upsertAccountTransactions({ db, userId: other.id, accountId, turnovers: [turnover()], window: NOV }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("serialises concurrent imports of one account: no duplicates, counts add up", async () => {
    const batch = mixedBatch();
    const results = await Promise.all(Array.from({ length: 5 }, () => run(batch)));
    expect(results.reduce((n, r) => n + r.added, 0)).toBe(6);
    expect(await rows()).toHaveLength(6);
  });
});

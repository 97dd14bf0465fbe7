import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importConnection, type ImportConnectionResult } from "./import-connection.ts";
import { createConnection, createUser, memorySource, sourceAccount, sourceBalance, turnover } from "./test-fixtures.ts";
import type { ImportSource, SourceAccount, SourceTurnover } from "./types.ts";

afterAll(async () => {
  await db.$disconnect();
});

const IBAN_A = "DE62888888880012345678";
const IBAN_B = "DE89370400440532013000";
const IBAN_C = "DE02120300000000202051";

async function setup() {
  const user = await createUser(db);
  const connection = await createConnection(db, user.id);
  return { user, connection };
}

function accountsOf(connectionXs2aId: string, ...ibans: string[]): SourceAccount[] {
  return ibans.map((iban) => sourceAccount({ bankConnectionId: connectionXs2aId, iban }));
}

const someTurnovers = (n: number, salt = 0): SourceTurnover[] =>
  Array.from({ length: n }, (_, i) => turnover({ cents: -(100 + i + salt * 1000), bookingDate: `2026-11-${String(1 + (i % 20)).padStart(2, "0")}` }));

describe("importConnection", () => {
  it("imports accounts, balances and transactions; a re-import changes nothing", async () => {
    const { user, connection } = await setup();
    const [a, b] = accountsOf(connection.xs2aId!, IBAN_A, IBAN_B);
    const source = memorySource({
      accounts: [a!, b!, sourceAccount({ bankConnectionId: "someone-elses-connection", iban: IBAN_C })],
      balances: { [a!.id]: sourceBalance(123456), [b!.id]: sourceBalance(-5000) },
      turnovers: { [a!.id]: someTurnovers(3), [b!.id]: [...someTurnovers(2, 1), turnover({ prebooked: true, cents: -999 })] },
    });
    const r = await importConnection({ db, connection, source, from: "2026-11-01" });
    expect(r).toMatchObject({ status: "succeeded", added: 6, updated: 0, removed: 0, errors: [], closed: [] });
    expect(r.accounts.map((x) => x.matchedBy)).toEqual(["created", "created"]);

    const accounts = await db.bankAccount.findMany({ where: { userId: user.id }, orderBy: { iban: "asc" } });
    expect(accounts.map((x) => x.iban)).toEqual([IBAN_A, IBAN_B]);
    const acctA = accounts.find((x) => x.iban === IBAN_A)!;
    expect(acctA).toMatchObject({ connectionId: connection.id, type: "GIRO", currency: "EUR", closedAt: null, duplicateOfId: null });
    expect(acctA.balance!.toFixed(2)).toBe("1234.56");
    expect(acctA.historyFrom!.toISOString().slice(0, 10)).toBe("2026-11-01");
    expect(await db.balanceSnapshot.count({ where: { accountId: acctA.id } })).toBe(1);

    const again = await importConnection({ db, connection, source, from: "2026-11-01" });
    expect(again).toMatchObject({ status: "succeeded", added: 0, updated: 0, removed: 0 });
    expect(again.accounts.map((x) => x.matchedBy)).toEqual(["xs2aId", "xs2aId"]);
    const after = await db.bankAccount.findMany({ where: { userId: user.id }, orderBy: { iban: "asc" } });
    expect(after.map((x) => x.updatedAt.getTime())).toEqual(accounts.map((x) => x.updatedAt.getTime()));
    expect(await db.balanceSnapshot.count({ where: { accountId: acctA.id } })).toBe(1);
    expect(await db.transaction.count({ where: { userId: user.id } })).toBe(6);
  });

  it("one balance snapshot per account and day; a newer balance of the same day replaces it", async () => {
    const { connection } = await setup();
    const [a] = accountsOf(connection.xs2aId!, IBAN_A);
    const base = { accounts: [a!], turnovers: { [a!.id]: someTurnovers(1) } };
    await importConnection({ db, connection, source: memorySource({ ...base, balances: { [a!.id]: sourceBalance(100, new Date("2026-11-20T08:00:00Z")) } }) });
    await importConnection({ db, connection, source: memorySource({ ...base, balances: { [a!.id]: sourceBalance(200, new Date("2026-11-20T12:00:00Z")) } }) });
    await importConnection({ db, connection, source: memorySource({ ...base, balances: { [a!.id]: sourceBalance(300, new Date("2026-11-21T12:00:00Z")) } }) });
    // An older reading does not overwrite a newer one.
    await importConnection({ db, connection, source: memorySource({ ...base, balances: { [a!.id]: sourceBalance(999, new Date("2026-11-19T12:00:00Z")) } }) });
    const account = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(account.balance!.toFixed(2)).toBe("3.00");
    const snaps = await db.balanceSnapshot.findMany({ where: { accountId: account.id }, orderBy: { observedOn: "asc" } });
    expect(snaps.map((s) => [s.observedOn.toISOString().slice(0, 10), s.balance.toFixed(2)])).toEqual([
      ["2026-11-20", "2.00"],
      ["2026-11-21", "3.00"],
    ]);
  });

  it("closes an account XS2A no longer returns, keeps its transactions, and reopens it when it is back", async () => {
    const { connection } = await setup();
    const [a, b] = accountsOf(connection.xs2aId!, IBAN_A, IBAN_B);
    const turnovers = { [a!.id]: someTurnovers(2), [b!.id]: someTurnovers(4, 1) };
    await importConnection({ db, connection, source: memorySource({ accounts: [a!, b!], turnovers }) });
    const acctB = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id, iban: IBAN_B } });

    const r = await importConnection({ db, connection, source: memorySource({ accounts: [a!], turnovers }) });
    expect(r.status).toBe("succeeded");
    expect(r.closed).toEqual([acctB.id]);
    const closed = await db.bankAccount.findUniqueOrThrow({ where: { id: acctB.id } });
    expect(closed.closedAt).not.toBeNull();
    expect(await db.transaction.count({ where: { accountId: acctB.id } })).toBe(4);

    // An empty list is suspicious: nothing is closed.
    const empty = await importConnection({ db, connection, source: memorySource({ accounts: [] }) });
    expect(empty.warnings.map((w) => w.code)).toContain("accounts_suspicious");
    expect((await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id, iban: IBAN_A } })).closedAt).toBeNull();

    await importConnection({ db, connection, source: memorySource({ accounts: [a!, b!], turnovers }) });
    const reopened = await db.bankAccount.findUniqueOrThrow({ where: { id: acctB.id } });
    expect(reopened.closedAt).toBeNull();
    expect(await db.transaction.count({ where: { accountId: acctB.id } })).toBe(4);
  });

  it("keeps account identity across a renewal that hands out new account ids", async () => {
    const { user, connection } = await setup();
    const [a, b] = accountsOf(connection.xs2aId!, IBAN_A, IBAN_B);
    const card = sourceAccount({ bankConnectionId: connection.xs2aId, iban: null, accountNumber: "4111XXXX1111", bankCode: "88888888", type: "creditcard" });
    const batchA = someTurnovers(3);
    await importConnection({ db, connection, source: memorySource({ accounts: [a!, b!, card], turnovers: { [a!.id]: batchA, [card.id]: someTurnovers(1, 2) } }) });
    const before = await db.bankAccount.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
    const txA = await db.transaction.findFirstOrThrow({ where: { accountId: before.find((x) => x.iban === IBAN_A)!.id } });
    await db.transaction.update({ where: { id: txA.id }, data: { userCategory: "coffee", note: "kept" } });

    const renewed = [a!, b!, card].map((x) => ({ ...x, id: `${x.id}-renewed` }));
    const r = await importConnection({ db, connection, source: memorySource({ accounts: renewed, turnovers: { [renewed[0]!.id]: batchA } }) });
    expect(r).toMatchObject({ status: "succeeded", added: 0, updated: 0, closed: [] });
    expect(r.accounts.map((x) => x.matchedBy)).toEqual(["iban", "iban", "accountNumber"]);

    const after = await db.bankAccount.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
    expect(after.map((x) => x.id)).toEqual(before.map((x) => x.id));
    expect(after.every((x) => x.xs2aId.endsWith("-renewed") && x.closedAt === null)).toBe(true);
    expect(await db.transaction.findUniqueOrThrow({ where: { id: txA.id } })).toMatchObject({ userCategory: "coffee", note: "kept" });
  });

  it("keeps account identity across a re-link into a new connection", async () => {
    const { user, connection: old } = await setup();
    const [a] = accountsOf(old.xs2aId!, IBAN_A);
    await importConnection({ db, connection: old, source: memorySource({ accounts: [a!], turnovers: { [a!.id]: someTurnovers(2) } }) });
    await db.bankConnection.update({ where: { id: old.id }, data: { status: "DISABLED" } });
    const relinked = await createConnection(db, user.id, { relinkedFromId: old.id });
    const fresh = { ...a!, id: `${a!.id}-relinked`, bankConnectionId: relinked.xs2aId };
    const r = await importConnection({ db, connection: relinked, source: memorySource({ accounts: [fresh], turnovers: { [fresh.id]: someTurnovers(2) } }) });
    expect(r).toMatchObject({ status: "succeeded", added: 0 });
    const accounts = await db.bankAccount.findMany({ where: { userId: user.id } });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ connectionId: relinked.id, xs2aId: fresh.id, duplicateOfId: null });
  });

  it("does not take over an account of an unrelated connection by IBAN", async () => {
    const { user, connection: first } = await setup();
    const second = await createConnection(db, user.id);
    await importConnection({ db, connection: first, source: memorySource({ accounts: accountsOf(first.xs2aId!, IBAN_A) }) });
    await importConnection({ db, connection: second, source: memorySource({ accounts: accountsOf(second.xs2aId!, IBAN_A) }) });
    const accounts = await db.bankAccount.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(accounts.map((x) => x.connectionId)).toEqual([first.id, second.id]);
  });

  it("flags the same IBAN seen through two active connections; the older account stays primary", async () => {
    const { user, connection: first } = await setup();
    const second = await createConnection(db, user.id);
    await importConnection({ db, connection: first, source: memorySource({ accounts: accountsOf(first.xs2aId!, IBAN_A, IBAN_B) }) });
    const r = await importConnection({ db, connection: second, source: memorySource({ accounts: accountsOf(second.xs2aId!, IBAN_A, IBAN_C) }) });
    const accounts = await db.bankAccount.findMany({ where: { userId: user.id } });
    const primary = accounts.find((x) => x.connectionId === first.id && x.iban === IBAN_A)!;
    const dup = accounts.find((x) => x.connectionId === second.id && x.iban === IBAN_A)!;
    expect(primary.duplicateOfId).toBeNull();
    expect(dup.duplicateOfId).toBe(primary.id);
    expect(r.accounts.find((x) => x.accountId === dup.id)!.duplicateOfId).toBe(primary.id);
    expect(accounts.filter((x) => x.duplicateOfId !== null)).toHaveLength(1);

    // The first connection's re-import agrees on the primary.
    await importConnection({ db, connection: first, source: memorySource({ accounts: accountsOf(first.xs2aId!, IBAN_A, IBAN_B) }) });
    expect((await db.bankAccount.findUniqueOrThrow({ where: { id: dup.id } })).duplicateOfId).toBe(primary.id);

    // Once the other connection is no longer active, the flag is cleared.
    await db.bankConnection.update({ where: { id: first.id }, data: { status: "DISABLED" } });
    await importConnection({ db, connection: second, source: memorySource({ accounts: accountsOf(second.xs2aId!, IBAN_A, IBAN_C) }) });
    expect((await db.bankAccount.findUniqueOrThrow({ where: { id: dup.id } })).duplicateOfId).toBeNull();
  });

  it("one failing account → partial, the other imported", async () => {
    const { connection } = await setup();
    const [a, b] = accountsOf(connection.xs2aId!, IBAN_A, IBAN_B);
    const r = await importConnection({
      db,
      connection,
      source: memorySource({
        accounts: [a!, b!],
        balances: { [a!.id]: sourceBalance(100), [b!.id]: sourceBalance(200) },
        turnovers: { [a!.id]: someTurnovers(3), [b!.id]: someTurnovers(2) },
        failTurnovers: [b!.id],
      }),
    });
    expect(r.status).toBe("partial");
    expect(r.added).toBe(3);
    expect(r.errors).toEqual([expect.objectContaining({ stage: "turnovers", sourceAccountId: b!.id, message: expect.stringContaining("failed") })]);
    expect(r.accounts.map((x) => x.status)).toEqual(["imported", "failed"]);
    const acctB = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id, iban: IBAN_B } });
    // The failed account exists but got neither transactions nor a balance from a half-read.
    expect(acctB.balance).toBeNull();
    expect(await db.transaction.count({ where: { accountId: acctB.id } })).toBe(0);

    // The next run picks it up.
    const next = await importConnection({
      db,
      connection,
      source: memorySource({ accounts: [a!, b!], turnovers: { [a!.id]: someTurnovers(3), [b!.id]: someTurnovers(2) } }),
    });
    expect(next).toMatchObject({ status: "succeeded", added: 2 });
  });

  it("a failing write of one account leaves the other imported", async () => {
    const { connection } = await setup();
    const [a, b] = accountsOf(connection.xs2aId!, IBAN_A, IBAN_B);
    const source = memorySource({ accounts: [a!, b!], turnovers: { [a!.id]: someTurnovers(3), [b!.id]: someTurnovers(2) } });
    await importConnection({ db, connection, source });
    // B's write fails inside its transaction (a trigger refuses its rows); A's must still land.
    const acctB = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id, iban: IBAN_B } });
    const source2 = memorySource({ accounts: [a!, b!], turnovers: { [a!.id]: someTurnovers(4), [b!.id]: someTurnovers(3) } });
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION sync_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'write refused'; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER sync_test_fail BEFORE INSERT ON "Transaction" FOR EACH ROW WHEN (NEW."accountId" = '${acctB.id}') EXECUTE FUNCTION sync_test_fail()`,
    );
    try {
      const r = await importConnection({ db, connection, source: source2 });
      expect(r.status).toBe("partial");
      expect(r.added).toBe(1);
      expect(r.errors).toEqual([expect.objectContaining({ stage: "transactions", accountId: acctB.id, message: expect.stringContaining("write refused") })]);
      expect(await db.transaction.count({ where: { accountId: acctB.id } })).toBe(2);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER sync_test_fail ON "Transaction"`);
    }
  });

  it("a failing account list → failed, nothing written", async () => {
    const { user, connection } = await setup();
    const r = await importConnection({ db, connection, source: memorySource({ accounts: [], failList: true }) });
    expect(r).toMatchObject({ status: "failed", added: 0, errors: [expect.objectContaining({ stage: "list" })] });
    expect(await db.bankAccount.count({ where: { userId: user.id } })).toBe(0);
  });

  it("every account failing → failed", async () => {
    const { connection } = await setup();
    const [a] = accountsOf(connection.xs2aId!, IBAN_A);
    const r = await importConnection({ db, connection, source: memorySource({ accounts: [a!], failTurnovers: [a!.id], failBalance: [a!.id] }) });
    expect(r.status).toBe("failed");
    expect(r.errors.map((e) => e.stage).sort()).toEqual(["balance", "turnovers"]);
  });

  it("passes the window to the source and reports normalisation warnings per account", async () => {
    const { connection } = await setup();
    const [a] = accountsOf(connection.xs2aId!, IBAN_A);
    const seen: Array<{ from?: string; to?: string }> = [];
    const base = memorySource({ accounts: [a!], turnovers: { [a!.id]: [turnover({ bookingDate: "2026-11-10" }), turnover({ bookingDate: "kaputt" })] } });
    const r = await importConnection({
      db,
      connection,
      from: "2026-11-05",
      today: "2026-11-20",
      source: { ...base, turnovers: (id, q) => (seen.push(q), base.turnovers(id, q)) },
    });
    expect(seen).toEqual([{ from: "2026-11-05" }]);
    expect(r.status).toBe("succeeded");
    expect(r.warnings).toEqual([expect.objectContaining({ code: "invalid_turnover", sourceAccountId: a!.id })]);
  });
});

describe("importConnection in windows", () => {
  const TODAY = "2026-11-30";
  const ago = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

  /** An ImportSource that records the queries it answers (and fails where asked). */
  function recorded(data: Parameters<typeof memorySource>[0]) {
    const base = memorySource(data);
    const reads: Array<{ accountId: string; from?: string; to?: string }> = [];
    const source: ImportSource = { ...base, turnovers: (accountId, q) => (reads.push({ accountId, ...q }), base.turnovers(accountId, q)) };
    return { source, reads };
  }

  /** Every stored row of a connection, comparable across users. */
  async function rowsOf(connectionId: string) {
    const rows = await db.transaction.findMany({
      where: { account: { connectionId } },
      select: { account: { select: { xs2aId: true } }, identity: true, status: true, amount: true, bookingDate: true, purpose: true, counterpartyName: true, tags: true, replacedPending: true },
    });
    return rows
      .map((r) => [r.account.xs2aId, r.identity, r.status, r.amount.toFixed(2), r.bookingDate.toISOString().slice(0, 10), r.purpose, r.counterpartyName, r.tags.join(","), (r.replacedPending as { identity?: string } | null)?.identity ?? "-"].join("|"))
      .sort();
  }

  const visible = (r: ImportConnectionResult) => ({
    status: r.status,
    added: r.added,
    updated: r.updated,
    removed: r.removed,
    errors: r.errors.map((e) => `${e.stage}:${e.sourceAccountId}`),
    warnings: r.warnings.map((w) => `${w.code}:${w.sourceAccountId}:${w.message}`).sort(),
    accounts: r.accounts.map((a) => `${a.sourceAccountId}:${a.status}:${a.added}/${a.updated}/${a.removed}`),
  });

  /** The same source imported by two users: in one read (a window wider than the history) and in small windows. */
  async function oneShotAndWindowed(data: Parameters<typeof memorySource>[0], opts: { from?: string } = {}) {
    const one = await setup();
    const win = await setup();
    const a = recorded(data);
    const b = recorded(data);
    const oneShot = await importConnection({ db, connection: one.connection, source: a.source, today: TODAY, windowDays: 36_500, ...opts });
    const windowed = await importConnection({ db, connection: win.connection, source: b.source, today: TODAY, windowDays: 3, windowRows: 4, ...opts });
    return { one, win, oneShot, windowed, oneReads: a.reads, reads: b.reads };
  }

  /** Reads of one account are newest first, contiguous whole days, and the last is open below (or ends at `from`). */
  function expectContiguous(reads: Array<{ from?: string; to?: string }>, from?: string) {
    expect(reads[0]!.to).toBeUndefined();
    for (let i = 1; i < reads.length; i++) {
      const prevFrom = reads[i - 1]!.from!;
      expect(reads[i]!.to).toBe(new Date(Date.parse(`${prevFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
    }
    expect(reads.at(-1)!.from).toBe(from);
  }

  const coffee = (bookingDate: string) => turnover({ bookingDate, cents: -340, purpose: ["Balzac Coffee"], counterHolder: "Balzac" });
  const shop = (n: number, bookingDate: string, over: Partial<Parameters<typeof turnover>[0]> = {}) =>
    turnover({ bookingDate, cents: -(1000 + n), purpose: [`Einkauf ${n}`], counterHolder: `Laden ${n % 7}`, ...over });

  it("equals a one-shot import: rows, counts, warnings, history; identical coffees at a window edge, ids across windows, an empty stretch, rows older than XS2A's days", async () => {
    const acct = sourceAccount({ iban: IBAN_A });
    const list: SourceTurnover[] = [
      turnover({ bookingDate: "kaputt" }),
      turnover({ bookingDate: "2026-12-02", prebooked: true, transactionId: "HOLD-1", cents: -999 }),
      turnover({ bookingDate: ago(1), prebooked: true, transactionId: "HOLD-1", cents: -999 }),
      // The newest window is [today − 2, …]: two identical coffees on its first day, two on the last day of the next.
      coffee(ago(2)),
      coffee(ago(2)),
      coffee(ago(3)),
      coffee(ago(3)),
      shop(0, ago(4), { transactionId: "TX-R" }),
      ...Array.from({ length: 5 }, (_, i) => shop(i + 1, ago(5 + i))),
      turnover({ bookingDate: ago(10), prebooked: true, transactionId: "HOLD-1", cents: -999 }),
      ...Array.from({ length: 11 }, (_, i) => shop(i + 6, ago(10 + i))),
      // Nothing from 21 to 59 days ago but one reused id: empty windows are not the end.
      shop(200, ago(40), { transactionId: "TX-R", cents: -777 }),
      ...Array.from({ length: 11 }, (_, i) => shop(100 + i, ago(60 + i))),
      // XS2A says its history starts 75 days ago; this one is older and must not be missed.
      shop(300, ago(90)),
      turnover({ bookingDate: "" }),
    ];
    const data = { accounts: [acct], balances: { [acct.id]: sourceBalance(4200) }, turnovers: { [acct.id]: list }, historyFrom: { [acct.id]: ago(75) } };
    const { one, win, oneShot, windowed, oneReads, reads } = await oneShotAndWindowed(data);

    expect(oneReads.length).toBeLessThanOrEqual(2);
    expect(reads.length).toBeGreaterThan(6);
    expectContiguous(reads);
    expect(visible(windowed)).toEqual(visible(oneShot));
    expect(windowed).toMatchObject({ status: "succeeded", added: list.length - 2 });
    expect(windowed.warnings.filter((w) => w.code === "invalid_turnover")).toHaveLength(2);
    expect(windowed.warnings.filter((w) => w.code === "duplicate_transaction_id")).toHaveLength(1);
    expect(await rowsOf(win.connection.id)).toEqual(await rowsOf(one.connection.id));
    const stored = await rowsOf(win.connection.id);
    expect(stored.filter((r) => r.includes("|Balzac Coffee|"))).toHaveLength(4);
    expect(stored.filter((r) => r.includes("|pending:tx:HOLD-1:"))).toHaveLength(3);

    const accountOf = (connectionId: string) => db.bankAccount.findFirstOrThrow({ where: { connectionId } });
    const [aOne, aWin] = [await accountOf(one.connection.id), await accountOf(win.connection.id)];
    expect(aWin.historyFrom).toEqual(aOne.historyFrom);
    expect(aWin.historyFrom!.toISOString().slice(0, 10)).toBe(ago(90));
    expect(aWin.balance!.toFixed(2)).toBe("42.00");

    // The same again, in windows: nothing written.
    const again = await importConnection({ db, connection: win.connection, source: memorySource(data), today: TODAY, windowDays: 3, windowRows: 4 });
    expect(again).toMatchObject({ status: "succeeded", added: 0, updated: 0, removed: 0 });
    expect(await rowsOf(win.connection.id)).toEqual(stored);
  });

  it("with `from`, the windows end there, as the one read did", async () => {
    const acct = sourceAccount({ iban: IBAN_A });
    const list = Array.from({ length: 60 }, (_, i) => shop(i, ago(i * 2)));
    const data = { accounts: [acct], turnovers: { [acct.id]: list }, historyFrom: { [acct.id]: ago(200) } };
    const { one, win, oneShot, windowed, reads } = await oneShotAndWindowed(data, { from: ago(70) });
    expect(reads.length).toBeGreaterThan(3);
    expectContiguous(reads, ago(70));
    expect(visible(windowed)).toEqual(visible(oneShot));
    expect(windowed.added).toBe(36);
    expect(await rowsOf(win.connection.id)).toEqual(await rowsOf(one.connection.id));
  });

  it("pending rows: a stored pending row is replaced in the newest window, even when its booked successor is older than it", async () => {
    const acct = sourceAccount({ iban: IBAN_A });
    const older = Array.from({ length: 12 }, (_, i) => shop(i, ago(8 + i)));
    const hold = turnover({ bookingDate: ago(2), prebooked: true, cents: -5000, counterHolder: "Tankstelle Nord", purpose: ["Kartenzahlung vorgemerkt"] });
    const gone = turnover({ bookingDate: ago(1), prebooked: true, cents: -1234, counterHolder: "Kiosk", purpose: ["vorgemerkt"] });
    const stays = turnover({ bookingDate: ago(0), prebooked: true, cents: -700, counterHolder: "Bäcker", purpose: ["vorgemerkt"] });
    const first = { accounts: [acct], turnovers: { [acct.id]: [stays, gone, hold, ...older] }, historyFrom: { [acct.id]: ago(30) } };
    const { one, win, oneShot, windowed } = await oneShotAndWindowed(first);
    expect(visible(windowed)).toEqual(visible(oneShot));

    // The hold books five days earlier than it was held (outside the newest window of 3 days),
    // the kiosk hold vanishes without a successor, the bakery one is still pending.
    const booked = turnover({ bookingDate: ago(7), cents: -5000, counterHolder: "Tankstelle Nord", purpose: ["Tankstelle Nord 2026"] });
    const second = { ...first, turnovers: { [acct.id]: [stays, booked, ...older] } };
    const a = recorded(second);
    const b = recorded(second);
    const r1 = await importConnection({ db, connection: one.connection, source: a.source, today: TODAY, windowDays: 36_500 });
    const r2 = await importConnection({ db, connection: win.connection, source: b.source, today: TODAY, windowDays: 3, windowRows: 4 });
    expect(r2).toMatchObject({ status: "succeeded", added: 0, updated: 1, removed: 1 });
    expect(visible(r2)).toEqual(visible(r1));
    // The newest window was widened to the stored hold's date minus five days.
    expect(b.reads).toContainEqual({ accountId: acct.id, from: ago(7), to: ago(3) });
    const rows = await rowsOf(win.connection.id);
    expect(rows).toEqual(await rowsOf(one.connection.id));
    expect(rows.filter((r) => r.includes("|PENDING|"))).toHaveLength(1);
    expect(rows.find((r) => r.includes("|Tankstelle Nord 2026|"))).toMatch(/\|pending:fp:[0-9a-f]{32}:0$/);
  });

  it("a window that fails: the newer windows stay, the account and the run say so, the next full import completes it without doubling", async () => {
    const [accA, accB] = [sourceAccount({ iban: IBAN_A }), sourceAccount({ iban: IBAN_B })];
    const listA = Array.from({ length: 20 }, (_, i) => shop(i, ago(i * 3)));
    const listB = [coffee(ago(9)), coffee(ago(9)), ...Array.from({ length: 30 }, (_, i) => shop(50 + i, ago(i * 2)))];
    const data = {
      accounts: [accA, accB],
      balances: { [accA.id]: sourceBalance(100), [accB.id]: sourceBalance(200) },
      turnovers: { [accA.id]: listA, [accB.id]: listB },
      historyFrom: { [accA.id]: ago(100), [accB.id]: ago(100) },
    };
    const { user, connection } = await setup();
    const failing = memorySource({ ...data, failTurnoversIf: (id, q) => id === accB.id && q.to !== undefined && q.to < ago(20) });
    const r = await importConnection({ db, connection, source: failing, today: TODAY, windowDays: 3, windowRows: 4 });
    expect(r.status).toBe("partial");
    expect(r.errors).toEqual([expect.objectContaining({ stage: "turnovers", sourceAccountId: accB.id })]);
    expect(r.accounts.map((a) => a.status)).toEqual(["imported", "failed"]);
    const acctB = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id, iban: IBAN_B } });
    const partB = await db.transaction.count({ where: { accountId: acctB.id } });
    expect(partB).toBeGreaterThan(0);
    expect(partB).toBeLessThan(listB.length);
    expect(r.added).toBe(listA.length + partB);
    // The newest window was read with the balance: it is written.
    expect(acctB.balance!.toFixed(2)).toBe("2.00");

    const next = await importConnection({ db, connection, source: memorySource(data), today: TODAY, windowDays: 3, windowRows: 4 });
    expect(next).toMatchObject({ status: "succeeded", added: listB.length - partB, updated: 0, removed: 0 });
    expect(await db.transaction.count({ where: { userId: user.id } })).toBe(listA.length + listB.length);
    const reference = await setup();
    await importConnection({ db, connection: reference.connection, source: memorySource(data), today: TODAY });
    expect(await rowsOf(connection.id)).toEqual(await rowsOf(reference.connection.id));
  });

  it("a window whose write fails stops that account there; the prefetched read is dropped", async () => {
    const acct = sourceAccount({ iban: IBAN_A });
    const list = Array.from({ length: 20 }, (_, i) => shop(i, ago(i * 3)));
    const { connection } = await setup();
    const data = { accounts: [acct], turnovers: { [acct.id]: list }, historyFrom: { [acct.id]: ago(100) } };
    await importConnection({ db, connection, source: memorySource({ ...data, turnovers: { [acct.id]: [] } }), today: TODAY });
    const account = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id } });
    // Rows older than 30 days are refused by a trigger: the windows before them land.
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION sync_test_fail_old() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'old row refused'; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER sync_test_fail_old BEFORE INSERT ON "Transaction" FOR EACH ROW WHEN (NEW."accountId" = '${account.id}' AND NEW."bookingDate" < '${ago(30)}') EXECUTE FUNCTION sync_test_fail_old()`,
    );
    try {
      const r = await importConnection({ db, connection, source: memorySource(data), today: TODAY, windowDays: 3, windowRows: 4 });
      expect(r.status).toBe("failed");
      expect(r.errors).toEqual([expect.objectContaining({ stage: "transactions", message: expect.stringContaining("old row refused") })]);
      const stored = await db.transaction.findMany({ where: { accountId: account.id }, select: { bookingDate: true } });
      expect(stored.length).toBe(r.added);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.every((t) => t.bookingDate.toISOString().slice(0, 10) >= ago(30))).toBe(true);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER sync_test_fail_old ON "Transaction"`);
    }
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { db, pgPool } from "@/lib/db";
import { importConnection } from "./import-connection.ts";
import {
  createConnection,
  createUser,
  memorySource,
  sourceAccount,
  sourceBalance,
  turnover,
} from "../../scripts/fixtures/test-fixtures.ts";
import type { SourceAccount, SourceTurnover } from "./types.ts";

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
  Array.from({ length: n }, (_, i) =>
    turnover({ cents: -(100 + i + salt * 1000), bookingDate: `2026-11-${String(1 + (i % 20)).padStart(2, "0")}` }),
  );

describe("importConnection", () => {
  it("imports accounts, balances and transactions; a re-import changes nothing", async () => {
    const { user, connection } = await setup();
    const [a, b] = accountsOf(connection.xs2aId!, IBAN_A, IBAN_B);
    const source = memorySource({
      accounts: [a!, b!, sourceAccount({ bankConnectionId: "someone-elses-connection", iban: IBAN_C })],
      balances: { [a!.id]: sourceBalance(123456), [b!.id]: sourceBalance(-5000) },
      turnovers: {
        [a!.id]: someTurnovers(3),
        [b!.id]: [...someTurnovers(2, 1), turnover({ prebooked: true, cents: -999 })],
      },
    });
    const r = await importConnection({ db, pool: pgPool(), connection, source, from: "2026-11-01" });
    expect(r).toMatchObject({ status: "succeeded", added: 6, updated: 0, removed: 0, errors: [], closed: [] });
    expect(r.accounts.map((x) => x.matchedBy)).toEqual(["created", "created"]);

    const accounts = await db.bankAccount.findMany({ where: { userId: user.id }, orderBy: { iban: "asc" } });
    expect(accounts.map((x) => x.iban)).toEqual([IBAN_A, IBAN_B]);
    const acctA = accounts.find((x) => x.iban === IBAN_A)!;
    expect(acctA).toMatchObject({
      connectionId: connection.id,
      type: "GIRO",
      currency: "EUR",
      closedAt: null,
      duplicateOfId: null,
    });
    expect(acctA.balance!.toFixed(2)).toBe("1234.56");
    expect(acctA.historyFrom!.toISOString().slice(0, 10)).toBe("2026-11-01");
    expect(await db.balanceSnapshot.count({ where: { accountId: acctA.id } })).toBe(1);

    const again = await importConnection({ db, pool: pgPool(), connection, source, from: "2026-11-01" });
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
    await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({ ...base, balances: { [a!.id]: sourceBalance(100, new Date("2026-11-20T08:00:00Z")) } }),
    });
    await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({ ...base, balances: { [a!.id]: sourceBalance(200, new Date("2026-11-20T12:00:00Z")) } }),
    });
    await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({ ...base, balances: { [a!.id]: sourceBalance(300, new Date("2026-11-21T12:00:00Z")) } }),
    });
    // An older reading does not overwrite a newer one.
    await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({ ...base, balances: { [a!.id]: sourceBalance(999, new Date("2026-11-19T12:00:00Z")) } }),
    });
    const account = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(account.balance!.toFixed(2)).toBe("3.00");
    const snaps = await db.balanceSnapshot.findMany({
      where: { accountId: account.id },
      orderBy: { observedOn: "asc" },
    });
    expect(snaps.map((s) => [s.observedOn.toISOString().slice(0, 10), s.balance.toFixed(2)])).toEqual([
      ["2026-11-20", "2.00"],
      ["2026-11-21", "3.00"],
    ]);
  });

  it("a balance the client rounded from a float artefact is stored and named in the run's one rounding warning", async () => {
    const { connection } = await setup();
    const [a] = accountsOf(connection.xs2aId!, IBAN_A);
    const balance = { ...sourceBalance(30), roundedAmounts: [{ sent: 0.30000000000000004, decimal: "0.30" }] };
    const r = await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({
        accounts: [a!],
        turnovers: { [a!.id]: someTurnovers(1) },
        balances: { [a!.id]: balance },
      }),
    });
    expect(r.status).toBe("succeeded");
    expect(r.roundedAmounts).toBe(1);
    expect(r.warnings.filter((w) => w.code === "amount_rounded").map((w) => w.message)).toEqual([
      "1 amount was within 1e-9 of a cent and rounded to it (e.g. 0.30000000000000004 → 0.30)",
    ]);
    const account = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(account.balance!.toFixed(2)).toBe("0.30");
  });

  it("closes an account XS2A no longer returns, keeps its transactions, and reopens it when it is back", async () => {
    const { connection } = await setup();
    const [a, b] = accountsOf(connection.xs2aId!, IBAN_A, IBAN_B);
    const turnovers = { [a!.id]: someTurnovers(2), [b!.id]: someTurnovers(4, 1) };
    await importConnection({ db, pool: pgPool(), connection, source: memorySource({ accounts: [a!, b!], turnovers }) });
    const acctB = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id, iban: IBAN_B } });

    const r = await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({ accounts: [a!], turnovers }),
    });
    expect(r.status).toBe("succeeded");
    expect(r.closed).toEqual([acctB.id]);
    const closed = await db.bankAccount.findUniqueOrThrow({ where: { id: acctB.id } });
    expect(closed.closedAt).not.toBeNull();
    expect(await db.transaction.count({ where: { accountId: acctB.id } })).toBe(4);

    // An empty list is suspicious: nothing is closed.
    const empty = await importConnection({ db, pool: pgPool(), connection, source: memorySource({ accounts: [] }) });
    expect(empty.warnings.map((w) => w.code)).toContain("accounts_suspicious");
    expect(
      (await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id, iban: IBAN_A } })).closedAt,
    ).toBeNull();

    await importConnection({ db, pool: pgPool(), connection, source: memorySource({ accounts: [a!, b!], turnovers }) });
    const reopened = await db.bankAccount.findUniqueOrThrow({ where: { id: acctB.id } });
    expect(reopened.closedAt).toBeNull();
    expect(await db.transaction.count({ where: { accountId: acctB.id } })).toBe(4);
  });

  it("keeps account identity across a renewal that hands out new account ids", async () => {
    const { user, connection } = await setup();
    const [a, b] = accountsOf(connection.xs2aId!, IBAN_A, IBAN_B);
    const card = sourceAccount({
      bankConnectionId: connection.xs2aId,
      iban: null,
      accountNumber: "4111XXXX1111",
      bankCode: "88888888",
      type: "creditcard",
    });
    const batchA = someTurnovers(3);
    await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({
        accounts: [a!, b!, card],
        turnovers: { [a!.id]: batchA, [card.id]: someTurnovers(1, 2) },
      }),
    });
    const before = await db.bankAccount.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
    const txA = await db.transaction.findFirstOrThrow({
      where: { accountId: before.find((x) => x.iban === IBAN_A)!.id },
    });
    await db.transaction.update({ where: { id: txA.id }, data: { userCategory: "coffee", note: "kept" } });

    const renewed = [a!, b!, card].map((x) => ({ ...x, id: `${x.id}-renewed` }));
    const r = await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({ accounts: renewed, turnovers: { [renewed[0]!.id]: batchA } }),
    });
    expect(r).toMatchObject({ status: "succeeded", added: 0, updated: 0, closed: [] });
    expect(r.accounts.map((x) => x.matchedBy)).toEqual(["iban", "iban", "accountNumber"]);

    const after = await db.bankAccount.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
    expect(after.map((x) => x.id)).toEqual(before.map((x) => x.id));
    expect(after.every((x) => x.xs2aId.endsWith("-renewed") && x.closedAt === null)).toBe(true);
    expect(await db.transaction.findUniqueOrThrow({ where: { id: txA.id } })).toMatchObject({
      userCategory: "coffee",
      note: "kept",
    });
  });

  it("keeps account identity across a re-link into a new connection", async () => {
    const { user, connection: old } = await setup();
    const [a] = accountsOf(old.xs2aId!, IBAN_A);
    await importConnection({
      db,
      pool: pgPool(),
      connection: old,
      source: memorySource({ accounts: [a!], turnovers: { [a!.id]: someTurnovers(2) } }),
    });
    await db.bankConnection.update({ where: { id: old.id }, data: { status: "DISABLED" } });
    const relinked = await createConnection(db, user.id, { relinkedFromId: old.id });
    const fresh = { ...a!, id: `${a!.id}-relinked`, bankConnectionId: relinked.xs2aId };
    const r = await importConnection({
      db,
      pool: pgPool(),
      connection: relinked,
      source: memorySource({ accounts: [fresh], turnovers: { [fresh.id]: someTurnovers(2) } }),
    });
    expect(r).toMatchObject({ status: "succeeded", added: 0 });
    const accounts = await db.bankAccount.findMany({ where: { userId: user.id } });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ connectionId: relinked.id, xs2aId: fresh.id, duplicateOfId: null });
  });

  it("does not take over an account of an unrelated connection by IBAN", async () => {
    const { user, connection: first } = await setup();
    const second = await createConnection(db, user.id);
    await importConnection({
      db,
      pool: pgPool(),
      connection: first,
      source: memorySource({ accounts: accountsOf(first.xs2aId!, IBAN_A) }),
    });
    await importConnection({
      db,
      pool: pgPool(),
      connection: second,
      source: memorySource({ accounts: accountsOf(second.xs2aId!, IBAN_A) }),
    });
    const accounts = await db.bankAccount.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(accounts.map((x) => x.connectionId)).toEqual([first.id, second.id]);
  });

  it("flags the same IBAN seen through two active connections; the older account stays primary", async () => {
    const { user, connection: first } = await setup();
    const second = await createConnection(db, user.id);
    await importConnection({
      db,
      pool: pgPool(),
      connection: first,
      source: memorySource({ accounts: accountsOf(first.xs2aId!, IBAN_A, IBAN_B) }),
    });
    const r = await importConnection({
      db,
      pool: pgPool(),
      connection: second,
      source: memorySource({ accounts: accountsOf(second.xs2aId!, IBAN_A, IBAN_C) }),
    });
    const accounts = await db.bankAccount.findMany({ where: { userId: user.id } });
    const primary = accounts.find((x) => x.connectionId === first.id && x.iban === IBAN_A)!;
    const dup = accounts.find((x) => x.connectionId === second.id && x.iban === IBAN_A)!;
    expect(primary.duplicateOfId).toBeNull();
    expect(dup.duplicateOfId).toBe(primary.id);
    expect(r.accounts.find((x) => x.accountId === dup.id)!.duplicateOfId).toBe(primary.id);
    expect(accounts.filter((x) => x.duplicateOfId !== null)).toHaveLength(1);

    // The first connection's re-import agrees on the primary.
    await importConnection({
      db,
      pool: pgPool(),
      connection: first,
      source: memorySource({ accounts: accountsOf(first.xs2aId!, IBAN_A, IBAN_B) }),
    });
    expect((await db.bankAccount.findUniqueOrThrow({ where: { id: dup.id } })).duplicateOfId).toBe(primary.id);

    // Once the other connection is no longer active, the flag is cleared.
    await db.bankConnection.update({ where: { id: first.id }, data: { status: "DISABLED" } });
    await importConnection({
      db,
      pool: pgPool(),
      connection: second,
      source: memorySource({ accounts: accountsOf(second.xs2aId!, IBAN_A, IBAN_C) }),
    });
    expect((await db.bankAccount.findUniqueOrThrow({ where: { id: dup.id } })).duplicateOfId).toBeNull();
  });

  it("one failing account → partial, the other imported", async () => {
    const { connection } = await setup();
    const [a, b] = accountsOf(connection.xs2aId!, IBAN_A, IBAN_B);
    const r = await importConnection({
      db,
      pool: pgPool(),
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
    expect(r.errors).toEqual([
      expect.objectContaining({
        stage: "turnovers",
        sourceAccountId: b!.id,
        message: expect.stringContaining("failed"),
      }),
    ]);
    expect(r.accounts.map((x) => x.status)).toEqual(["imported", "failed"]);
    const acctB = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id, iban: IBAN_B } });
    // The failed account exists but got neither transactions nor a balance from a half-read.
    expect(acctB.balance).toBeNull();
    expect(await db.transaction.count({ where: { accountId: acctB.id } })).toBe(0);

    // The next run picks it up.
    const next = await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({ accounts: [a!, b!], turnovers: { [a!.id]: someTurnovers(3), [b!.id]: someTurnovers(2) } }),
    });
    expect(next).toMatchObject({ status: "succeeded", added: 2 });
  });

  it("a failing write of one account leaves the other imported", async () => {
    const { connection } = await setup();
    const [a, b] = accountsOf(connection.xs2aId!, IBAN_A, IBAN_B);
    const source = memorySource({
      accounts: [a!, b!],
      turnovers: { [a!.id]: someTurnovers(3), [b!.id]: someTurnovers(2) },
    });
    await importConnection({ db, pool: pgPool(), connection, source });
    // B's write fails inside its transaction (a trigger refuses its rows); A's must still land.
    const acctB = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id, iban: IBAN_B } });
    const source2 = memorySource({
      accounts: [a!, b!],
      turnovers: { [a!.id]: someTurnovers(4), [b!.id]: someTurnovers(3) },
    });
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION sync_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'write refused'; END $$`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER sync_test_fail BEFORE INSERT ON "Transaction" FOR EACH ROW WHEN (NEW."accountId" = '${acctB.id}') EXECUTE FUNCTION sync_test_fail()`,
    );
    try {
      const r = await importConnection({ db, pool: pgPool(), connection, source: source2 });
      expect(r.status).toBe("partial");
      expect(r.added).toBe(1);
      expect(r.errors).toEqual([
        expect.objectContaining({
          stage: "transactions",
          accountId: acctB.id,
          message: expect.stringContaining("write refused"),
        }),
      ]);
      expect(await db.transaction.count({ where: { accountId: acctB.id } })).toBe(2);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER sync_test_fail ON "Transaction"`);
    }
  });

  it("a failing account list → failed, nothing written", async () => {
    const { user, connection } = await setup();
    const r = await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({ accounts: [], failList: true }),
    });
    expect(r).toMatchObject({ status: "failed", added: 0, errors: [expect.objectContaining({ stage: "list" })] });
    expect(await db.bankAccount.count({ where: { userId: user.id } })).toBe(0);
  });

  it("every account failing → failed", async () => {
    const { connection } = await setup();
    const [a] = accountsOf(connection.xs2aId!, IBAN_A);
    const r = await importConnection({
      db,
      pool: pgPool(),
      connection,
      source: memorySource({ accounts: [a!], failTurnovers: [a!.id], failBalance: [a!.id] }),
    });
    expect(r.status).toBe("failed");
    expect(r.errors.map((e) => e.stage).sort()).toEqual(["balance", "turnovers"]);
  });

  it("passes the window to the source and reports normalisation warnings per account", async () => {
    const { connection } = await setup();
    const [a] = accountsOf(connection.xs2aId!, IBAN_A);
    const seen: Array<{ from?: string; to?: string }> = [];
    const base = memorySource({
      accounts: [a!],
      turnovers: { [a!.id]: [turnover({ bookingDate: "2026-11-10" }), turnover({ bookingDate: "kaputt" })] },
    });
    const r = await importConnection({
      db,
      pool: pgPool(),
      connection,
      from: "2026-11-05",
      source: { ...base, turnovers: (id, q) => (seen.push(q), base.turnovers(id, q)) },
    });
    expect(seen).toEqual([{ from: "2026-11-05" }]);
    expect(r.status).toBe("succeeded");
    // The turnover the normaliser cannot store is not dropped: it is reported as kept in quarantine.
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: "quarantined",
        sourceAccountId: a!.id,
        message: expect.stringContaining('booking_date: booking date "kaputt" is not a calendar date'),
      }),
    ]);
    expect(r).toMatchObject({ added: 1, quarantined: 1, quarantinedNew: 1 });
    const kept = await db.quarantinedTurnover.findMany({ where: { userId: connection.userId } });
    expect(kept).toEqual([
      expect.objectContaining({
        status: "OPEN",
        connectionId: connection.id,
        raw: expect.objectContaining({ bookingDate: "kaputt" }),
      }),
    ]);
    // While it is open, later imports read from where the import that saw it began (its date is unknown).
    seen.length = 0;
    await importConnection({
      db,
      pool: pgPool(),
      connection,
      from: "2026-11-20",
      source: { ...base, turnovers: (id, q) => (seen.push(q), base.turnovers(id, q)) },
    });
    expect(seen).toEqual([{ from: "2026-11-05" }]);
  });

  it("items the source could not read are kept in quarantine with the account's rows; the rest imports", async () => {
    const { connection } = await setup();
    const [a] = accountsOf(connection.xs2aId!, IBAN_A);
    const raw = { booking_date: "2026-11-12", amount: 12.345, purpose: ["Erstattung"], new: true };
    const source = memorySource({
      accounts: [a!],
      turnovers: { [a!.id]: [turnover({ bookingDate: "2026-11-10" })] },
      rejected: {
        [a!.id]: [
          {
            raw,
            issues: [{ path: "amount", message: "amount 12.345 has more than two decimals" }],
            partial: { bookingDate: "2026-11-12", purpose: ["Erstattung"] },
          },
        ],
      },
    });
    const r = await importConnection({ db, pool: pgPool(), connection, source });
    expect(r).toMatchObject({ status: "succeeded", added: 1, quarantined: 1, quarantinedNew: 1 });
    const [row] = await db.quarantinedTurnover.findMany({ where: { userId: connection.userId } });
    expect(row).toMatchObject({
      raw,
      reasons: [{ path: "amount", message: "amount 12.345 has more than two decimals" }],
      retryFrom: new Date("2026-11-05T00:00:00Z"),
      matchFields: { bookingDate: "2026-11-12", purpose: "Erstattung" },
    });
    // The same item again (its `new` flag flipped): the same row, still one.
    const again = memorySource({
      accounts: [a!],
      turnovers: { [a!.id]: [turnover({ bookingDate: "2026-11-10" })] },
      rejected: { [a!.id]: [{ raw: { ...raw, new: false }, issues: [], partial: {} }] },
    });
    expect(await importConnection({ db, pool: pgPool(), connection, source: again })).toMatchObject({
      added: 0,
      quarantined: 1,
      quarantinedNew: 0,
    });
    expect(await db.quarantinedTurnover.count({ where: { userId: connection.userId } })).toBe(1);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { createAccount, createConnection, createUser, turnover } from "@/scripts/fixtures/test-fixtures";
import type { SourceTurnover } from "@/lib/import/types";
import { upsertAccountTransactions } from "@/lib/import/upsert-transactions";
import { pairTransfer, pairTransfers, transferCandidates, unpairTransfer } from "./pair-transfers";

afterAll(async () => {
  await db.$disconnect();
});

const GIRO = "DE62888888880012345678";
const SAVINGS = "DE02120300000000202051";
const window = { from: "2026-01-01", to: "2026-12-31" };

async function setup() {
  const user = await createUser(db);
  const viewer: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "en" };
  // Two banks: the transfer leaves the giro at one and arrives on savings at the other.
  const testbank = await createConnection(db, user.id);
  const sandbank = await createConnection(db, user.id);
  const giro = await createAccount(db, user.id, testbank.id, { iban: GIRO });
  const savings = await createAccount(db, user.id, sandbank.id, { iban: SAVINGS });
  const importInto = (accountId: string, turnovers: SourceTurnover[]) =>
    upsertAccountTransactions({ db, userId: user.id, accountId, turnovers, window });
  const giroRows: SourceTurnover[] = [
    turnover({
      transactionId: "G1",
      bookingDate: "2026-11-03",
      cents: -50000,
      counterIban: SAVINGS,
      purpose: ["Sparen"],
    }),
    turnover({ transactionId: "G2", bookingDate: "2026-11-04", cents: -4312, categoryId: "K.2.1" }),
    turnover({ transactionId: "G3", bookingDate: "2026-11-10", cents: -2000, purpose: ["Taschengeld"] }),
  ];
  const savingsRows: SourceTurnover[] = [
    turnover({ transactionId: "S1", bookingDate: "2026-11-05", cents: 50000, counterIban: null, purpose: ["Eingang"] }),
    // The same amount as G2 on another account, but nothing says it is the same money.
    turnover({ transactionId: "S2", bookingDate: "2026-11-04", cents: 4312, purpose: ["Erstattung"] }),
    turnover({ transactionId: "S3", bookingDate: "2026-11-11", cents: 2000, purpose: ["Taschengeld"] }),
  ];
  await importInto(giro.id, giroRows);
  await importInto(savings.id, savingsRows);
  const id = async (accountId: string, identity: string) =>
    (await db.transaction.findUniqueOrThrow({ where: { accountId_identity: { accountId, identity } } })).id;
  return { user, viewer, giro, savings, importInto, giroRows, savingsRows, id };
}

async function spending(userId: string) {
  const rows = await db.$queryRaw<{ income: string; spending: string }[]>`
    SELECT coalesce(sum(income), 0)::text AS income, coalesce(sum(spending), 0)::text AS spending
    FROM "TransactionMonthly" WHERE "userId" = ${userId} AND category NOT LIKE 'N%'`;
  return rows[0]!;
}

describe("pairing own transfers", () => {
  it("pairs across banks by IBAN or purpose, leaves look-alikes alone, and takes pairs out of income and spending", async () => {
    const s = await setup();
    expect(await spending(s.user.id)).toEqual({ income: "563.12", spending: "-563.12" });
    expect(await pairTransfers({ userId: s.user.id })).toEqual({ paired: 2 });
    const [g1, s1, g2, s2, g3, s3] = await Promise.all([
      s.id(s.giro.id, "tx:G1"),
      s.id(s.savings.id, "tx:S1"),
      s.id(s.giro.id, "tx:G2"),
      s.id(s.savings.id, "tx:S2"),
      s.id(s.giro.id, "tx:G3"),
      s.id(s.savings.id, "tx:S3"),
    ]);
    const peer = async (id: bigint) => (await db.transaction.findUniqueOrThrow({ where: { id } })).transferPeerId;
    expect(await peer(g1)).toBe(s1);
    expect(await peer(s1)).toBe(g1);
    expect(await peer(g3)).toBe(s3);
    expect(await peer(g2)).toBeNull();
    expect(await peer(s2)).toBeNull();
    // Only the groceries and the refund count now.
    expect(await spending(s.user.id)).toEqual({ income: "43.12", spending: "-43.12" });
    // A second run changes nothing.
    expect(await pairTransfers({ userId: s.user.id })).toEqual({ paired: 0 });
  });

  it("an unpaired transfer stays unpaired after a re-import, and can be paired again by hand", async () => {
    const s = await setup();
    await pairTransfers({ userId: s.user.id });
    const g1 = await s.id(s.giro.id, "tx:G1");
    const s1 = await s.id(s.savings.id, "tx:S1");
    await unpairTransfer({ viewer: s.viewer, input: { transactionId: String(s1) } });
    expect((await db.transaction.findUniqueOrThrow({ where: { id: g1 } })).transferPeerId).toBeNull();
    expect(await spending(s.user.id)).toEqual({ income: "543.12", spending: "-543.12" });

    await s.importInto(s.giro.id, s.giroRows);
    await s.importInto(s.savings.id, s.savingsRows);
    expect(await pairTransfers({ userId: s.user.id })).toEqual({ paired: 0 });
    expect((await db.transaction.findUniqueOrThrow({ where: { id: g1 } })).transferPeerId).toBeNull();

    const candidates = await transferCandidates({ viewer: s.viewer, input: { transactionId: String(g1) } });
    expect(candidates.map((c) => c.id)).toEqual([String(s1)]);
    await pairTransfer({ viewer: s.viewer, input: { transactionId: String(g1), peerId: String(s1) } });
    expect((await db.transaction.findUniqueOrThrow({ where: { id: s1 } })).transferPeerId).toBe(g1);
    expect(await spending(s.user.id)).toEqual({ income: "43.12", spending: "-43.12" });
  });

  it("refuses another user's rows and rows that are not two sides of one amount", async () => {
    const s = await setup();
    const other = await setup();
    const g2 = await s.id(s.giro.id, "tx:G2");
    const s3 = await s.id(s.savings.id, "tx:S3");
    const foreign = await other.id(other.savings.id, "tx:S2");
    await expect(
      pairTransfer({ viewer: s.viewer, input: { transactionId: String(g2), peerId: String(foreign) } }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      pairTransfer({ viewer: s.viewer, input: { transactionId: String(g2), peerId: String(s3) } }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(unpairTransfer({ viewer: other.viewer, input: { transactionId: String(g2) } })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { upsertAccountTransactions } from "@/lib/import/upsert-transactions";
import { addMonths } from "./cadence";
import { generatedUser } from "@/scripts/fixtures/contract-users";
import { createAccount, createConnection, createUser, turnover } from "@/scripts/fixtures/test-fixtures";
import { refreshContracts } from "./refresh-contracts";
import { markContractStart, mergeContracts, splitContract } from "./shape-contracts";
import { updateContract, updateContractInput } from "./update-contract";

afterAll(async () => {
  await db.$disconnect();
});

async function seededUser(seed: number) {
  const gen = generatedUser(seed, { days: 400 });
  const user = await createUser(db);
  const conn = await createConnection(db, user.id);
  const giro = await createAccount(db, user.id, conn.id, { iban: gen.ownIbans[0] });
  // The user's other accounts (savings, the second bank) are known by IBAN.
  for (const iban of gen.ownIbans.slice(1)) await createAccount(db, user.id, conn.id, { iban });
  const rows = gen.transactions.filter((t) => t.accountId === "acc-0");
  await upsertAccountTransactions({
    db,
    userId: user.id,
    accountId: giro.id,
    turnovers: rows.map((t) =>
      turnover({
        bookingDate: t.bookingDate,
        cents: t.amountCents,
        purpose: [t.purpose],
        counterHolder: t.counterpartyName,
        counterIban: t.counterpartyIban,
        creditorId: t.creditorId,
        categoryId: t.categoryId,
      }),
    ),
    window: { from: rows[0]!.bookingDate, to: gen.today },
  });
  const viewer: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: null };
  return { gen, user, viewer, today: gen.today };
}

describe("refreshContracts", () => {
  it("stores detected contracts with their transactions; user decisions survive re-runs", async () => {
    const { user, viewer, today } = await seededUser(7);
    const first = await refreshContracts({ userId: user.id, today });
    expect(first.created).toBeGreaterThanOrEqual(8);
    const contracts = await db.contract.findMany({
      where: { userId: user.id },
      include: { _count: { select: { transactions: true } } },
    });
    const names = contracts.map((c) => c.detectedName);
    expect(names).toEqual(expect.arrayContaining(["Telekom Deutschland GmbH", "Spotify AB", "HUK-COBURG Haftpflicht"]));
    expect(contracts.every((c) => c._count.transactions >= 2 && c.status === "SUGGESTED")).toBe(true);
    // Groceries and own transfers are no contracts.
    expect(names.some((n) => /REWE|EDEKA|ALDI|Lidl/.test(n))).toBe(false);
    expect(contracts.some((c) => c.counterpartyName === user.email)).toBe(false);

    const spotify = contracts.find((c) => c.detectedName === "Spotify AB")!;
    const huk = contracts.find((c) => c.detectedName === "HUK-COBURG Haftpflicht")!;
    const rent = contracts.find((c) => c.categoryId === "K.1.1")!;
    await updateContract({ viewer, input: { contractId: spotify.id, status: "CONFIRMED", name: "Musik" } });
    await updateContract({ viewer, input: { contractId: huk.id, status: "DISMISSED" } });
    await updateContract({ viewer, input: { contractId: rent.id, endDate: "2027-03-31", noticeDays: 90 } });

    const again = await refreshContracts({ userId: user.id, today });
    expect(again.created).toBe(0);
    expect(again.detected).toBe(first.detected);
    const after = await db.contract.findMany({ where: { userId: user.id } });
    expect(after).toHaveLength(contracts.length);
    const byId = new Map(after.map((c) => [c.id, c]));
    expect(byId.get(spotify.id)).toMatchObject({ status: "CONFIRMED", name: "Musik" });
    expect(byId.get(huk.id)!.status).toBe("DISMISSED");
    expect(byId.get(rent.id)!.endDate!.toISOString().slice(0, 10)).toBe("2027-03-31");
    expect(byId.get(rent.id)!.noticeDays).toBe(90);
  });

  it("refuses another user's contract and bad input, changing nothing", async () => {
    const a = await seededUser(8);
    const b = await seededUser(9);
    await refreshContracts({ userId: a.user.id, today: a.today });
    const target = (await db.contract.findFirst({ where: { userId: a.user.id } }))!;
    await expect(
      updateContract({ viewer: b.viewer, input: { contractId: target.id, status: "DISMISSED" } }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await db.contract.findUnique({ where: { id: target.id } }))!.status).toBe("SUGGESTED");
    for (const bad of [{ endDate: "2026-13-45" }, { noticeDays: -1 }, { status: "ACTIVE" }, { name: "x".repeat(121) }])
      expect(updateContractInput.safeParse({ contractId: target.id, ...bad }).success).toBe(false);
  });

  it("merged, split and hand-marked contracts survive every re-detection", async () => {
    const { user, viewer, today } = await seededUser(11);
    await refreshContracts({ userId: user.id, today });
    const links = async (contractId: string) =>
      (await db.contractTransaction.findMany({ where: { contractId }, orderBy: { transactionId: "asc" } })).map((l) =>
        String(l.transactionId),
      );
    const list = await db.contract.findMany({ where: { userId: user.id } });
    const spotify = list.find((c) => c.detectedName === "Spotify AB")!;
    const huk = list.find((c) => c.detectedName === "HUK-COBURG Haftpflicht")!;
    const rent = list.find((c) => c.categoryId === "K.1.1")!;
    const spotifyIds = await links(spotify.id);
    const hukIds = await links(huk.id);

    // Merge: HUK into Spotify (both costs).
    await mergeContracts({ viewer, input: { contractId: spotify.id, otherId: huk.id } });
    // Split: the rent's three oldest payments become their own contract.
    const rentIds = await links(rent.id);
    const split = await splitContract({
      viewer,
      input: { contractId: rent.id, transactionIds: rentIds.slice(0, 3), name: "Old flat" },
    });
    // Mark by hand: a grocery payment (never a contract) starts one.
    const grocery = (await db.transaction.findFirst({
      where: { userId: user.id, counterpartyName: { contains: "REWE" }, status: "BOOKED" },
      orderBy: { bookingDate: "desc" },
    }))!;
    const marked = await markContractStart({
      viewer,
      input: { transactionId: String(grocery.id), cadence: "weekly", name: "Weekly shop" },
    });

    for (let run = 0; run < 2; run++) {
      await refreshContracts({ userId: user.id, today });
      expect(await db.contract.findUnique({ where: { id: huk.id } })).toBeNull();
      expect(await db.contract.count({ where: { userId: user.id, detectedName: "HUK-COBURG Haftpflicht" } })).toBe(0);
      expect((await links(spotify.id)).sort()).toEqual([...spotifyIds, ...hukIds].sort());
      expect(await db.contract.findUnique({ where: { id: spotify.id } })).toMatchObject({ status: "CONFIRMED" });

      expect(await links(split.contractId)).toEqual(rentIds.slice(0, 3));
      expect(await links(rent.id)).toEqual(rentIds.slice(3));
      expect(await db.contract.findUnique({ where: { id: split.contractId } })).toMatchObject({
        name: "Old flat",
        missingSince: null,
      });
      expect(await db.contractTransaction.count({ where: { transactionId: { in: rentIds.map(BigInt) } } })).toBe(
        rentIds.length,
      );

      const m = (await db.contract.findUnique({ where: { id: marked.contractId } }))!;
      expect(m).toMatchObject({ name: "Weekly shop", status: "CONFIRMED", cadence: "WEEKLY" });
      expect(await links(marked.contractId)).toContain(String(grocery.id));
    }
  });

  it("after a split, later imported payments follow the part they resemble", async () => {
    const user = await createUser(db);
    const conn = await createConnection(db, user.id);
    const giro = await createAccount(db, user.id, conn.id, { iban: "DE62888888880012345678" });
    const viewer: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: null };
    const landlord = { counterHolder: "Hausverwaltung Nord GmbH", counterIban: "DE89370400440532013000" };
    const rent = (month: string, cents: number) =>
      turnover({ bookingDate: `${month}-01`, cents, purpose: [`Miete ${month}`], ...landlord });
    const months = (from: string, n: number) =>
      Array.from({ length: n }, (_, i) => addMonths(`${from}-01`, i).slice(0, 7));
    const load = (turnovers: ReturnType<typeof rent>[], from: string, to: string) =>
      upsertAccountTransactions({ db, userId: user.id, accountId: giro.id, turnovers, window: { from, to } });
    // Old flat €800 until December, new flat €950 from January: one landlord, one contract found.
    await load(
      [...months("2025-05", 8).map((m) => rent(m, -80000)), ...months("2026-01", 4).map((m) => rent(m, -95000))],
      "2025-05-01",
      "2026-04-30",
    );
    await refreshContracts({ userId: user.id, today: "2026-04-30" });
    const [found] = await db.contract.findMany({ where: { userId: user.id } });
    const links = async (contractId: string) =>
      (
        await db.contractTransaction.findMany({
          where: { contractId },
          include: { transaction: { select: { bookingDate: true } } },
          orderBy: { transaction: { bookingDate: "asc" } },
        })
      ).map((l) => l.transaction.bookingDate.toISOString().slice(0, 7));
    const ids = (
      await db.contractTransaction.findMany({
        where: { contractId: found!.id, transaction: { amount: -950 } },
      })
    ).map((l) => String(l.transactionId));
    expect(ids).toHaveLength(4);
    const split = await splitContract({
      viewer,
      input: { contractId: found!.id, transactionIds: ids, name: "New flat" },
    });

    // May's and June's rent come in with the next imports (June's a little higher).
    await load([rent("2026-05", -95000)], "2026-05-01", "2026-05-31");
    await refreshContracts({ userId: user.id, today: "2026-05-31" });
    await load([rent("2026-06", -97500)], "2026-06-01", "2026-06-30");
    await refreshContracts({ userId: user.id, today: "2026-06-30" });

    expect(await links(split.contractId)).toEqual(months("2026-01", 6));
    expect(await links(found!.id)).toEqual(months("2025-05", 8));
    expect(await db.contract.findUnique({ where: { id: split.contractId } })).toMatchObject({
      name: "New flat",
      active: true,
      nextDate: new Date("2026-07-01T00:00:00Z"),
    });
    expect(await db.contract.findUnique({ where: { id: found!.id } })).toMatchObject({ active: false });
    expect(await db.contract.count({ where: { userId: user.id } })).toBe(2);
  });

  it("refuses to merge another user's contract or to split off every payment", async () => {
    const a = await seededUser(12);
    const b = await seededUser(13);
    await refreshContracts({ userId: a.user.id, today: a.today });
    await refreshContracts({ userId: b.user.id, today: b.today });
    const [a1, a2] = await db.contract.findMany({ where: { userId: a.user.id, direction: "out" }, take: 2 });
    const b1 = (await db.contract.findFirst({ where: { userId: b.user.id, direction: "out" } }))!;
    await expect(
      mergeContracts({ viewer: a.viewer, input: { contractId: a1!.id, otherId: b1.id } }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await db.contract.findUnique({ where: { id: b1.id } })).not.toBeNull();
    const ids = (await db.contractTransaction.findMany({ where: { contractId: a2!.id } })).map((l) =>
      String(l.transactionId),
    );
    await expect(
      splitContract({ viewer: a.viewer, input: { contractId: a2!.id, transactionIds: ids } }),
    ).rejects.toMatchObject({ code: "conflict" });
    const bTx = (await db.transaction.findFirst({ where: { userId: b.user.id } }))!;
    await expect(
      markContractStart({ viewer: a.viewer, input: { transactionId: String(bTx.id), cadence: "monthly" } }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

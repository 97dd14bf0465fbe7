import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { upsertAccountTransactions } from "@/lib/import/upsert-transactions";
import { generatedUser } from "@/scripts/fixtures/contract-users";
import { createAccount, createConnection, createUser, turnover } from "@/scripts/fixtures/test-fixtures";
import { refreshContracts } from "./refresh-contracts";
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
});

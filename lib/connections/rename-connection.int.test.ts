// Naming bank logins on PostgreSQL: two logins at one bank read apart everywhere a connection is
// named (bank cards, consent banners and the renew walk, account groups); the user's own name
// replaces the default everywhere; only the owner can rename; bad names change nothing.
import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { createAccount, createConnection, createUser } from "@/scripts/fixtures/test-fixtures";

afterAll(async () => {
  await db.$disconnect();
});

async function viewerWithTwoTestbankLogins() {
  const user = await createUser(db);
  const viewer: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "en" };
  const soon = new Date(Date.now() + 5 * 86_400_000);
  const logins = [];
  for (const iban of ["DE62888888880012345678", "DE62888888880099990001"]) {
    const c = await createConnection(db, user.id);
    await db.bankConnection.update({
      where: { id: c.id },
      data: { bankName: "Testbank", consentValidUntil: new Date(soon.toISOString().slice(0, 10)) },
    });
    const a = await createAccount(db, user.id, c.id, { iban });
    await db.bankAccount.update({ where: { id: a.id }, data: { description: "Girokonto" } });
    logins.push(c);
  }
  const other = await createConnection(db, user.id);
  await db.bankConnection.update({ where: { id: other.id }, data: { bankName: "Nordbank" } });
  await createAccount(db, user.id, other.id, { iban: "DE02120300000000202051" });
  return { viewer, logins, other };
}

async function namesSeen(viewer: Viewer) {
  const { listBanks } = await import("@/lib/data/banks");
  const { listConsentBanners, getRenewPage } = await import("@/lib/data/consent");
  const { groupByBank, listVisibleAccounts } = await import("@/lib/data/accounts");
  return {
    cards: (await listBanks(viewer)).map((b) => b.name),
    banners: (await listConsentBanners(viewer)).banners.map((b) => b.bankName).sort(),
    renew: (await getRenewPage(viewer, { done: [], skip: [] })).walk.current?.bankName,
    groups: groupByBank(await listVisibleAccounts(viewer)).map((g) => g.bankName),
  };
}

describe("naming bank logins", () => {
  it("two logins at one bank read apart by default, a single one stays plain, everywhere", async () => {
    const { viewer } = await viewerWithTwoTestbankLogins();
    const seen = await namesSeen(viewer);
    expect(seen.cards).toEqual(["Testbank · Girokonto ••5678", "Testbank · Girokonto ••0001", "Nordbank"]);
    expect(seen.groups).toEqual(seen.cards);
    expect(seen.banners).toEqual(["Testbank · Girokonto ••0001", "Testbank · Girokonto ••5678"]);
    expect(seen.renew).toMatch(/^Testbank · Girokonto ••(5678|0001)$/);
  });

  it("the user's own name is used everywhere; an empty one restores the default; it is audited", async () => {
    const { viewer, logins } = await viewerWithTwoTestbankLogins();
    const { renameConnection } = await import("@/lib/connections/rename-connection");
    await renameConnection({ viewer, input: { connectionId: logins[0]!.id, name: "Haushalt" } });
    const seen = await namesSeen(viewer);
    expect(seen.cards[0]).toBe("Haushalt");
    expect(seen.groups[0]).toBe("Haushalt");
    expect(seen.banners).toContain("Haushalt");
    const { listBanks } = await import("@/lib/data/banks");
    expect((await listBanks(viewer))[0]).toMatchObject({
      ownName: "Haushalt",
      defaultName: "Testbank · Girokonto ••5678",
    });
    const audits = await db.auditEvent.findMany({ where: { actorId: viewer.id, action: "bank.renamed" } });
    expect(audits).toHaveLength(1);

    await renameConnection({ viewer, input: { connectionId: logins[0]!.id, name: "" } });
    expect((await namesSeen(viewer)).cards[0]).toBe("Testbank · Girokonto ••5678");
  });

  it("refuses another user's connection (as not found) and bad names, changing nothing", async () => {
    const { viewer, logins } = await viewerWithTwoTestbankLogins();
    const stranger = await viewerWithTwoTestbankLogins();
    const { renameConnection, renameConnectionInput } = await import("@/lib/connections/rename-connection");
    await expect(
      renameConnection({ viewer: stranger.viewer, input: { connectionId: logins[0]!.id, name: "Mine now" } }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(renameConnectionInput.safeParse({ connectionId: "x", name: "a".repeat(61) }).success).toBe(false);
    expect(renameConnectionInput.safeParse({ connectionId: "x", name: "Haus\u202ehalt" }).success).toBe(false);
    expect(renameConnectionInput.safeParse({ connectionId: "x", name: "  Haushalt  " }).data?.name).toBe("Haushalt");
    expect((await db.bankConnection.findUniqueOrThrow({ where: { id: logins[0]!.id } })).name).toBeNull();
    expect((await namesSeen(viewer)).cards[0]).toBe("Testbank · Girokonto ••5678");
  });
});

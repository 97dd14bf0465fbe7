/**
 * Issue 18: "the snooze button once failed to hide the banner (Sandbank, one day before expiry)
 * and worked on a retry". With the sandbox clock, the snooze's end was dated by lib/clock.ts's
 * cached or fallback offset: right after the sandbox moved (within the 1-second cache), or when the
 * sandbox did not answer within 2 s on a loaded machine, that offset was days behind the sandbox's
 * day. The stored end had then already passed by the sandbox clock the next page read, so the
 * banner stayed — and the retry, with the clock answering, worked.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import type { Harness } from "@/scripts/fixtures/sync-test-harness";

let h: Harness;
let db: typeof import("@/lib/db").db;

beforeAll(async () => {
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness();
  ({ db } = await import("@/lib/db"));
});

afterAll(async () => {
  vi.restoreAllMocks();
  await db?.$disconnect().catch(() => undefined);
  await h?.close();
});

const addDays = (ymd: string, days: number) =>
  new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Saldo's reads of the sandbox clock fail (the sandbox too slow to answer); everything else passes. */
function sandboxClockUnreachable() {
  const realFetch = globalThis.fetch;
  return vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname === "/__sandbox/clock") return Promise.reject(new DOMException("timed out", "TimeoutError"));
    return realFetch(input, init);
  });
}

describe("'Remind me tomorrow' on the banner, with the sandbox clock", () => {
  it("is never stored against a stale clock: refused while the sandbox clock does not answer, then hides the banner", async () => {
    const { now } = await import("@/lib/clock");
    const { listConsentBanners } = await import("@/lib/data/consent");
    const { snoozeConsentReminder } = await import("@/lib/consent/snooze-consent-reminder");
    const { createConnection, createUser } = await import("@/scripts/fixtures/test-fixtures");
    const user = await createUser(db);
    const viewer: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "en" };
    const connection = await createConnection(db, user.id);

    // Saldo has read the sandbox clock; then the sandbox moves on (the tester advances it).
    await now({ fresh: true });
    const { today } = (await h.control("clock/advance", { days: 60 })) as { today: string };
    await db.bankConnection.update({
      where: { id: connection.id },
      data: { bankName: "Sandbank Plus", consentValidUntil: new Date(`${addDays(today, 1)}T00:00:00Z`) },
    });

    // The sandbox does not answer Saldo's clock read in time.
    const blocked = sandboxClockUnreachable();
    const snooze = () => snoozeConsentReminder({ viewer, input: { connectionId: connection.id } });
    await expect(snooze()).rejects.toMatchObject({ code: "unavailable" });
    const row = await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row.consentSnoozedUntil).toBeNull();
    blocked.mockRestore();
    // A page drawn now may still use the clock cache (1 s) from before the move; wait it out.
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    // The sandbox answers again: the page shows the banner one day before the end; the snooze hides it.
    const before = await listConsentBanners(viewer);
    expect(before.banners.map((b) => [b.connectionId, b.step])).toEqual([[connection.id, 1]]);
    const { snoozedUntil } = await snooze();
    const sandboxNow = Date.parse(((await h.control("clock")) as { now: string }).now.replace(" ", "T") + "Z");
    // Dated by the sandbox's day (a day ahead of it, give or take the Berlin offset of its "now").
    expect(Date.parse(snoozedUntil) - sandboxNow).toBeGreaterThan(20 * 3_600_000);
    expect((await listConsentBanners(viewer)).banners).toEqual([]);
  });

  it("the emailed link changes nothing while the sandbox clock does not answer, and works on a retry", async () => {
    const { now } = await import("@/lib/clock");
    const { snoozeFromLink, snoozeLinkFor } = await import("@/lib/consent/snooze-from-link");
    const { createConnection, createUser } = await import("@/scripts/fixtures/test-fixtures");
    const user = await createUser(db);
    const connection = await createConnection(db, user.id);
    const { today } = (await h.control("clock")) as { today: string };
    const validUntil = addDays(today, 3);
    await db.bankConnection.update({
      where: { id: connection.id },
      data: { consentValidUntil: new Date(`${validUntil}T00:00:00Z`) },
    });
    const link = snoozeLinkFor(connection.id, validUntil, await now({ fresh: true }));
    const token = new URL(link!).searchParams.get("t")!;

    const blocked = sandboxClockUnreachable();
    expect(await snoozeFromLink(token)).toBe("failed");
    blocked.mockRestore();
    const row = await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row.consentSnoozedUntil).toBeNull();

    expect(await snoozeFromLink(token)).toBe("snoozed");
    const after = await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } });
    const sandboxNow = Date.parse(((await h.control("clock")) as { now: string }).now.replace(" ", "T") + "Z");
    expect(after.consentSnoozedUntil!.getTime() - sandboxNow).toBeGreaterThan(20 * 3_600_000);
  });
});

// Two oddities of the generated data, fixed and pinned: purpose timestamps are never later than the
// sandbox clock, and markAsSeen reads its date inclusively ("until the given date" = booking dates on
// or before it, of the turnovers the account held at the call).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountView } from "./generator/view";
import type { SandboxServer } from "./server";
import { API_KEY, client, linkBank, startTestSandbox } from "./test-helpers";
import type { AccountRec } from "./types";

let server: SandboxServer;
beforeAll(async () => {
  server = await startTestSandbox();
});
afterAll(() => server.close());

const STAMP = /(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/;

/** Every "YYYY-MM-DDTHH:MM:SS" in the purposes, as "YYYY-MM-DD HH:MM:SS". */
function stamps(turnovers: { purpose: string[] }[]): string[] {
  return turnovers.flatMap((t) =>
    t.purpose.flatMap((line) => {
      const m = STAMP.exec(line);
      return m ? [`${m[1]} ${m[2]}`] : [];
    }),
  );
}

function account(login: string, syncedAt: string, over: Partial<AccountRec> = {}): AccountRec {
  return {
    id: `bac_${login}`,
    seq: 1,
    userId: "bus_x",
    connectionId: "bcn_x",
    bankCode: "88888888",
    login,
    index: 0,
    type: "giro",
    description: "Girokonto",
    holder: "Max",
    iban: "DE00",
    accountNumber: "1",
    created_at: "2026-03-01 08:00:00",
    linkedOn: "2026-03-01",
    windowStart: "2026-01-01",
    limitDays: null,
    syncedAt,
    seenThrough: null,
    volume: null,
    ...over,
  };
}

describe("purpose timestamps never later than the sandbox clock", () => {
  const logins = Array.from({ length: 20 }, (_, i) => `clock-${i}`);

  it("a sync at 09:30 shows no card payment timed after 09:30 that day; the same day synced at 23:59 does", () => {
    const morning = logins.flatMap((l) => stamps(accountView(account(l, "2026-03-10 09:30:00")).turnovers));
    expect(morning.length).toBeGreaterThan(100);
    expect(morning.filter((s) => s > "2026-03-10 09:30:00")).toEqual([]);
    // The check has teeth: those payments exist, they just had not happened at 09:30.
    const night = logins.flatMap((l) => stamps(accountView(account(l, "2026-03-10 23:59:59")).turnovers));
    expect(night.filter((s) => s > "2026-03-10 09:30:00").length).toBeGreaterThan(0);
    // Earlier days are whole in both.
    expect(morning.filter((s) => s < "2026-03-10").sort()).toEqual(night.filter((s) => s < "2026-03-10").sort());
  });

  it("the balance counts only what has happened by the sync", () => {
    const early = accountView(account("clock-1", "2026-03-10 06:00:00"));
    const late = accountView(account("clock-1", "2026-03-10 23:59:59"));
    const sameDayCards = late.turnovers.filter(
      (t) => t.booking_date === "2026-03-10" && !t.prebooked && stamps([t]).length,
    );
    const cents = (ts: { amount: number }[]) => ts.reduce((s, t) => s + Math.round(t.amount * 100), 0);
    expect(late.balanceCents - early.balanceCents).toBe(cents(sameDayCards));
  });

  it("volume logins keep exactly N at link time, none timed after the link", () => {
    const a = account("volume-3000", "2026-03-01 08:15:00", {
      volume: 3000,
      created_at: "2026-03-01 08:15:00",
      windowStart: "2026-02-20",
    });
    const view = accountView(a);
    expect(view.turnovers).toHaveLength(3000);
    const all = stamps(view.turnovers);
    expect(all.filter((s) => s > "2026-03-01 08:15:00")).toEqual([]);
    expect(all.filter((s) => s.startsWith("2026-03-01")).length).toBeGreaterThan(0);
  });

  it("over HTTP: every timestamp the sandbox sends is at or before its clock's now", async () => {
    const { api } = await linkBank(server.url, { userName: "clock-http", bankCode: "99990001" });
    const accounts = (await api("GET", "/v1/api/accounts")).body.data as { id: string }[];
    const now = (await client(server.url, API_KEY)("GET", "/__sandbox/clock")).body.now as string;
    const sent: string[] = [];
    for (const a of accounts)
      sent.push(...stamps((await api("GET", `/v1/api/accounts/${a.id}/turnovers`)).body.turnovers));
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.filter((s) => s > now)).toEqual([]);
  });
});

describe("markAsSeen's date is inclusive", () => {
  type T = { booking_date: string; new: boolean; purpose: string[]; amount: number; prebooked: boolean };
  const identity = (t: T) => JSON.stringify({ ...t, new: undefined });

  it("clears `new` on the turnovers held at the call booked on or before the date (the date itself included)", async () => {
    const { api } = await linkBank(server.url, { userName: "seen-inclusive" });
    const giro = ((await api("GET", "/v1/api/accounts")).body.data as { id: string; type: string }[]).find(
      (a) => a.type === "giro",
    )!;
    const list = async (q = "") =>
      (await api("GET", `/v1/api/accounts/${giro.id}/turnovers${q}`)).body.turnovers as T[];
    const before = await list();
    expect(before.every((t) => t.new)).toBe(true);
    const dates = [...new Set(before.map((t) => t.booking_date))].sort();
    const date = dates[Math.floor(dates.length / 2)]!;
    expect(before.some((t) => t.booking_date === date)).toBe(true);

    const res = await api("POST", `/v1/api/accounts/${giro.id}/markAsSeen/${date}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 200, id: giro.id, date });
    const after = await list();
    expect(after.filter((t) => t.booking_date <= date).every((t) => !t.new)).toBe(true);
    expect(after.filter((t) => t.booking_date === date).length).toBeGreaterThan(0);
    expect(after.filter((t) => t.booking_date > date).every((t) => t.new)).toBe(true);
    const fresh = await list("?only_new=1");
    expect(fresh.map(identity)).toEqual(after.filter((t) => t.booking_date > date).map(identity));

    // Turnovers that show up later are new, whatever their booking date; what was seen stays seen.
    const held = new Set(before.map(identity));
    await client(server.url, API_KEY)("POST", "/__sandbox/clock/advance", { days: 4 });
    const later = await list();
    expect(later.length).toBeGreaterThan(after.length);
    for (const t of later) {
      if (!held.has(identity(t))) expect(t.new, `${t.booking_date} ${t.purpose.join(" ")}`).toBe(true);
      else if (t.booking_date <= date) expect(t.new).toBe(false);
    }

    // Without a date: everything held now is seen; only what comes after is new.
    await api("POST", `/v1/api/accounts/${giro.id}/markAsSeen`);
    expect(await list("?only_new=1")).toEqual([]);
    const seenAll = new Set((await list()).map(identity));
    await client(server.url, API_KEY)("POST", "/__sandbox/clock/advance", { days: 2 });
    const next = await list("?onlyNew=true");
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((t) => !seenAll.has(identity(t)))).toBe(true);
  });
});

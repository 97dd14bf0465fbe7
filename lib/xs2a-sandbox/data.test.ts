// Generated data: determinism, realism features, consistency over syncs, and volume.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { API_KEY, client, linkBank, startTestSandbox, type Client } from "./test-helpers";
import { createSandbox } from "./handler";
import { addDays } from "./time";

let server: SandboxServer;
beforeAll(async () => {
  server = await startTestSandbox();
});
afterAll(() => server.close());

interface T {
  booking_date: string;
  amount: number;
  purpose: string[];
  prebooked: boolean;
  canceled: boolean;
  counter_holder: string | null;
  counter_iban: string | null;
  creditor_id: string | null;
  transaction_id: string | null;
  tags: string[];
  category_id: string;
  new: boolean;
}

async function accountsOf(api: Client) {
  return (await api("GET", "/v1/api/accounts?per_page=100")).body.data as {
    id: string;
    type: string;
    iban: string;
    bank_code: string;
  }[];
}
async function turnovers(api: Client, id: string, query = ""): Promise<T[]> {
  return (await api("GET", `/v1/api/accounts/${id}/turnovers${query}`)).body.turnovers;
}
const cents = (xs: T[]) => xs.reduce((s, t) => s + Math.round(t.amount * 100), 0);

describe("generated turnovers", () => {
  it("are deterministic: the same login gives the same data", async () => {
    const a = await linkBank(server.url, { userName: "det-user" });
    const b = await linkBank(server.url, { userName: "det-user" });
    const [ga] = (await accountsOf(a.api)).filter((x) => x.type === "giro");
    const [gb] = (await accountsOf(b.api)).filter((x) => x.type === "giro");
    expect(ga!.iban).toBe(gb!.iban);
    expect(await turnovers(a.api, ga!.id)).toEqual(await turnovers(b.api, gb!.id));
  });

  it("look like a German giro account", async () => {
    const { api } = await linkBank(server.url, { userName: "realism" });
    const giro = (await accountsOf(api)).find((x) => x.type === "giro")!;
    const list = await turnovers(api, giro.id);
    expect(list.some((t) => t.tags.includes("salary") && t.amount > 0)).toBe(true);
    expect(list.some((t) => t.tags.includes("rent") && t.amount < 0 && t.purpose.join(" ").includes("Miete"))).toBe(
      true,
    );
    expect(list.some((t) => /REWE|EDEKA|ALDI|Lidl/.test(t.counter_holder ?? ""))).toBe(true);
    const dd = list.find((t) => t.creditor_id);
    expect(dd!.creditor_id).toMatch(/^DE\d{2}ZZZ\d{11}$/);
    expect(dd!.purpose.some((l) => l.startsWith("MREF:"))).toBe(true);
    expect(list.some((t) => t.tags.includes("standing-order"))).toBe(true);
    expect(list.every((t) => /^[A-Z]\.\d+(\.\d+)*$/.test(t.category_id) && Array.isArray(t.purpose))).toBe(true);
    expect(
      list.every(
        (t) =>
          Math.round(t.amount * 100) === t.amount * 100 || Math.abs(Math.round(t.amount * 100) - t.amount * 100) < 1e-6,
      ),
    ).toBe(true);
    expect(list.filter((t) => t.canceled)).toHaveLength(1);
    expect(list.some((t) => t.prebooked)).toBe(true);
    // Two identical coffees on one day.
    const coffees = list.filter((t) => t.counter_holder === "Balzac Coffee");
    expect(coffees).toHaveLength(2);
    expect(coffees[0]).toEqual(coffees[1]);
    // Testbank gives no transaction ids (clients must fingerprint); Nordbank does.
    expect(list.every((t) => t.transaction_id === null)).toBe(true);
    const nord = await linkBank(server.url, { bankCode: "99990002", userName: "realism" });
    const nordList = await turnovers(nord.api, (await accountsOf(nord.api))[0]!.id);
    expect(nordList.every((t) => typeof t.transaction_id === "string")).toBe(true);
    expect(new Set(nordList.map((t) => t.transaction_id)).size).toBe(nordList.length);
  });

  it("links own accounts at two banks with matching transfers", async () => {
    const test = await linkBank(server.url, { userName: "two-banks", connection: { days: 62 } });
    const sand = await linkBank(server.url, { bankCode: "99990001", userName: "two-banks", connection: { days: 62 } });
    const sandAccounts = await accountsOf(sand.api);
    expect(sandAccounts.map((a) => a.type).sort()).toEqual(["creditcard", "giro", "savings"]);
    const savings = sandAccounts.find((a) => a.type === "savings")!;
    const giro = (await accountsOf(test.api)).find((a) => a.type === "giro")!;
    const out = (await turnovers(test.api, giro.id)).filter((t) => t.counter_iban === savings.iban);
    const inc = (await turnovers(sand.api, savings.id)).filter((t) => t.counter_iban === giro.iban);
    expect(out.length).toBeGreaterThan(0);
    expect(inc.map((t) => [t.booking_date, -t.amount])).toEqual(out.map((t) => [t.booking_date, t.amount]));
  });

  it("book pending items, add new ones and keep balances consistent as the clock advances", async () => {
    const { api, connection } = await linkBank(server.url, { userName: "over-time" });
    const giro = (await accountsOf(api)).find((a) => a.type === "giro")!;
    const balance = async () => (await api("GET", `/v1/api/accounts/${giro.id}/balance`)).body;
    const before = await turnovers(api, giro.id);
    const b0 = await balance();
    const booked0 = before.filter((t) => !t.prebooked && !t.canceled);
    const opening = Math.round(b0.balance * 100) - cents(booked0);
    expect(Math.round(b0.available * 100)).toBe(
      Math.round(b0.balance * 100) + cents(before.filter((t) => t.prebooked)) + 100_000,
    );
    await api("POST", `/v1/api/accounts/${giro.id}/markAsSeen`);

    const ctl = client(server.url, API_KEY);
    await ctl("POST", "/__sandbox/clock/advance", { days: 5 });
    const after = await turnovers(api, giro.id);
    expect(after.length).toBeGreaterThan(before.length);
    expect(
      after
        .filter((t) => t.prebooked)
        .every((t) => t.booking_date > before[0]!.booking_date || t.booking_date >= after[0]!.booking_date.slice(0, 8)),
    ).toBe(true);
    // No item stays pending for more than 2 days.
    const today = (await ctl("GET", "/__sandbox/clock")).body.today as string;
    const twoDaysAgo = new Date(Date.parse(today) - 2 * 86_400_000).toISOString().slice(0, 10);
    expect(after.filter((t) => t.prebooked).every((t) => t.booking_date >= twoDaysAgo)).toBe(true);
    const b1 = await balance();
    expect(Math.round(b1.balance * 100) - cents(after.filter((t) => !t.prebooked && !t.canceled))).toBe(opening);
    expect(b1.date > b0.date).toBe(true);
    const fresh = await turnovers(api, giro.id, "?only_new=1");
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((t) => t.new)).toBe(true);

    // No sync, no new data: an injected failure keeps the data as of the last successful sync.
    await ctl("POST", `/__sandbox/connections/${connection.id}/fail-next-sync`, {});
    await ctl("POST", "/__sandbox/clock/advance", { days: 2 });
    expect(await turnovers(api, giro.id)).toEqual(after);
  });

  it("filters by from/to and trims to limit_days", async () => {
    const { api } = await linkBank(server.url, { userName: "filters", connection: { limit_days: 10, days: 60 } });
    const giro = (await accountsOf(api)).find((a) => a.type === "giro")!;
    const all = await turnovers(api, giro.id);
    const dates = all.map((t) => t.booking_date);
    const newest = dates[0]!;
    const oldest = dates.at(-1)!;
    expect(Date.parse(newest) - Date.parse(oldest)).toBeLessThan(10 * 86_400_000);
    const some = await turnovers(api, giro.id, `?from=${newest}&to=${newest}`);
    expect(some.every((t) => t.booking_date === newest)).toBe(true);
    expect((await api("GET", `/v1/api/accounts/${giro.id}/turnovers?from=2024-13-01`)).status).toBe(422);
    // `new` follows when a turnover became visible, which is its booking date or up to 2 days later
    // (card payments book a day or two after they show as pending). A watermark 2 days after the
    // oldest booking date has therefore seen the oldest day's turnovers, and not the newest day's.
    const watermark = addDays(oldest, 2);
    expect(newest > watermark, "the window spans more than 2 days").toBe(true);
    expect((await api("POST", `/v1/api/accounts/${giro.id}/markAsSeen/${watermark}`)).status).toBe(200);
    const fresh = await turnovers(api, giro.id, "?only_new=1");
    expect(fresh.some((t) => t.booking_date === newest)).toBe(true);
    expect(fresh.every((t) => t.booking_date > oldest)).toBe(true);
    expect(fresh.length).toBeLessThan(all.length);
  });

  it("answers a booking-date window with exactly the whole list's items of those days, byte for byte", async () => {
    const sandbox = createSandbox({ apiKey: "k" });
    const { raw, call, accountId } = await volumeAccount(sandbox, "volume-20000");
    const path = `/v1/api/accounts/${accountId}/turnovers`;
    const generated = ((await (await raw("GET", path)).json()) as { turnovers: T[] }).turnovers;
    const [newest, oldest] = [generated[0]!.booking_date, generated.at(-1)!.booking_date];
    const mid = generated[Math.floor(generated.length / 2)]!.booking_date;
    // `new` differs by item (a mark half way), and extra items (one without a date) come with them.
    expect((await raw("POST", `/v1/api/accounts/${accountId}/markAsSeen/${mid}`)).status).toBe(200);
    const control = (method: string, path: string, body?: unknown) => call("k", method, path, body);
    await control("POST", `/__sandbox/accounts/${accountId}/extra-turnovers`, {
      key: "undated",
      omit: ["booking_date"],
    });
    await control("POST", `/__sandbox/accounts/${accountId}/extra-turnovers`, {
      key: "dated",
      turnover: { booking_date: mid },
    });
    const whole = JSON.parse(await (await raw("GET", path)).text()) as { turnovers: T[] };
    expect(whole.turnovers).toHaveLength(20_002);
    expect(new Set(whole.turnovers.map((t) => t.new))).toEqual(new Set([true, false]));
    const windows: [string | null, string | null][] = [
      [null, null],
      [mid, null],
      [null, mid],
      [mid, mid],
      [addDays(mid, -6), mid],
      [addDays(mid, -6), addDays(mid, -1)],
      [oldest, oldest],
      [newest, newest],
      [addDays(oldest, -30), addDays(oldest, -1)],
      [addDays(newest, 1), addDays(newest, 30)],
      [addDays(oldest, -1), addDays(newest, 1)],
      [mid, addDays(mid, -3)],
    ];
    for (const [from, to] of windows) {
      const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
      const text = await (await raw("GET", `${path}?${query}`)).text();
      // What reading every item of the list and keeping those of the window answers.
      const expected = JSON.stringify({
        ...whole,
        turnovers: whole.turnovers.filter(
          (t) => !t.booking_date || ((!from || t.booking_date >= from) && (!to || t.booking_date <= to)),
        ),
      });
      expect(text, `from ${from} to ${to}`).toBe(expected);
    }
  });

  it("generates 100,000 turnovers for USER_NAME=volume-100000 without storing them", async () => {
    const sandbox = createSandbox({ apiKey: "k" });
    const { raw, accountId } = await volumeAccount(sandbox, "volume-100000");
    const res = await raw("GET", `/v1/api/accounts/${accountId}/turnovers`);
    const result = await res.json();
    expect(result.turnovers).toHaveLength(100_000);
    // How fast this is, is for `npm run bench` to report, not for a test to assert.
    // The state holds no turnovers.
    expect(JSON.stringify(sandbox.state).length).toBeLessThan(50_000);
  });
});

/** A bank user at Testbank with the login `userName` (volume-N: N turnovers), on an in-process sandbox. */
async function volumeAccount(sandbox: ReturnType<typeof createSandbox>, userName: string) {
  const call = async (password: string, method: string, path: string, body?: unknown) => {
    const res = await sandbox.handle(
      new Request(`http://sandbox${path}`, {
        method,
        headers: { authorization: `Basic ${btoa(`api:${password}`)}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return res.status === 204 ? null : res.json();
  };
  const user = await call("k", "PUT", "/v1/api/users", {});
  const token = await call("k", "PUT", `/v1/api/users/${user.id}/accesstokens`, {});
  const s = await call(token.token, "PUT", "/v1/api/connections", { days: 365 });
  await call(token.token, "POST", "/v1/api/wizard", {
    key: s.wizard_session_key,
    country_id: "DE",
    bank_code: "88888888",
  });
  await call(token.token, "POST", "/v1/api/wizard", {
    key: s.wizard_session_key,
    USER_NAME: userName,
    USER_PIN: "123456",
    privacy_policy: true,
  });
  const accounts = await call(token.token, "GET", "/v1/api/accounts");
  /** The user's request as it is answered (the Response, for its exact text). */
  const raw = (method: string, path: string) =>
    sandbox.handle(
      new Request(`http://sandbox${path}`, {
        method,
        headers: { authorization: `Basic ${btoa(`api:${token.token}`)}` },
      }),
    );
  return { call, raw, accountId: accounts.data[0].id as string };
}

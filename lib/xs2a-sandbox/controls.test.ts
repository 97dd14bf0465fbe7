// Controls (/__sandbox/*), fault injection, auth and pagination.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { API_KEY, client, linkBank, startTestSandbox } from "./test-helpers";

let server: SandboxServer;
beforeAll(async () => {
  server = await startTestSandbox();
});
afterAll(() => server.close());

const control = () => client(server.url, API_KEY);

describe("auth", () => {
  it("refuses wrong keys, foreign tokens and expired tokens with 401", async () => {
    const wrong = await client(server.url, "nope")("GET", "/v1/api/users");
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: 401, message: "Invalid credentials." });
    expect((await fetch(`${server.url}/v1/api/users`)).status).toBe(401);
    const a = await linkBank(server.url);
    const b = await linkBank(server.url);
    // A token never sees another bank user's data (404 like not found).
    expect((await b.api("GET", `/v1/api/connections/${a.connection.id}`)).status).toBe(404);
    const accountA = (await a.api("GET", "/v1/api/accounts")).body.data[0];
    expect((await b.api("GET", `/v1/api/accounts/${accountA.id}/turnovers`)).status).toBe(404);
    expect((await b.api("GET", "/v1/api/accounts")).body.data.every((x: { id: string }) => x.id !== accountA.id)).toBe(
      true,
    );
    // A token is not an API key, and the API key is not a token.
    expect((await a.api("GET", "/v1/api/users")).status).toBe(401);
    expect((await control()("GET", "/v1/api/accounts")).status).toBe(401);
    expect((await a.api("GET", "/__sandbox/clock")).status).toBe(401);
    // Expiry on the sandbox clock.
    const short = (await control()("PUT", `/v1/api/users/${a.user.id}/accesstokens`)).body; // default: one hour
    const api = client(server.url, short.token);
    expect((await api("GET", "/v1/api/accounts")).status).toBe(200);
    await control()("POST", "/__sandbox/clock/advance", { days: 1 });
    expect((await api("GET", "/v1/api/accounts")).status).toBe(401);
    const refreshed = await control()("PATCH", `/v1/api/users/${a.user.id}/accesstokens/${short.id}`, {
      valid_until: "2099-01-01 00:00:00",
    });
    expect(refreshed.body.token).toBe(short.token);
    expect((await api("GET", "/v1/api/accounts")).status).toBe(200);
  });
});

describe("pagination", () => {
  it("pages newest first with Laravel fields", async () => {
    const { api } = await linkBank(server.url);
    for (let i = 0; i < 4; i++) await api("PUT", "/v1/api/connections", {});
    const p1 = (await api("GET", "/v1/api/connections?per_page=2")).body;
    expect(p1).toMatchObject({
      total: 5,
      per_page: 2,
      current_page: 1,
      last_page: 3,
      from: 1,
      to: 2,
      prev_page_url: null,
    });
    expect(p1.next_page_url).toBe(`${server.url}/v1/api/connections?per_page=2&page=2`);
    const p3 = (await api("GET", "/v1/api/connections?per_page=2&page=3")).body;
    expect(p3).toMatchObject({ current_page: 3, from: 5, to: 5, next_page_url: null });
    expect(p3.data).toHaveLength(1);
    expect(p1.data[0].created_at >= p3.data[0].created_at).toBe(true);
    const all = (await api("GET", "/v1/api/connections")).body;
    expect(all.per_page).toBe(15);
    expect(all.data.at(-1).sync_active).toBe(true); // the oldest is the linked one
    const beyond = (await api("GET", "/v1/api/connections?page=9")).body;
    expect(beyond).toMatchObject({ data: [], from: null, to: null });
    expect((await api("GET", "/v1/api/connections?per_page=1000")).body.per_page).toBe(100);
    expect((await api("GET", "/v1/api/connections?page=abc")).status).toBe(422);
  });
});

describe("faults", () => {
  it("500, 429 with Retry-After, malformed JSON and an HTML page, each for `count` requests", async () => {
    const { api, connection } = await linkBank(server.url);
    const path = `/v1/api/connections/${connection.id}`;
    const add = (body: unknown) => control()("POST", "/__sandbox/faults", body);
    expect((await add({ scope: { connectionId: connection.id }, kind: "500", count: 2 })).status).toBe(201);
    expect((await api("GET", path)).status).toBe(500);
    expect((await api("GET", path)).status).toBe(500);
    expect((await api("GET", path)).status).toBe(200);

    await add({ scope: { bankCode: "88888888" }, kind: "429", count: 1, retryAfterSeconds: 7 });
    const limited = await api("GET", path);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");

    await add({ scope: { all: true }, kind: "malformed", count: 1 });
    const bad = await api("GET", "/v1/api/accounts");
    expect(bad.status).toBe(200);
    expect(bad.headers.get("content-type")).toMatch(/json/);
    expect(() => JSON.parse(bad.text)).toThrow();

    const account = (await api("GET", "/v1/api/accounts")).body.data[0];
    await add({ scope: { accountId: account.id }, kind: "html", count: 1 });
    expect((await api("GET", path)).status).toBe(200); // other scope untouched
    const html = await api("GET", `/v1/api/accounts/${account.id}/balance`);
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
    expect(html.text).toContain("<html>");

    expect((await add({ scope: {}, kind: "500" })).status).toBe(422);
    expect((await add({ scope: { all: true }, kind: "teapot" })).status).toBe(422);
  });

  it("a search scope faults only that bank search; one fault can be removed by its id", async () => {
    const add = (body: unknown) => control()("POST", "/__sandbox/faults", body);
    const search = (q: string) =>
      control()("GET", `/v1/bankcodes/autocomplete?q=${encodeURIComponent(q)}&country_id=DE`);
    const fault = await add({ scope: { search: "Outage bank" }, kind: "500", count: 5 });
    expect(fault.status).toBe(201);
    expect((await search("Testbank")).status).toBe(200); // another search is untouched
    expect((await search("Outage bank")).status).toBe(500);
    expect((await control()("DELETE", `/__sandbox/faults/${fault.body.id}`)).status).toBe(200);
    expect((await search("Outage bank")).status).toBe(200);
    expect((await control()("DELETE", `/__sandbox/faults/${fault.body.id}`)).status).toBe(404);
  });

  it("a faulted sync changes nothing", async () => {
    const { api, connection } = await linkBank(server.url);
    await control()("POST", `/__sandbox/connections/${connection.id}/fail-next-sync`, {});
    await control()("POST", "/__sandbox/faults", { scope: { connectionId: connection.id }, kind: "500" });
    expect((await api("POST", `/v1/api/connections/${connection.id}/sync`, {})).status).toBe(500);
    expect((await api("GET", `/v1/api/connections/${connection.id}`)).body.sync_fail_counter).toBe(0);
  });

  it("timeout hangs until the client gives up", async () => {
    const { api, connection } = await linkBank(server.url);
    await control()("POST", "/__sandbox/faults", { scope: { connectionId: connection.id }, kind: "timeout" });
    const started = Date.now();
    await expect(
      api("GET", `/v1/api/connections/${connection.id}`, undefined, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await api("GET", `/v1/api/connections/${connection.id}`)).status).toBe(200);
    // Without a client timeout the hang ends with 504 (test server: 1.5 s instead of 30 s).
    await control()("POST", "/__sandbox/faults", { scope: { connectionId: connection.id }, kind: "timeout" });
    expect((await api("GET", `/v1/api/connections/${connection.id}`)).status).toBe(504);
  });
});

describe("latency", () => {
  it("delays every real-API request by the set time, never the controls, and counts the requests", async () => {
    const { api, connection } = await linkBank(server.url);
    const timed = async (fn: () => Promise<{ status: number }>) => {
      const t0 = Date.now();
      const r = await fn();
      return { status: r.status, ms: Date.now() - t0 };
    };
    const before = (await control()("GET", "/__sandbox/latency")).body;
    expect(before.ms).toBe(0);
    expect((await control()("PUT", "/__sandbox/latency", { ms: 60_001 })).status).toBe(422);
    expect((await control()("PUT", "/__sandbox/latency", { ms: 200 })).body.ms).toBe(200);
    try {
      const call = await timed(() => api("GET", `/v1/api/connections/${connection.id}`));
      expect(call.status).toBe(200);
      expect(call.ms).toBeGreaterThanOrEqual(195);
      // Controls answer at once (a test setting up faults is not slowed down).
      expect((await timed(() => control()("GET", "/__sandbox/clock"))).ms).toBeLessThan(150);
      const after = (await control()("GET", "/__sandbox/latency")).body;
      // Only the timed call: control requests are not counted.
      expect(after.requests - before.requests).toBe(1);
    } finally {
      await control()("PUT", "/__sandbox/latency", { ms: 0 });
    }
    expect((await timed(() => api("GET", `/v1/api/connections/${connection.id}`))).ms).toBeLessThan(150);
  });
});

describe("extra turnovers", () => {
  it("sends a turnover without a booking date or with an odd amount, later the same one valid, then none", async () => {
    const { api } = await linkBank(server.url, { bankCode: "99990002" }); // Nordbank: bank transaction ids
    const account = (await api("GET", "/v1/api/accounts")).body.data[0];
    const turnovers = () => api("GET", `/v1/api/accounts/${account.id}/turnovers`);
    const extra = (body: unknown) => control()("POST", `/__sandbox/accounts/${account.id}/extra-turnovers`, body);
    const generated = (await turnovers()).body.turnovers.length;

    const undated = await extra({ key: "late-1", turnover: { amount: -42.5 }, omit: ["booking_date"] });
    expect(undated.status).toBe(200);
    expect(undated.body.turnover).not.toHaveProperty("booking_date");
    await extra({ key: "float", turnover: { amount: 0.30000000000000004 } });
    const first = await turnovers();
    expect(first.body.turnovers).toHaveLength(generated + 2);
    // The undated item comes first (it cannot be placed), and is sent without the field at all.
    expect(first.body.turnovers[0]).toMatchObject({ amount: -42.5, purpose: ["Sandbox extra turnover late-1"] });
    expect(first.body.turnovers[0]).not.toHaveProperty("booking_date");
    expect(first.text).toContain('"amount":0.30000000000000004');
    const txId = first.body.turnovers[0].transaction_id;
    expect(txId).toMatch(/^SX[0-9A-F]{14}$/);
    // The balance is not moved by extra items.
    const balance = (await api("GET", `/v1/api/accounts/${account.id}/balance`)).body.balance;

    // Later: the same turnover (same key → same bank id and text), now with a date.
    await extra({ key: "late-1", turnover: { amount: -42.5, booking_date: "2020-01-02" } });
    const later = (await turnovers()).body.turnovers;
    const same = later.filter((t: { purpose: string[] }) => t.purpose[0] === "Sandbox extra turnover late-1");
    expect(same).toEqual([expect.objectContaining({ booking_date: "2020-01-02", transaction_id: txId })]);
    // A dated extra item follows the from/to filter.
    const recent = (await api("GET", `/v1/api/accounts/${account.id}/turnovers?from=2021-01-01`)).body.turnovers;
    expect(recent.some((t: { transaction_id: string }) => t.transaction_id === txId)).toBe(false);
    expect((await api("GET", `/v1/api/accounts/${account.id}/balance`)).body.balance).toBe(balance);

    const listed = (await control()("GET", `/__sandbox/accounts/${account.id}/extra-turnovers`)).body.data;
    expect(listed.map((x: { key: string }) => x.key).sort()).toEqual(["float", "late-1"]);
    expect((await control()("DELETE", `/__sandbox/accounts/${account.id}/extra-turnovers/float`)).status).toBe(200);
    expect((await control()("DELETE", `/__sandbox/accounts/${account.id}/extra-turnovers/float`)).status).toBe(404);
    expect((await control()("DELETE", `/__sandbox/accounts/${account.id}/extra-turnovers/late-1`)).status).toBe(200);
    expect((await turnovers()).body.turnovers).toHaveLength(generated);

    expect((await extra({ key: "bad key!" })).status).toBe(422);
    expect((await control()("POST", "/__sandbox/accounts/nope/extra-turnovers", { key: "a" })).status).toBe(404);
    // A control, not the bank user's API.
    expect((await api("POST", `/__sandbox/accounts/${account.id}/extra-turnovers`, { key: "a" })).status).toBe(401);
  });

  it("a bank without transaction ids sends extra items without one", async () => {
    const { api } = await linkBank(server.url);
    const account = (await api("GET", "/v1/api/accounts")).body.data[0];
    const r = await control()("POST", `/__sandbox/accounts/${account.id}/extra-turnovers`, { key: "x" });
    expect(r.body.turnover).toMatchObject({ transaction_id: null, amount: -12.34, currency: "EUR", prebooked: false });
  });
});

describe("clock, state and reset", () => {
  it("reports and advances the clock, summarises state and resets everything", async () => {
    const before = (await control()("GET", "/__sandbox/clock")).body;
    expect(before.now).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(before.today).toBe(before.now.slice(0, 10));
    const after = (await control()("POST", "/__sandbox/clock/advance", { days: 3 })).body;
    expect(after.offsetDays).toBe(before.offsetDays + 3);
    expect((await control()("POST", "/__sandbox/clock/advance", { days: -1 })).status).toBe(422);
    const { user } = await linkBank(server.url);
    expect((await control()("GET", "/__sandbox/state")).body.users).toBeGreaterThan(0);
    expect((await control()("POST", "/__sandbox/reset")).status).toBe(200);
    expect((await control()("GET", `/v1/api/users/${user.id}`)).status).toBe(404);
    expect((await control()("GET", "/__sandbox/clock")).body.offsetDays).toBe(0);
    expect((await control()("GET", "/__sandbox/connections/x/fail-next-sync")).status).toBe(405);
    expect((await control()("POST", "/__sandbox/connections/nope/expire-consent")).status).toBe(404);
  });
});

describe("accounts opened and closed at the bank", () => {
  type Listed = { id: string; iban: string; description: string; bank_connection_id: string | null };
  const listed = async (api: ReturnType<typeof client>, connectionId: string) =>
    ((await api("GET", `/v1/api/connections/${connectionId}/accounts`)).body.data as Listed[]).map((a) => a.id).sort();

  it("a new account is listed from the connection's next sync, and a closed one no longer after it", async () => {
    const { api, connection } = await linkBank(server.url);
    const before = (await api("GET", `/v1/api/connections/${connection.id}/accounts`)).body.data as Listed[];
    expect(before).toHaveLength(2);

    const opened = await control()("POST", `/__sandbox/connections/${connection.id}/accounts`, {
      type: "savings",
      description: "Urlaubskasse",
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      bank_connection_id: connection.id,
      type: "savings",
      description: "Urlaubskasse",
      list_change: "open",
    });
    expect(before.map((a) => a.iban)).not.toContain(opened.body.iban);
    // Not at XS2A before the sync: not in the lists, not by id.
    expect(await listed(api, connection.id)).toEqual(before.map((a) => a.id).sort());
    expect(((await api("GET", "/v1/api/accounts")).body.data as Listed[]).map((a) => a.id)).not.toContain(
      opened.body.id,
    );
    expect((await api("GET", `/v1/api/accounts/${opened.body.id}`)).status).toBe(404);

    expect((await api("POST", `/v1/api/connections/${connection.id}/sync`, {})).status).toBe(204);
    expect(await listed(api, connection.id)).toEqual([...before.map((a) => a.id), opened.body.id].sort());
    const account = (await api("GET", `/v1/api/accounts/${opened.body.id}`)).body;
    expect(account).toMatchObject({
      description: "Urlaubskasse",
      iban: opened.body.iban,
      bank_connection_id: connection.id,
    });
    expect((await api("GET", `/v1/api/accounts/${opened.body.id}/balance`)).status).toBe(200);
    const turnovers = (await api("GET", `/v1/api/accounts/${opened.body.id}/turnovers`)).body;
    // Opened today: no history before that.
    const today = (await control()("GET", "/__sandbox/clock")).body.today as string;
    expect(turnovers.turnovers.every((t: { booking_date: string }) => t.booking_date >= today)).toBe(true);

    // Closing: listed until the next sync, gone after it.
    const giro = before.find((a) => a.description === "Girokonto")!;
    const closing = await control()("POST", `/__sandbox/accounts/${giro.id}/close`);
    expect(closing.status).toBe(200);
    expect(closing.body).toMatchObject({ id: giro.id, list_change: "close", removed: false });
    expect((await control()("POST", `/__sandbox/accounts/${giro.id}/close`)).status).toBe(409);
    expect(await listed(api, connection.id)).toContain(giro.id);
    expect((await api("POST", `/v1/api/connections/${connection.id}/sync`, {})).status).toBe(204);
    expect(await listed(api, connection.id)).not.toContain(giro.id);
    expect((await api("GET", `/v1/api/accounts/${giro.id}`)).status).toBe(404);
    expect(await listed(api, connection.id)).toHaveLength(2);
  });

  it("the daily run of a full connection applies them too; one opened and closed before a sync leaves no trace", async () => {
    const { api, connection } = await linkBank(server.url, { bankCode: "99990002" });
    const first = (await control()("POST", `/__sandbox/connections/${connection.id}/accounts`, {})).body;
    expect(first).toMatchObject({ type: "giro", description: "Neues Girokonto" });
    const second = (await control()("POST", `/__sandbox/connections/${connection.id}/accounts`, { type: "creditcard" }))
      .body;
    expect(second.iban).not.toBe(first.iban);
    expect((await control()("POST", `/__sandbox/accounts/${second.id}/close`)).body).toMatchObject({ removed: true });
    await control()("POST", "/__sandbox/clock/advance", { days: 1 });
    const ids = await listed(api, connection.id);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(second.id);
    expect(ids).toHaveLength(2);
  });

  it("refuses bad bodies, unknown ids and a connection that is not linked yet", async () => {
    const { api, connection } = await linkBank(server.url);
    const open = (id: string, body: unknown) => control()("POST", `/__sandbox/connections/${id}/accounts`, body);
    expect((await open(connection.id, { type: "depot" })).status).toBe(422);
    expect((await open(connection.id, { description: "" })).status).toBe(422);
    expect((await open(connection.id, { iban: "DE00" })).status).toBe(422);
    expect((await open("bcn_nope", {})).status).toBe(404);
    const unlinked = (await api("PUT", "/v1/api/connections", {})).body;
    expect((await open(unlinked.transaction, {})).status).toBe(409);
    expect((await control()("POST", "/__sandbox/accounts/bac_nope/close")).status).toBe(404);
    // Nothing of it changed the list; the control is not the real API's.
    expect(await listed(api, connection.id)).toHaveLength(2);
    expect((await api("POST", `/__sandbox/connections/${connection.id}/accounts`, {})).status).toBe(401);
  });
});

/** Request shapes, auth, sync semantics and pagination of the XS2A client (fake fetch, no sockets). */
import { describe, expect, it } from "vitest";
import { createXs2aClient, isConnectionDisabled, listAll, type Paginated } from "./index.ts";
import { emptyResponse, fakeFetch, jsonResponse, type Reply } from "../../scripts/fixtures/fake-fetch.ts";

const BASE = "https://xs2a.test/";
const session = { wizard_session_key: "wsk-1", transaction: "tx-1" };

function setup(...replies: Reply[]) {
  const f = fakeFetch(...replies);
  const client = createXs2aClient({ baseUrl: BASE, apiKey: "the-api-key", fetch: f.fetch, maxReadRetries: 0 });
  return { client, user: client.forToken("the-token"), calls: f.calls };
}

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("authentication", () => {
  it("merchant scope sends Basic api:<API key>", async () => {
    const { client, calls } = setup(jsonResponse({ id: "u1" }));
    await client.bankUsers.get("u1");
    expect(calls[0]!.headers.authorization).toBe(`Basic ${b64("api:the-api-key")}`);
  });

  it("bank-user scope sends Basic api:<access token>", async () => {
    const { user, calls } = setup(jsonResponse({ id: "a1" }));
    await user.accounts.get("a1");
    expect(calls[0]!.headers.authorization).toBe(`Basic ${b64("api:the-token")}`);
  });

  it("sends a client request id and JSON accept header", async () => {
    const { client, calls } = setup(jsonResponse({ id: "u1" }));
    await client.bankUsers.get("u1");
    expect(calls[0]!.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls[0]!.headers.accept).toBe("application/json");
  });

  it("does not read configuration from process.env", () => {
    expect(() => createXs2aClient({ baseUrl: "", apiKey: "k" })).toThrow(TypeError);
    expect(() => createXs2aClient({ baseUrl: "https://x", apiKey: "" })).toThrow(TypeError);
  });
});

describe("merchant-scope requests", () => {
  it("bankUsers.create is a PUT with a JSON body", async () => {
    const { client, calls } = setup(jsonResponse({ id: "u1", name: "Max", email: "m@example.com", testmode: true }));
    const user = await client.bankUsers.create({ name: "Max", email: "m@example.com" });
    expect(user.id).toBe("u1");
    expect(calls[0]).toMatchObject({ method: "PUT", body: { name: "Max", email: "m@example.com" } });
    expect(calls[0]!.url.href).toBe("https://xs2a.test/v1/api/users");
    expect(calls[0]!.headers["content-type"]).toBe("application/json");
  });

  it("bankUsers.list sends page and per_page", async () => {
    const { client, calls } = setup(jsonResponse({ total: 0, per_page: 5, current_page: 2, last_page: 1, data: [] }));
    await client.bankUsers.list({ page: 2, perPage: 5 });
    expect(calls[0]!.url.search).toBe("?page=2&per_page=5");
  });

  it("bankUsers.delete is a DELETE; the body is not needed", async () => {
    const { client, calls } = setup(emptyResponse(204));
    await expect(client.bankUsers.delete("u 1/x")).resolves.toBeUndefined();
    expect(calls[0]).toMatchObject({ method: "DELETE" });
    expect(calls[0]!.url.pathname).toBe("/v1/api/users/u%201%2Fx");
  });

  it("accessTokens.create sends valid_until as Berlin wall-clock YYYY-MM-DD HH:MM:SS (winter)", async () => {
    const { client, calls } = setup(jsonResponse({ id: "t1", token: "tok", valid_until: "2050-01-01 11:11:11" }));
    await client.accessTokens.create("u1", { validUntil: new Date("2050-01-01T10:11:11Z") });
    expect(calls[0]).toMatchObject({ method: "PUT", body: { valid_until: "2050-01-01 11:11:11" } });
    expect(calls[0]!.url.pathname).toBe("/v1/api/users/u1/accesstokens");
  });

  it("accessTokens.refresh is a PATCH with valid_until (summer)", async () => {
    const { client, calls } = setup(jsonResponse({ id: "t1", token: "tok", valid_until: "2024-07-15 12:00:00" }));
    const t = await client.accessTokens.refresh("u1", "t1", { validUntil: new Date("2024-07-15T10:00:00Z") });
    expect(t.validUntil?.toISOString()).toBe("2024-07-15T10:00:00.000Z");
    expect(calls[0]).toMatchObject({ method: "PATCH", body: { valid_until: "2024-07-15 12:00:00" } });
    expect(calls[0]!.url.pathname).toBe("/v1/api/users/u1/accesstokens/t1");
  });

  it("refuses an invalid validUntil before sending anything", async () => {
    const { client, calls } = setup(jsonResponse({}));
    await expect(client.accessTokens.create("u1", { validUntil: new Date("x") })).rejects.toThrow(TypeError);
    expect(calls).toHaveLength(0);
  });

  it("sessions, events and bank codes use their paths and query names", async () => {
    const page = { total: 0, per_page: 15, current_page: 1, last_page: 1, data: [] };
    const { client, calls } = setup(
      jsonResponse({ id: "s1" }),
      jsonResponse(page),
      jsonResponse({ bank_code: "88888888" }),
      jsonResponse(page),
      jsonResponse(page),
    );
    await client.sessions.get("tx-1");
    await client.events.list({ transactionId: "tx-1", type: "transaction.updated", perPage: 50 });
    await client.bankCodes.get("88888888");
    await client.bankCodes.autocomplete({ q: "Test bank", countryId: "DE" });
    await client.bankCodes.all({ countryId: "DE", page: 3 });
    expect(calls.map((c) => c.url.pathname + c.url.search)).toEqual([
      "/v1/sessions/tx-1",
      "/v1/events?per_page=50&transaction_id=tx-1&type=transaction.updated",
      "/v1/bankcodes?bank_code=88888888",
      "/v1/bankcodes/autocomplete?q=Test+bank&country_id=DE",
      "/v1/bankcodes/all?country_id=DE&page=3",
    ]);
  });
});

describe("bank-user-scope requests", () => {
  it("connections.create is a PUT with snake_case fields and returns the session pair", async () => {
    const { user, calls } = setup(jsonResponse(session, 201));
    const result = await user.connections.create({
      syncMode: "full",
      countryId: "DE",
      bic: "TESTDE88XXX",
      days: 365,
      limitDays: 365,
      accountSelection: "all",
      language: "de",
    });
    expect(result).toEqual({ wizardSessionKey: "wsk-1", transaction: "tx-1" });
    expect(calls[0]).toMatchObject({
      method: "PUT",
      body: {
        sync_mode: "full",
        country_id: "DE",
        bic: "TESTDE88XXX",
        days: 365,
        limit_days: 365,
        account_selection: "all",
        language: "de",
      },
    });
    expect(calls[0]!.url.pathname).toBe("/v1/api/connections");
  });

  it("connections.create with no input sends {}", async () => {
    const { user, calls } = setup(jsonResponse(session, 202));
    await user.connections.create();
    expect(calls[0]!.body).toEqual({});
  });

  it("connections.get accepts a transaction id in place of the id", async () => {
    const { user, calls } = setup(jsonResponse({ id: "c1", transaction: "tx-1" }));
    expect((await user.connections.get("tx-1")).id).toBe("c1");
    expect(calls[0]!.url.pathname).toBe("/v1/api/connections/tx-1");
  });

  it("sync: 204 → started", async () => {
    const { user, calls } = setup(emptyResponse(204));
    expect(await user.connections.sync("c1")).toEqual({ kind: "started" });
    expect(calls[0]).toMatchObject({ method: "POST", body: {} });
    expect(calls[0]!.url.pathname).toBe("/v1/api/connections/c1/sync");
  });

  it("sync: 202 → needs_user with the new wizard session", async () => {
    const { user } = setup(jsonResponse(session, 202));
    expect(await user.connections.sync("c1")).toEqual({
      kind: "needs_user",
      wizardSessionKey: "wsk-1",
      transaction: "tx-1",
    });
  });

  it("sync never sends force unless it is passed", async () => {
    const { user, calls } = setup(emptyResponse(204));
    await user.connections.sync("c1", { credentials: "half" });
    expect(calls[0]!.body).toEqual({ credentials: "half" });
    expect(calls[0]!.body).not.toHaveProperty("force");
    await user.connections.sync("c1", { force: true });
    expect(calls[1]!.body).toEqual({ force: true });
  });

  it("reset → the new session pair", async () => {
    const { user, calls } = setup(jsonResponse(session, 202));
    expect(await user.connections.reset("c1")).toEqual({ wizardSessionKey: "wsk-1", transaction: "tx-1" });
    expect(calls[0]).toMatchObject({ method: "POST" });
    expect(calls[0]!.url.pathname).toBe("/v1/api/connections/c1/reset");
  });

  it("connection accounts, account list, balance", async () => {
    const page = { total: 1, per_page: 15, current_page: 1, last_page: 1, data: [{ id: "a1", type: "giro" }] };
    const { user, calls } = setup(
      jsonResponse(page),
      jsonResponse(page),
      jsonResponse({ id: "a1", balance: 10, currency: "EUR" }),
    );
    expect((await user.connections.accounts("c1")).data[0]!.id).toBe("a1");
    expect((await user.accounts.list({ perPage: 100 })).data).toHaveLength(1);
    expect((await user.accounts.balance("a1")).balance).toEqual({ cents: 1000, decimal: "10.00" });
    expect(calls.map((c) => c.url.pathname + c.url.search)).toEqual([
      "/v1/api/connections/c1/accounts",
      "/v1/api/accounts?per_page=100",
      "/v1/api/accounts/a1/balance",
    ]);
  });

  it("turnovers sends from/to as calendar dates and only_new as 0/1", async () => {
    const { user, calls } = setup(jsonResponse({ id: "a1", turnovers: [] }));
    await user.accounts.turnovers("a1", { from: "2024-01-01", to: "2024-01-31", onlyNew: true });
    await user.accounts.turnovers("a1", { onlyNew: false });
    expect(calls[0]!.url.search).toBe("?from=2024-01-01&to=2024-01-31&only_new=1");
    expect(calls[1]!.url.search).toBe("?only_new=0");
    await expect(user.accounts.turnovers("a1", { from: "2024-02-30" })).rejects.toThrow(TypeError);
  });

  it("markAsSeen with and without a date", async () => {
    const { user, calls } = setup(jsonResponse({}));
    await user.accounts.markAsSeen("a1");
    await user.accounts.markAsSeen("a1", "2024-01-31");
    expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual([
      "POST /v1/api/accounts/a1/markAsSeen",
      "POST /v1/api/accounts/a1/markAsSeen/2024-01-31",
    ]);
  });

  it("wizard.step posts the key and fields as given", async () => {
    const { user, calls } = setup(jsonResponse({ code: 200, form: { name: "finish", elements: [] } }));
    const w = await user.wizard.step({ key: "wsk-1", USER_NAME: "x", USER_PIN: "123456", privacy_policy: true });
    expect(w.finished).toBe(true);
    expect(calls[0]).toMatchObject({
      method: "POST",
      body: { key: "wsk-1", USER_NAME: "x", USER_PIN: "123456", privacy_policy: true },
    });
    expect(calls[0]!.url.pathname).toBe("/v1/api/wizard");
  });

  it("refuses empty ids before sending anything", async () => {
    const { user, calls } = setup(jsonResponse({}));
    await expect(user.accounts.get("")).rejects.toThrow(TypeError);
    await expect(user.connections.sync(" ")).rejects.toThrow(TypeError);
    expect(() => createXs2aClient({ baseUrl: BASE, apiKey: "k" }).forToken("")).toThrow(TypeError);
    expect(calls).toHaveLength(0);
  });
});

describe("listAll", () => {
  const pageOf = (n: number, last: number, data: string[]): Paginated<string> => ({
    total: 5,
    perPage: 2,
    currentPage: n,
    lastPage: last,
    nextPageUrl: null,
    prevPageUrl: null,
    from: null,
    to: null,
    data,
  });

  it("walks every page of the Laravel paginator", async () => {
    const pages = [["a", "b"], ["c", "d"], ["e"]];
    const seen: number[] = [];
    const all = await listAll(async (page) => {
      seen.push(page);
      return pageOf(page, 3, pages[page - 1]!);
    });
    expect(all).toEqual(["a", "b", "c", "d", "e"]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it("stops on an empty page and guards against endless paging", async () => {
    expect(await listAll(async (p) => pageOf(p, 99, p === 1 ? ["a"] : []))).toEqual(["a"]);
    await expect(listAll(async (p) => pageOf(p, 1e9, ["x"]), { maxPages: 3 })).rejects.toThrow(/3 pages/);
  });

  it("works with the client's list methods", async () => {
    const { client } = setup(
      jsonResponse({ total: 3, per_page: 2, current_page: 1, last_page: 2, data: [{ id: "u1" }, { id: "u2" }] }),
      jsonResponse({ total: 3, per_page: 2, current_page: 2, last_page: 2, data: [{ id: "u3" }] }),
    );
    const users = await listAll((page) => client.bankUsers.list({ page, perPage: 2 }));
    expect(users.map((u) => u.id)).toEqual(["u1", "u2", "u3"]);
  });
});

describe("isConnectionDisabled", () => {
  it("is true from sync_fail_counter 3", () => {
    expect(isConnectionDisabled({ syncFailCounter: 2 })).toBe(false);
    expect(isConnectionDisabled({ syncFailCounter: 3 })).toBe(true);
    expect(isConnectionDisabled({ syncFailCounter: 4 })).toBe(true);
  });

  it("works on a parsed connection with a string counter", async () => {
    const { user } = setup(jsonResponse({ id: "c1", sync_fail_counter: "3", sync_active: 0 }));
    expect(isConnectionDisabled(await user.connections.get("c1"))).toBe(true);
  });
});

// The conformance table of the sandbox README ("SDK conformance"), one test per row: every XS2A.api
// method of the official Node SDK (`@fintecsystems/xs2a-node`, src/lib/services/*.ts) and the
// official Java SDK (`xs2a-java`, services/*.kt), driven over real HTTP against the sandbox the way
// that SDK sends it: method, path, query (including the defaults and empty values it always sends),
// body bytes, headers and auth; then the status and the response fields the SDK's models read.
// Test titles are "<SDK method> — <HTTP call>" exactly as the README rows name them.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { API_KEY, client, linkBank, startTestSandbox } from "./test-helpers";

let server: SandboxServer;
beforeAll(async () => {
  server = await startTestSandbox();
});
afterAll(() => server.close());

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function reply(res: Response): Promise<Reply> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let body: unknown = null;
  if ((res.headers.get("content-type") ?? "").includes("json") && text) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, bytes, body };
}

const basic = (password: string) => `Basic ${Buffer.from(`api:${password}`).toString("base64")}`;

/**
 * The Node SDK: axios with the defaults its XS2A constructor sets (Basic `api:<key>`, JSON content
 * type, X-Client headers), `params` serialised by axios (empty strings kept as `k=`), `data` as JSON.
 */
function nodeSdk(key: string) {
  return async (
    method: "GET" | "PUT" | "POST" | "PATCH" | "DELETE",
    path: string,
    opts: { params?: Record<string, string | number>; data?: unknown } = {},
  ): Promise<Reply> => {
    const url = new URL(server.url + path);
    for (const [k, v] of Object.entries(opts.params ?? {})) url.searchParams.append(k, String(v));
    return reply(
      await fetch(url, {
        method,
        headers: {
          authorization: basic(key),
          accept: "application/json, text/plain, */*",
          "content-type": "application/json",
          "x-client": "xs2a-node",
          "x-client-version": "1.0.4",
        },
        body: opts.data === undefined ? undefined : JSON.stringify(opts.data),
      }),
    );
  };
}

/**
 * The Java SDK: OkHttp on `<backend>/v1/<path>` with Basic `api:<key>`; POST/PUT/PATCH always carry
 * a body string (empty by default) typed `application/json; charset=utf-8`; query parameters whose
 * value is null are left out, every other value is `toString()`-ed.
 */
function javaSdk(key: string) {
  const send = async (method: string, path: string, query: Record<string, unknown> = {}, body?: string) => {
    const url = new URL(`${server.url}/v1/${path}`);
    for (const [k, v] of Object.entries(query))
      if (v !== null && v !== undefined) url.searchParams.append(k, String(v));
    const headers: Record<string, string> = { authorization: basic(key) };
    if (body !== undefined) headers["content-type"] = "application/json; charset=utf-8";
    return reply(await fetch(url, { method, headers, body }));
  };
  return {
    get: (path: string, query?: Record<string, unknown>) => send("GET", path, query),
    post: (path: string, json = "") => send("POST", path, {}, json),
    put: (path: string, json = "") => send("PUT", path, {}, json),
    patch: (path: string, json = "") => send("PATCH", path, {}, json),
    delete: (path: string) => send("DELETE", path),
  };
}

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const PAGE_KEYS = [
  "current_page",
  "data",
  "from",
  "last_page",
  "next_page_url",
  "per_page",
  "prev_page_url",
  "to",
  "total",
];

function expectPage(body: { [k: string]: unknown }, perPage = 15) {
  expect(Object.keys(body).sort()).toEqual(PAGE_KEYS);
  expect(body.per_page).toBe(perPage);
  expect(body.current_page).toBe(1);
}

/** A bank user with an access token, created through the raw API (not part of the row under test). */
async function userWithToken() {
  const merchant = client(server.url, API_KEY);
  const user = (await merchant("PUT", "/v1/api/users", { name: "Max", email: "max@example.com" })).body;
  const token = (await merchant("PUT", `/v1/api/users/${user.id}/accesstokens`, { valid_until: "2050-01-01 11:11:11" }))
    .body;
  return { user, token };
}

/** A linked Testbank connection (sync mode as given) with its giro account. */
async function linked(connection: Record<string, unknown> = {}) {
  const l = await linkBank(server.url, { connection });
  const accounts = (await l.api("GET", `/v1/api/connections/${l.connection.id}/accounts`)).body.data as {
    id: string;
    type: string;
  }[];
  return { ...l, giro: accounts.find((a) => a.type === "giro")! };
}

describe("Node SDK (@fintecsystems/xs2a-node)", () => {
  const sdk = () => nodeSdk(API_KEY);

  it("API.BankUsers.create — PUT /v1/api/users", async () => {
    const r = await sdk()("PUT", "/v1/api/users", { data: { name: "Max Mustermann", email: "max@example.com" } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: "Max Mustermann",
      email: "max@example.com",
      testmode: true,
      object: "bank_user",
    });
    expect(r.body.id).toMatch(/^bus_/);
    expect(r.body.created_at).toMatch(DATETIME);
  });

  it("API.BankUsers.get — GET /v1/api/users/{userId}", async () => {
    const { user } = await userWithToken();
    const r = await sdk()("GET", `/v1/api/users/${user.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(user);
  });

  it("API.BankUsers.list — GET /v1/api/users?page=1&per_page=15", async () => {
    const { user } = await userWithToken();
    const r = await sdk()("GET", "/v1/api/users", { params: { page: 1, per_page: 15 } });
    expect(r.status).toBe(200);
    expectPage(r.body);
    expect(r.body.data[0].id).toBe(user.id);
  });

  it("API.BankUsers.delete — DELETE /v1/api/users/{userId}", async () => {
    const { user } = await userWithToken();
    const r = await sdk()("DELETE", `/v1/api/users/${user.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ code: 200, message: "deleted" });
    const gone = await sdk()("GET", `/v1/api/users/${user.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe(404);
  });

  it("API.BankUsers.createAccessToken — PUT /v1/api/users/{userId}/accesstokens", async () => {
    const { user } = await userWithToken();
    const r = await sdk()("PUT", `/v1/api/users/${user.id}/accesstokens`, {
      data: { valid_until: "2050-01-01 11:11:11" },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ valid_until: "2050-01-01 11:11:11", object: "bank_user_access_token" });
    expect(r.body.token).toMatch(/^[0-9a-f]{48}$/);
    expect(r.body.created_at).toMatch(DATETIME);
  });

  it("API.BankUsers.getAccessToken — GET /v1/api/users/{userId}/accesstokens/{tokenId}", async () => {
    const { user, token } = await userWithToken();
    const r = await sdk()("GET", `/v1/api/users/${user.id}/accesstokens/${token.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(token);
  });

  it("API.BankUsers.listAccessTokens — GET /v1/api/users/{userId}/accesstokens", async () => {
    const { user, token } = await userWithToken();
    const r = await sdk()("GET", `/v1/api/users/${user.id}/accesstokens`);
    expect(r.status).toBe(200);
    expectPage(r.body);
    expect(r.body.data.map((t: { token: string }) => t.token)).toEqual([token.token]);
  });

  it("API.BankUsers.refreshAccessToken — PATCH /v1/api/users/{userId}/accesstokens/{tokenId}", async () => {
    const { user, token } = await userWithToken();
    const r = await sdk()("PATCH", `/v1/api/users/${user.id}/accesstokens/${token.id}`, {
      data: { valid_until: "2051-02-02 12:12:12" },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: token.id, token: token.token, valid_until: "2051-02-02 12:12:12" });
  });

  it("API.BankUsers.deleteAccessToken — DELETE /v1/api/users/{userId}/accesstokens/{tokenId}", async () => {
    const { user, token } = await userWithToken();
    const r = await sdk()("DELETE", `/v1/api/users/${user.id}/accesstokens/${token.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ code: 200, message: "deleted" });
    // The token no longer authenticates.
    expect(
      (await nodeSdk(token.token)("GET", "/v1/api/connections", { params: { page: 1, per_page: 15 } })).status,
    ).toBe(401);
  });

  it("API.BankConnections.create — PUT /v1/api/connections", async () => {
    const { token } = await userWithToken();
    const r = await nodeSdk(token.token)("PUT", "/v1/api/connections", { data: {} });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(["transaction", "wizard_session_key"]);
    const withFields = await nodeSdk(token.token)("PUT", "/v1/api/connections", {
      data: { sync_mode: "shared", days: 30, account_selection: "multi", language: "en", country_id: "DE" },
    });
    expect(withFields.status).toBe(201);
  });

  it("API.BankConnections.get — GET /v1/api/connections/{connectionIdOrTransaction}", async () => {
    const { token, connection } = await linked();
    for (const id of [connection.id, connection.transaction]) {
      const r = await nodeSdk(token.token)("GET", `/v1/api/connections/${id}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        id: connection.id,
        transaction: connection.transaction,
        object: "bank_connection",
      });
      for (const k of [
        "bic",
        "bank_name",
        "country_id",
        "sync_mode",
        "sync_active",
        "sync_message",
        "sync_fail_counter",
      ])
        expect(r.body).toHaveProperty(k);
      expect(r.body.last_synced).toMatch(DATETIME);
      expect(r.body.consent_valid_until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("API.BankConnections.list — GET /v1/api/connections?page=1&per_page=15", async () => {
    const { token, connection } = await linked();
    const r = await nodeSdk(token.token)("GET", "/v1/api/connections", { params: { page: 1, per_page: 15 } });
    expect(r.status).toBe(200);
    expectPage(r.body);
    expect(r.body.data[0].id).toBe(connection.id);
  });

  it("API.BankConnections.reset — POST /v1/api/connections/{connectionId}/reset", async () => {
    const { token, connection } = await linked();
    const r = await nodeSdk(token.token)("POST", `/v1/api/connections/${connection.id}/reset`);
    expect(r.status).toBe(202);
    expect(Object.keys(r.body).sort()).toEqual(["transaction", "wizard_session_key"]);
  });

  it("API.BankConnections.sync — POST /v1/api/connections/{connectionId}/sync", async () => {
    const full = await linked({ sync_mode: "full" });
    const r = await nodeSdk(full.token.token)("POST", `/v1/api/connections/${full.connection.id}/sync`, { data: {} });
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
    const forced = await nodeSdk(full.token.token)("POST", `/v1/api/connections/${full.connection.id}/sync`, {
      data: { force: true },
    });
    expect(forced.status).toBe(204);
    const none = await linked({ sync_mode: "none" });
    const s = await nodeSdk(none.token.token)("POST", `/v1/api/connections/${none.connection.id}/sync`, { data: {} });
    expect(s.status).toBe(202);
    expect(Object.keys(s.body).sort()).toEqual(["transaction", "wizard_session_key"]);
  });

  it("API.BankConnections.delete — DELETE /v1/api/connections/{connectionId}", async () => {
    const { token, connection, giro } = await linked();
    const r = await nodeSdk(token.token)("DELETE", `/v1/api/connections/${connection.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ code: 200, message: "deleted" });
    expect((await nodeSdk(token.token)("GET", `/v1/api/connections/${connection.id}`)).status).toBe(404);
    // Its accounts stay, detached.
    expect((await nodeSdk(token.token)("GET", `/v1/api/accounts/${giro.id}`)).body.bank_connection_id).toBeNull();
  });

  it("API.BankAccounts.list — GET /v1/api/accounts?page=1&per_page=15", async () => {
    const { token, connection } = await linked();
    const r = await nodeSdk(token.token)("GET", "/v1/api/accounts", { params: { page: 1, per_page: 15 } });
    expect(r.status).toBe(200);
    expectPage(r.body);
    expect(r.body.data.every((a: { bank_connection_id: string }) => a.bank_connection_id === connection.id)).toBe(true);
  });

  it("API.BankAccounts.listForBankConnection — GET /v1/api/connections/{connectionId}/accounts?page=1&per_page=15", async () => {
    const { token, connection } = await linked();
    const r = await nodeSdk(token.token)("GET", `/v1/api/connections/${connection.id}/accounts`, {
      params: { page: 1, per_page: 15 },
    });
    expect(r.status).toBe(200);
    expectPage(r.body);
    expect(r.body.total).toBe(2);
  });

  it("API.BankAccounts.get — GET /v1/api/accounts/{bankAccountId}", async () => {
    const { token, giro, connection } = await linked();
    const r = await nodeSdk(token.token)("GET", `/v1/api/accounts/${giro.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: giro.id,
      bank_connection_id: connection.id,
      type: "giro",
      object: "bank_account",
    });
    for (const k of ["holder", "iban", "description", "bic", "account_number", "bank_code", "bank_name", "country_id"])
      expect(typeof r.body[k]).toBe("string");
    expect(r.body.bank_code).toBe("88888888");
  });

  it("API.BankAccounts.delete — DELETE /v1/api/accounts/{bankAccountId}", async () => {
    const { token, giro } = await linked();
    const r = await nodeSdk(token.token)("DELETE", `/v1/api/accounts/${giro.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ code: 200, message: "deleted" });
    expect((await nodeSdk(token.token)("GET", `/v1/api/accounts/${giro.id}`)).status).toBe(404);
  });

  it("API.BankAccounts.getBalance — GET /v1/api/accounts/{bankAccountId}/balance", async () => {
    const { token, giro } = await linked();
    const r = await nodeSdk(token.token)("GET", `/v1/api/accounts/${giro.id}/balance`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: giro.id, currency: "EUR", limit: 1000 });
    expect(typeof r.body.balance).toBe("number");
    expect(typeof r.body.available).toBe("number");
    expect(r.body.date).toMatch(DATETIME);
  });

  it("API.BankAccounts.getTurnovers — GET /v1/api/accounts/{bankAccountId}/turnovers?from=&only_new=0&to=", async () => {
    const { token, giro } = await linked();
    // The SDK's defaults: empty from/to and only_new=0 are always sent.
    const r = await nodeSdk(token.token)("GET", `/v1/api/accounts/${giro.id}/turnovers`, {
      params: { from: "", only_new: 0, to: "" },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: giro.id, object: "bank_account_turnovers" });
    expect(r.body.turnovers.length).toBeGreaterThan(10);
    const t = r.body.turnovers[0];
    for (const k of ["id", "transaction_id", "booking_date", "amount", "currency", "purpose", "prebooked", "new"])
      expect(t).toHaveProperty(k);
    const day = r.body.turnovers[3].booking_date as string;
    const some = await nodeSdk(token.token)("GET", `/v1/api/accounts/${giro.id}/turnovers`, {
      params: { from: day, only_new: 1, to: day },
    });
    expect(some.body.turnovers.length).toBeGreaterThan(0);
    expect(some.body.turnovers.every((x: { booking_date: string }) => x.booking_date === day)).toBe(true);
  });

  it("API.BankAccounts.markTurnoversAsSeen — POST /v1/api/accounts/{bankAccountId}/markAsSeen[/{upTo}]", async () => {
    const { token, giro } = await linked();
    const api = nodeSdk(token.token);
    const all = (await api("GET", `/v1/api/accounts/${giro.id}/turnovers`)).body.turnovers as {
      booking_date: string;
    }[];
    const upTo = all.at(-1)!.booking_date;
    const dated = await api("POST", `/v1/api/accounts/${giro.id}/markAsSeen/${upTo}`);
    expect(dated.status).toBe(200);
    expect(dated.body).toMatchObject({ code: 200, id: giro.id, date: upTo });
    const r = await api("POST", `/v1/api/accounts/${giro.id}/markAsSeen`);
    expect(r.status).toBe(200);
    const fresh = await api("GET", `/v1/api/accounts/${giro.id}/turnovers`, {
      params: { from: "", only_new: 1, to: "" },
    });
    expect(fresh.body.turnovers).toEqual([]);
  });

  it("API.BankAccounts.getReport — GET /v1/api/accounts/{bankAccountId}/report/{reportId}?format=json&locale=en", async () => {
    const { token, giro } = await linked();
    const api = nodeSdk(token.token);
    const r = await api("GET", `/v1/api/accounts/${giro.id}/report/rep_1`, {
      params: { format: "json", locale: "en" },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: "rep_1", account: { id: giro.id }, object: "bank_account_report" });
    const turnovers = (await api("GET", `/v1/api/accounts/${giro.id}/turnovers`)).body.turnovers;
    expect(r.body.turnovers).toEqual(turnovers);
    expect(r.body.balance.balance).toBe((await api("GET", `/v1/api/accounts/${giro.id}/balance`)).body.balance);

    const html = await api("GET", `/v1/api/accounts/${giro.id}/report/rep_1`, {
      params: { format: "html", locale: "de" },
    });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.text).toContain('<html lang="de">');
    expect(html.text).toContain("Kontobericht");
    expect(html.text).toContain(r.body.account.iban);

    const pdf = await api("GET", `/v1/api/accounts/${giro.id}/report/rep_1`, {
      params: { format: "pdf", locale: "en" },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = Buffer.from(pdf.bytes).toString("latin1");
    expect(text.startsWith("%PDF-1.4")).toBe(true);
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
    expect(text).toContain("(Account report: Girokonto");
    // The xref offsets point at the objects.
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe("xref");
    const first = Number(/^0000000000 65535 f \n(\d{10}) 00000 n/m.exec(text.slice(xref))![1]);
    expect(text.slice(first, first + 7)).toBe("1 0 obj");

    // The plural path answers the same; bad format/locale are a 422; another user's account is a 404.
    const plural = await api("GET", `/v1/api/accounts/${giro.id}/reports/rep_1`, { params: { format: "json" } });
    expect(plural.body.turnovers).toEqual(r.body.turnovers);
    const bad = await api("GET", `/v1/api/accounts/${giro.id}/report/rep_1`, {
      params: { format: "xml", locale: "fr" },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors)).toEqual(["format"]);
    const other = await userWithToken();
    expect((await nodeSdk(other.token.token)("GET", `/v1/api/accounts/${giro.id}/report/rep_1`)).status).toBe(404);
  });

  it("API.Wizard.navigate — POST /v1/api/wizard", async () => {
    const { token } = await userWithToken();
    const api = nodeSdk(token.token);
    const s = (await api("PUT", "/v1/api/connections", { data: {} })).body;
    const bank = await api("POST", "/v1/api/wizard", { data: { key: s.wizard_session_key } });
    expect(bank.status).toBe(200);
    expect(bank.body).toMatchObject({ code: 200, error: [], form: { name: "bank" } });
    const login = await api("POST", "/v1/api/wizard", {
      data: { key: s.wizard_session_key, country_id: "DE", bank_code: "88888888" },
    });
    expect(login.body.form.elements.map((e: { name?: string }) => e.name).filter(Boolean)).toEqual([
      "USER_NAME",
      "USER_PIN",
      "privacy_policy",
    ]);
    const finish = await api("POST", "/v1/api/wizard", {
      data: { key: s.wizard_session_key, USER_NAME: "abcdef", USER_PIN: "123456", privacy_policy: true },
    });
    expect(finish.body.form).toMatchObject({ name: "finish", elements: [] });
  });

  it("Sessions.get — GET /v1/sessions/{transactionId}", async () => {
    const { connection } = await linked();
    const r = await sdk()("GET", `/v1/sessions/${connection.transaction}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      transaction: connection.transaction,
      product: "xs2a_api",
      finished: true,
      last_error: "",
      object: "wizard_session",
    });
    expect(r.body.current_step).toBe("WizardFinishStep");
  });

  it("Events.getAll — GET /v1/events?transaction_id&type&per_page&page&from&to", async () => {
    const { connection } = await linked();
    const all = await sdk()("GET", "/v1/events", { params: { transaction_id: connection.transaction } });
    expect(all.status).toBe(200);
    expectPage(all.body);
    expect(all.body.data.map((e: { type: string }) => e.type).sort()).toEqual([
      "bank_connection.synced",
      "transaction.created",
      "transaction.updated",
    ]);
    const created = all.body.data.find((e: { type: string }) => e.type === "transaction.created").created_at as string;
    const isoDay = created.slice(0, 10);
    const filtered = await sdk()("GET", "/v1/events", {
      params: {
        transaction_id: connection.transaction,
        type: "transaction.updated",
        per_page: 15,
        page: 1,
        from: isoDay,
        to: `${isoDay}T23:59:59`,
      },
    });
    expect(filtered.body.data.map((e: { type: string }) => e.type)).toEqual(["transaction.updated"]);
    const none = await sdk()("GET", "/v1/events", {
      params: { transaction_id: connection.transaction, to: `${isoDay}T00:00:00+14:00` },
    });
    expect(none.body.total).toBe(0);
  });

  it("Events.get — GET /v1/events/{eventId}", async () => {
    const { connection } = await linked();
    const list = (await sdk()("GET", "/v1/events", { params: { transaction_id: connection.transaction } })).body.data;
    const r = await sdk()("GET", `/v1/events/${list[0].id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(list[0]);
    expect(r.body).toMatchObject({ object: "xs2a_event", transaction: connection.transaction });
    for (const k of ["id", "type", "data", "testmode", "message", "created_at"]) expect(r.body).toHaveProperty(k);
  });
});

describe("Java SDK (xs2a-java)", () => {
  const key = () => javaSdk(API_KEY);

  it("ApiBankUserService.create — PUT /v1/api/users", async () => {
    const r = await key().put("api/users", JSON.stringify({ name: "Test User", email: "test@test.com" }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: "Test User", email: "test@test.com", object: "bank_user" });
  });

  it("ApiBankUserService.get — GET /v1/api/users/{userId}", async () => {
    const { user } = await userWithToken();
    expect((await key().get(`api/users/${user.id}`)).body).toEqual(user);
  });

  it("ApiBankUserService.list — GET /v1/api/users?per_page=15&page=1", async () => {
    const { user } = await userWithToken();
    const r = await key().get("api/users", { per_page: "15", page: "1" });
    expectPage(r.body);
    expect(r.body.data.some((u: { id: string }) => u.id === user.id)).toBe(true);
  });

  it("ApiBankUserService.delete — DELETE /v1/api/users/{userId}", async () => {
    const { user } = await userWithToken();
    expect((await key().delete(`api/users/${user.id}`)).status).toBe(200);
    expect((await key().get(`api/users/${user.id}`)).status).toBe(404);
  });

  it("ApiBankUserService.createAccessToken — PUT /v1/api/users/{userId}/accesstokens (Java date form)", async () => {
    const { user } = await userWithToken();
    // The adapter's pattern prints the optional sections' literals: "yyyy-MM-dd T HH:mm:ss.SSSSSS Z".
    const r = await key().put(
      `api/users/${user.id}/accesstokens`,
      JSON.stringify({ valid_until: "2050-01-01 T11:11:11.000000Z" }),
    );
    expect(r.status).toBe(201);
    // Echoed in the documented form, which the Java adapter parses back to the same local time.
    expect(r.body.valid_until).toBe("2050-01-01 11:11:11");
    const plain = await key().put(
      `api/users/${user.id}/accesstokens`,
      JSON.stringify({ valid_until: "2050-01-01 11:11:11" }),
    );
    expect(plain.body.valid_until).toBe("2050-01-01 11:11:11");
    const bad = await key().put(`api/users/${user.id}/accesstokens`, JSON.stringify({ valid_until: "tomorrow" }));
    expect(bad.status).toBe(422);
  });

  it("ApiBankUserService.listAccessTokens — GET /v1/api/users/{userId}/accesstokens", async () => {
    const { user, token } = await userWithToken();
    const r = await key().get(`api/users/${user.id}/accesstokens`);
    expect(r.body.data.some((t: { id: string }) => t.id === token.id)).toBe(true);
  });

  it("ApiBankUserService.getAccessToken — GET /v1/api/users/{userId}/accesstokens/{tokenId}", async () => {
    const { user, token } = await userWithToken();
    expect((await key().get(`api/users/${user.id}/accesstokens/${token.id}`)).body).toEqual(token);
  });

  it("ApiBankUserService.refreshAccessToken — PATCH /v1/api/users/{userId}/accesstokens/{tokenId}", async () => {
    const { user, token } = await userWithToken();
    const r = await key().patch(
      `api/users/${user.id}/accesstokens/${token.id}`,
      JSON.stringify({ valid_until: "2051-02-02 T12:12:12.000000Z" }),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: token.id, valid_until: "2051-02-02 12:12:12" });
  });

  it("ApiBankUserService.deleteAccessToken — DELETE /v1/api/users/{userId}/accesstokens/{tokenId}", async () => {
    const { user, token } = await userWithToken();
    expect((await key().delete(`api/users/${user.id}/accesstokens/${token.id}`)).status).toBe(200);
    expect((await key().get(`api/users/${user.id}/accesstokens/${token.id}`)).status).toBe(404);
  });

  it("ApiBankConnectionService.create — PUT /v1/api/connections", async () => {
    const { token } = await userWithToken();
    const r = await javaSdk(token.token).put("api/connections", JSON.stringify({ sync_mode: "full" }));
    expect(r.status).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(["transaction", "wizard_session_key"]);
  });

  it("ApiBankConnectionService.list — GET /v1/api/connections?per_page=15&page=1", async () => {
    const { token, connection } = await linked();
    const r = await javaSdk(token.token).get("api/connections", { per_page: "15", page: "1" });
    expect(r.body.data[0].id).toBe(connection.id);
  });

  it("ApiBankConnectionService.get — GET /v1/api/connections/{connectionId}", async () => {
    const { token, connection } = await linked();
    const r = await javaSdk(token.token).get(`api/connections/${connection.transaction}`);
    expect(r.body).toMatchObject({ id: connection.id, object: "bank_connection" });
  });

  it("ApiBankConnectionService.delete — DELETE /v1/api/connections/{connectionId}", async () => {
    const { token, connection } = await linked();
    expect((await javaSdk(token.token).delete(`api/connections/${connection.id}`)).status).toBe(200);
  });

  it("ApiBankConnectionService.sync — POST /v1/api/connections/{connectionId}/sync (body `null` without parameters)", async () => {
    const { token, connection } = await linked({ sync_mode: "full" });
    const api = javaSdk(token.token);
    // sync(id) serialises its null parameters object: the body is the JSON literal `null`.
    const r = await api.post(`api/connections/${connection.id}/sync`, "null");
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
    const forced = await api.post(`api/connections/${connection.id}/sync`, JSON.stringify({ force: true }));
    expect(forced.status).toBe(204);
    const none = await linked({ sync_mode: "none" });
    const s = await javaSdk(none.token.token).post(`api/connections/${none.connection.id}/sync`, "null");
    expect(s.status).toBe(202);
    expect(s.body.wizard_session_key).toBeTruthy();
  });

  it("ApiBankConnectionService.reset — POST /v1/api/connections/{connectionId}/reset (empty body)", async () => {
    const { token, connection } = await linked();
    const r = await javaSdk(token.token).post(`api/connections/${connection.id}/reset`);
    expect(r.status).toBe(202);
    expect(Object.keys(r.body).sort()).toEqual(["transaction", "wizard_session_key"]);
  });

  it("ApiBankAccountService.list — GET /v1/api/accounts?per_page=15&page=1", async () => {
    const { token, connection } = await linked();
    const r = await javaSdk(token.token).get("api/accounts", { per_page: "15", page: "1" });
    expect(r.body.data.some((a: { bank_connection_id: string }) => a.bank_connection_id === connection.id)).toBe(true);
  });

  it("ApiBankAccountService.listForBankConnection — GET /v1/api/connections/{connectionId}/accounts?per_page=15&page=1", async () => {
    const { token, connection } = await linked();
    const r = await javaSdk(token.token).get(`api/connections/${connection.id}/accounts`, {
      per_page: "15",
      page: "1",
    });
    expect(r.body.total).toBe(2);
  });

  it("ApiBankAccountService.get — GET /v1/api/accounts/{bankAccountId}", async () => {
    const { token, giro } = await linked();
    expect((await javaSdk(token.token).get(`api/accounts/${giro.id}`)).body.id).toBe(giro.id);
  });

  it("ApiBankAccountService.delete — DELETE /v1/api/accounts/{bankAccountId}", async () => {
    const { token, giro } = await linked();
    expect((await javaSdk(token.token).delete(`api/accounts/${giro.id}`)).status).toBe(200);
  });

  it("ApiBankAccountService.getBalance — GET /v1/api/accounts/{bankAccountId}/balance", async () => {
    const { token, giro } = await linked();
    const r = await javaSdk(token.token).get(`api/accounts/${giro.id}/balance`);
    expect(r.body).toMatchObject({ id: giro.id, currency: "EUR" });
  });

  it("ApiBankAccountService.getTurnovers — GET /v1/api/accounts/{bankAccountId}/turnovers?from&to&onlyNew=false", async () => {
    const { token, giro } = await linked();
    const api = javaSdk(token.token);
    // getTurnovers(id): from/to are null (left out), onlyNew=false is sent.
    const all = await api.get(`api/accounts/${giro.id}/turnovers`, { from: null, to: null, onlyNew: false });
    expect(all.status).toBe(200);
    expect(all.body.id).toBe(giro.id);
    const day = all.body.turnovers[3].booking_date as string;
    const some = await api.get(`api/accounts/${giro.id}/turnovers`, { from: day, to: day, onlyNew: true });
    expect(some.body.turnovers.length).toBeGreaterThan(0);
    expect(
      some.body.turnovers.every((t: { booking_date: string; new: boolean }) => t.booking_date === day && t.new),
    ).toBe(true);
  });

  it("ApiBankAccountService.markAsSeen — POST /v1/api/accounts/{bankAccountId}/markAsSeen[/{yyyy-MM-dd}] (empty body)", async () => {
    const { token, giro } = await linked();
    const api = javaSdk(token.token);
    const r = await api.post(`api/accounts/${giro.id}/markAsSeen`);
    expect(r.status).toBe(200);
    // The Java SDK parses the answer as JSON.
    expect(r.body).toMatchObject({ code: 200, id: giro.id });
    const dated = await api.post(`api/accounts/${giro.id}/markAsSeen/2024-01-31`);
    expect(dated.status).toBe(200);
    expect((await api.get(`api/accounts/${giro.id}/turnovers`, { onlyNew: true })).body.turnovers).toEqual([]);
  });

  it("ApiBankAccountService.getReport — GET /v1/api/accounts/{bankAccountId}/report/{reportId}?format=json&locale=en", async () => {
    const { token, giro } = await linked();
    const api = javaSdk(token.token);
    const r = await api.get(`api/accounts/${giro.id}/report/42`, { format: "json", locale: "en" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: "42", object: "bank_account_report" });
    const html = await api.get(`api/accounts/${giro.id}/report/42`, { format: "html", locale: "en" });
    expect(html.text).toContain("Account report");
  });

  it("ApiWizardService.navigate — POST /v1/api/wizard (bank_code as a JSON number)", async () => {
    const { token } = await userWithToken();
    const api = javaSdk(token.token);
    const s = (await api.put("api/connections", JSON.stringify({ sync_mode: "full" }))).body;
    const first = await api.post("api/wizard", JSON.stringify({ key: s.wizard_session_key }));
    expect(
      first.body.form.elements.filter((e: { name?: string }) => e.name).map((e: { type: string }) => e.type),
    ).toEqual(["select", "text"]);
    const login = await api.post(
      "api/wizard",
      JSON.stringify({ key: s.wizard_session_key, country_id: "DE", bank_code: 88888888 }),
    );
    expect(
      login.body.form.elements.filter((e: { name?: string }) => e.name).map((e: { type: string }) => e.type),
    ).toEqual(["text", "password", "checkbox"]);
    const finish = await api.post(
      "api/wizard",
      JSON.stringify({ key: s.wizard_session_key, USER_NAME: "abcdef", USER_PIN: "123456", privacy_policy: true }),
    );
    expect(finish.body.form.name).toBe("finish");
  });

  it("SessionService.get — GET /v1/sessions/{transactionId}", async () => {
    const { connection } = await linked();
    const r = await key().get(`sessions/${connection.transaction}`);
    expect(r.body).toMatchObject({ transaction: connection.transaction, object: "wizard_session", finished: true });
  });

  it("EventService.list — GET /v1/events?transaction_id&type&per_page&page&from&to (Java date form)", async () => {
    const { connection } = await linked();
    const clock = (await client(server.url, API_KEY)("GET", "/__sandbox/clock")).body as { now: string; today: string };
    const monthAgo = new Date(Date.parse(clock.today) - 30 * 86_400_000).toISOString().slice(0, 10);
    // list(transaction, from = now - 1 month, to = now), as the SDK's own test calls it.
    const r = await key().get("events", {
      transaction_id: connection.transaction,
      type: null,
      per_page: "15",
      page: "1",
      from: `${monthAgo} T${clock.now.slice(11)}.000000Z`,
      to: `${clock.today} T23:59:59.000000Z`,
    });
    expect(r.status).toBe(200);
    expect(r.body.data.length).toBe(3);
    // The same moment as a lower bound: read as Berlin local digits, so nothing after it is lost.
    const late = await key().get("events", {
      transaction_id: connection.transaction,
      per_page: "15",
      page: "1",
      from: `${clock.today} T23:59:59.000000Z`,
    });
    expect(late.body.total).toBe(0);
  });

  it("EventService.get — GET /v1/events/{eventId}", async () => {
    const { connection } = await linked();
    const list = (await key().get("events", { transaction_id: connection.transaction, per_page: "15", page: "1" })).body
      .data;
    expect((await key().get(`events/${list[1].id}`)).body).toEqual(list[1]);
  });

  it("BankCodesService.getBankByCode — GET /v1/bankcodes?bank_code=88888888", async () => {
    const r = await key().get("bankcodes", { bank_code: "88888888" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ bank_code: "88888888", country_id: "DE", testmode: true });
    for (const k of ["bic", "name", "short_name", "zipcode", "city", "xs2a_products", "xs2a_supported"])
      expect(r.body).toHaveProperty(k);
  });

  it("BankCodesService.filterAllBanks — GET /v1/bankcodes/all?country_id=&per_page=15&page=1", async () => {
    // countryId null is sent as an empty string: "all countries".
    const r = await key().get("bankcodes/all", { country_id: "", per_page: "15", page: "1" });
    expect(r.status).toBe(200);
    expectPage(r.body);
    expect(r.body.total).toBe(4);
    const de = await key().get("bankcodes/all", { country_id: "DE", per_page: "15", page: "1" });
    expect(de.body.data.every((b: { country_id: string }) => b.country_id === "DE")).toBe(true);
  });

  it("BankCodesService.autocompleteSearch — GET /v1/bankcodes/autocomplete?q&country_id&per_page&page&product", async () => {
    const r = await key().get("bankcodes/autocomplete", {
      q: "nordbank",
      country_id: null,
      per_page: 15,
      page: 1,
      product: null,
    });
    expect(r.status).toBe(200);
    expect(r.body.data.map((b: { bank_code: string }) => b.bank_code)).toEqual(["99990002"]);
    const withProduct = await key().get("bankcodes/autocomplete", {
      q: "testbank",
      country_id: "DE",
      per_page: 15,
      page: 1,
      product: "xs2a_api",
    });
    expect(withProduct.body.data[0].name).toContain("Testbank");
  });
});

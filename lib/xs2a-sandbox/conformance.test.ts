// Drives the running sandbox over HTTP the way the official SDK integration test drives the real
// service (xs2a-api.md §2, §6): user → token → connection → Wizard-API → sync → reset → accounts → deletes.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { API_KEY, client, startTestSandbox } from "./test-helpers";

let server: SandboxServer;
beforeAll(async () => {
  server = await startTestSandbox();
});
afterAll(() => server.close());

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe("SDK integration flow", () => {
  it("runs the whole lifecycle", async () => {
    const merchant = client(server.url, API_KEY);

    const created = await merchant("PUT", "/v1/api/users", { name: "Max Mustermann", email: "max@example.com" });
    expect(created.status).toBe(201);
    const user = created.body;
    expect(user).toMatchObject({
      name: "Max Mustermann",
      email: "max@example.com",
      testmode: true,
      object: "bank_user",
    });
    expect(user.id).toMatch(/^bus_/);
    expect(user.created_at).toMatch(DATETIME);

    const list = await merchant("GET", "/v1/api/users?page=1&per_page=1");
    expect(list.body).toMatchObject({ total: 1, per_page: 1, current_page: 1, last_page: 1, from: 1, to: 1 });
    expect(list.body.data[0].id).toBe(user.id);
    expect((await merchant("GET", `/v1/api/users/${user.id}`)).body).toEqual(user);

    const tokenRes = await merchant("PUT", `/v1/api/users/${user.id}/accesstokens`, {
      valid_until: "2050-01-01 11:11:11",
    });
    expect(tokenRes.status).toBe(201);
    const token = tokenRes.body;
    expect(token).toMatchObject({ valid_until: "2050-01-01 11:11:11", object: "bank_user_access_token" });
    expect((await merchant("GET", `/v1/api/users/${user.id}/accesstokens`)).body.data[0].token).toBe(token.token);
    expect((await merchant("GET", `/v1/api/users/${user.id}/accesstokens/${token.id}`)).body.token).toBe(token.token);
    const refreshed = await merchant("PATCH", `/v1/api/users/${user.id}/accesstokens/${token.id}`, {
      valid_until: "2051-02-02 12:12:12",
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ id: token.id, token: token.token, valid_until: "2051-02-02 12:12:12" });

    const api = client(server.url, token.token);
    const conn = await api("PUT", "/v1/api/connections", {});
    expect(conn.status).toBe(201);
    expect(Object.keys(conn.body).sort()).toEqual(["transaction", "wizard_session_key"]);
    const pending = (await api("GET", `/v1/api/connections/${conn.body.transaction}`)).body;
    expect(pending).toMatchObject({
      sync_active: false,
      last_synced: null,
      consent_valid_until: null,
      object: "bank_connection",
    });

    const key = conn.body.wizard_session_key;
    const bankForm = (await api("POST", "/v1/api/wizard", { key })).body;
    expect(bankForm).toMatchObject({ code: 200, error: [], polling: {}, form: { name: "bank" } });
    expect(bankForm.form.elements.map((e: { name?: string }) => e.name)).toEqual([
      undefined,
      "country_id",
      "bank_code",
    ]);
    const select = bankForm.form.elements[1];
    expect(select).toMatchObject({
      type: "select",
      selected: "DE",
      invalid: false,
      failed_validation_rules: "",
      validation_error: "",
    });
    expect(select.options.DE).toBeDefined();

    const loginForm = (await api("POST", "/v1/api/wizard", { key, country_id: "DE", bank_code: "88888888" })).body;
    expect(loginForm.form.name).toBe("login");
    const byName = Object.fromEntries(
      loginForm.form.elements
        .filter((e: { name?: string }) => e.name)
        .map((e: { name: string; type: string }) => [e.name, e.type]),
    );
    expect(byName).toEqual({ USER_NAME: "text", USER_PIN: "password", privacy_policy: "checkbox" });

    const finish = (
      await api("POST", "/v1/api/wizard", { key, USER_NAME: "abcdef", USER_PIN: "123456", privacy_policy: true })
    ).body;
    expect(finish.form).toEqual({ name: "finish", elements: [] });
    expect(finish.error).toEqual([]);

    const byTx = (await api("GET", `/v1/api/connections/${conn.body.transaction}`)).body;
    const byId = (await api("GET", `/v1/api/connections/${byTx.id}`)).body;
    expect(byId).toEqual(byTx);
    expect(byId).toMatchObject({
      transaction: conn.body.transaction,
      bank_name: "Testbank",
      country_id: "DE",
      sync_mode: "full",
      sync_active: true,
      sync_fail_counter: 0,
      testmode: true,
    });
    expect(byId.last_synced).toMatch(DATETIME);
    expect(byId.consent_valid_until).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const session = (await merchant("GET", `/v1/sessions/${conn.body.transaction}`)).body;
    expect(session).toMatchObject({
      transaction: conn.body.transaction,
      product: "xs2a_api",
      finished: true,
      last_error: "",
      object: "wizard_session",
    });

    expect((await api("POST", `/v1/api/connections/${byId.id}/sync`, {})).status).toBe(204);
    const reset = await api("POST", `/v1/api/connections/${byId.id}/reset`);
    expect(reset.status).toBe(202);
    expect(reset.body.wizard_session_key).toBeTruthy();
    expect(reset.body.transaction).not.toBe(conn.body.transaction);

    const accounts = (await api("GET", "/v1/api/accounts")).body;
    expect(accounts.total).toBe(2);
    const giro = accounts.data.find((a: { type: string }) => a.type === "giro");
    expect(giro).toMatchObject({
      bank_code: "88888888",
      bank_connection_id: byId.id,
      country_id: "DE",
      object: "bank_account",
    });
    expect(giro.iban).toMatch(/^DE\d{2}88888888\d{10}$/);
    expect((await api("GET", `/v1/api/connections/${byId.id}/accounts`)).body.total).toBe(2);
    expect((await api("GET", `/v1/api/accounts/${giro.id}`)).body).toEqual(giro);

    const balance = (await api("GET", `/v1/api/accounts/${giro.id}/balance`)).body;
    expect(balance).toMatchObject({ id: giro.id, currency: "EUR" });
    expect(typeof balance.balance).toBe("number");
    expect(typeof balance.available).toBe("number");

    const turnovers = (await api("GET", `/v1/api/accounts/${giro.id}/turnovers`)).body;
    expect(turnovers).toMatchObject({ id: giro.id, days: 90 });
    expect(turnovers.turnovers.length).toBeGreaterThan(20);
    expect(turnovers.turnovers.every((t: { new: boolean }) => t.new)).toBe(true);
    const seen = await api("POST", `/v1/api/accounts/${giro.id}/markAsSeen`);
    expect(seen.status).toBe(200);
    expect((await api("GET", `/v1/api/accounts/${giro.id}/turnovers?only_new=1`)).body.turnovers).toEqual([]);
    expect((await api("GET", `/v1/api/accounts/${giro.id}/turnovers?onlyNew=true`)).body.turnovers).toEqual([]);

    const events = (await merchant("GET", `/v1/events?transaction_id=${conn.body.transaction}`)).body;
    expect(events.data.map((e: { type: string }) => e.type)).toContain("transaction.updated");
    expect((await merchant("GET", `/v1/events/${events.data[0].id}`)).body.object).toBe("xs2a_event");

    expect((await api("DELETE", `/v1/api/connections/${byId.id}`)).body).toEqual({ code: 200, message: "deleted" });
    expect((await api("GET", `/v1/api/connections/${byId.id}`)).status).toBe(404);
    expect((await api("GET", `/v1/api/accounts/${giro.id}`)).body.bank_connection_id).toBeNull();
    expect((await api("DELETE", `/v1/api/accounts/${giro.id}`)).status).toBe(200);
    const gone = await api("GET", `/v1/api/accounts/${giro.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe(404);

    expect((await merchant("DELETE", `/v1/api/users/${user.id}/accesstokens/${token.id}`)).status).toBe(200);
    expect((await api("GET", "/v1/api/accounts")).status).toBe(401);
    expect((await merchant("DELETE", `/v1/api/users/${user.id}`)).status).toBe(200);
    const deleted = await merchant("GET", `/v1/api/users/${user.id}`);
    expect(deleted.status).toBe(404);
    expect(deleted.body).toMatchObject({ code: 404 });
  });

  it("serves version, bank codes and autocomplete", async () => {
    const merchant = client(server.url, API_KEY);
    expect((await merchant("GET", "/v1/version")).body).toEqual({ version: "2015-11-13" });
    expect((await merchant("GET", "/v1/bankcodes?bank_code=88888888")).body).toMatchObject({
      name: "Testbank",
      testmode: true,
      object: "bank",
    });
    expect((await merchant("GET", "/v1/bankcodes?bank_code=12345678")).status).toBe(404);
    expect((await merchant("GET", "/v1/bankcodes")).status).toBe(422);
    expect((await merchant("GET", "/v1/bankcodes/all?country_id=DE")).body.total).toBe(4);
    expect((await merchant("GET", "/v1/bankcodes/autocomplete?q=nordbank")).body.data[0].bank_code).toBe("99990002");
    expect((await merchant("GET", "/v1/bankcodes/autocomplete?q=SNDBDEB1")).body.data[0].name).toBe("Sandbank Plus");
    expect((await merchant("GET", "/v1/bankcodes/autocomplete?q=8888")).body.data[0].bank_code).toBe("88888888");
  });

  it("validates input with 422 and per-field errors", async () => {
    const merchant = client(server.url, API_KEY);
    const bad = await merchant("PUT", "/v1/api/users", { email: "nope" });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 422, errors: { email: [expect.any(String)] } });
    const user = (await merchant("PUT", "/v1/api/users", {})).body;
    const badToken = await merchant("PUT", `/v1/api/users/${user.id}/accesstokens`, {
      valid_until: "2050-01-01T11:11:11Z",
    });
    expect(badToken.body.errors.valid_until).toBeDefined();
    const token = (await merchant("PUT", `/v1/api/users/${user.id}/accesstokens`, {})).body;
    const api = client(server.url, token.token);
    const badConn = await api("PUT", "/v1/api/connections", { sync_mode: "sometimes", language: "xx", days: 0 });
    expect(badConn.status).toBe(422);
    expect(Object.keys(badConn.body.errors).sort()).toEqual(["days", "language", "sync_mode"]);
    expect((await api("GET", "/v1/api/nothing-here")).status).toBe(404);
  });
});

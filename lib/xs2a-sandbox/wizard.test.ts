// Wizard PIN scenarios and banks, through the Wizard-API and the /jsonp transport.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { API_KEY, client, startTestSandbox } from "./test-helpers";

let server: SandboxServer;
beforeAll(async () => {
  server = await startTestSandbox();
});
afterAll(() => server.close());

async function session(connection: Record<string, unknown> = {}, bankCode = "88888888") {
  const merchant = client(server.url, API_KEY);
  const user = (await merchant("PUT", "/v1/api/users", {})).body;
  const token = (await merchant("PUT", `/v1/api/users/${user.id}/accesstokens`, {})).body;
  const api = client(server.url, token.token);
  const s = (await api("PUT", "/v1/api/connections", connection)).body;
  const wizard = async (fields: Record<string, unknown>) =>
    (await api("POST", "/v1/api/wizard", { key: s.wizard_session_key, ...fields })).body;
  await wizard({ country_id: "DE", bank_code: bankCode });
  const login = (pin: string, extra: Record<string, unknown> = {}) =>
    wizard({ USER_NAME: "max", USER_PIN: pin, privacy_policy: true, ...extra });
  return { api, merchant, s, wizard, login };
}

describe("wizard scenarios", () => {
  it("unknown bank code → validation error on bank_code", async () => {
    const { wizard } = await session();
    const r = await wizard({ action: "back" });
    expect(r.form.name).toBe("bank");
    const bad = await wizard({ country_id: "DE", bank_code: "12345678" });
    expect(bad.form.name).toBe("bank");
    expect(bad.form.elements.find((e: { name?: string }) => e.name === "bank_code")).toMatchObject({
      invalid: true,
      validation_error: expect.any(String),
    });
  });

  it("privacy_policy unchecked → same form with validation_error on the checkbox", async () => {
    const { login } = await session();
    const r = await login("123456", { privacy_policy: false });
    expect(r.form.name).toBe("login");
    const box = r.form.elements.find((e: { name?: string }) => e.name === "privacy_policy");
    expect(box).toMatchObject({ type: "checkbox", invalid: true, failed_validation_rules: ["required"] });
    expect(box.validation_error).not.toBe("");
  });

  it("wrong PIN → recoverable login_failed and the login form again", async () => {
    const { login, merchant, s } = await session();
    const r = await login("wrong");
    expect(r.error).toEqual({ message: expect.any(String), recoverable: true });
    expect(r.form.name).toBe("login");
    expect((await merchant("GET", `/v1/sessions/${s.transaction}`)).body.last_error).toBe("login_failed");
    expect((await login("123456")).form.name).toBe("finish");
  });

  it("accounts → radio selection, then finish with only that account", async () => {
    const { login, wizard, api } = await session();
    const r = await login("accounts");
    expect(r.form.name).toBe("accounts");
    const radio = r.form.elements.find((e: { type: string }) => e.type === "radio");
    expect(radio.options).toHaveLength(2);
    expect((await wizard({ account: 1 })).form.name).toBe("finish");
    const accounts = (await api("GET", "/v1/api/accounts")).body;
    expect(accounts.data.map((a: { type: string }) => a.type)).toEqual(["savings"]);
  });

  it("account_selection multi → checkboxes", async () => {
    const { login, wizard, api } = await session({ account_selection: "multi" }, "99990001");
    const r = await login("123456");
    expect(r.form.elements.filter((e: { type: string }) => e.type === "checkbox")).toHaveLength(3);
    expect((await wizard({ account_0: false, account_1: false, account_2: false })).form.name).toBe("accounts");
    expect((await wizard({ account_0: true, account_2: true })).form.name).toBe("finish");
    expect((await api("GET", "/v1/api/accounts")).body.data.map((a: { type: string }) => a.type).sort()).toEqual([
      "creditcard",
      "giro",
    ]);
  });

  it("tan → TAN form; a wrong TAN is recoverable tan_failed; 123456 finishes", async () => {
    const { login, wizard } = await session();
    expect((await login("tan")).form.name).toBe("tan");
    const bad = await wizard({ tan: "000000" });
    expect(bad).toMatchObject({ error: { recoverable: true }, form: { name: "tan" } });
    expect((await wizard({ tan: "123456" })).form.name).toBe("finish");
  });

  it("app → polling with an interval, finishing after 2 polls", async () => {
    const { login, wizard } = await session();
    const r = await login("app");
    expect(r.polling).toEqual({ interval: 1000 });
    expect(r.form.name).toBe("app");
    expect((await wizard({ action: "poll" })).polling).toEqual({ interval: 1000 });
    const done = await wizard({ action: "poll" });
    expect(done.form.name).toBe("finish");
    expect(done.polling).toEqual({});
  });

  it("a bank that is down → non-recoverable tech_error", async () => {
    const { login, merchant, s } = await session({}, "99990003");
    const r = await login("123456");
    expect(r.error).toEqual({ message: expect.any(String), recoverable: false });
    expect((await merchant("GET", `/v1/sessions/${s.transaction}`)).body).toMatchObject({
      last_error: "tech_error",
      finished: true,
    });
  });

  it("abort finishes the session as client_aborted", async () => {
    const { wizard, merchant, s, api } = await session();
    expect((await wizard({ action: "abort" })).form.name).toBe("abort");
    expect((await merchant("GET", `/v1/sessions/${s.transaction}`)).body).toMatchObject({
      last_error: "client_aborted",
      finished: true,
    });
    expect((await api("GET", `/v1/api/connections/${s.transaction}`)).body.sync_active).toBe(false);
  });

  it("bic preselects the bank; language en gives English labels", async () => {
    const merchant = client(server.url, API_KEY);
    const user = (await merchant("PUT", "/v1/api/users", {})).body;
    const token = (await merchant("PUT", `/v1/api/users/${user.id}/accesstokens`, {})).body;
    const api = client(server.url, token.token);
    const s = (await api("PUT", "/v1/api/connections", { bic: "NRDBDEH1XXX", language: "en" })).body;
    const r = (await api("POST", "/v1/api/wizard", { key: s.wizard_session_key })).body;
    expect(r.form.name).toBe("login");
    expect(r.form.elements[0].title).toBe("Log in to Nordbank Sandbox");
  });

  it("/jsonp answers any origin, handles preflight and names the callback", async () => {
    const { s } = await session();
    const pre = await fetch(`${server.url}/jsonp`, {
      method: "OPTIONS",
      headers: { origin: "http://example.test", "access-control-request-method": "POST" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    const post = async (body: Record<string, unknown>) =>
      fetch(`${server.url}/jsonp`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ key: s.wizard_session_key, ...body }),
      });
    const first = await post({});
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    expect((await first.json()).form.name).toBe("login");
    const bad = await (await post({ USER_NAME: "x", USER_PIN: "nope", privacy_policy: true })).json();
    expect(bad).toMatchObject({ errorCode: "login_failed", error: { recoverable: true }, callback: null });
    const abort = await (await post({ action: "abort" })).json();
    expect(abort).toMatchObject({ callback: "abort", callbackParams: [] });
    const unknown = await fetch(`${server.url}/jsonp`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "key=nope&data=%7B%7D",
    });
    expect(unknown.status).toBe(404);
    const js = await fetch(`${server.url}/xs2a.js`);
    expect(js.headers.get("content-type")).toMatch(/javascript/);
    expect(await js.text()).toContain("window.xs2a");
    expect((await fetch(`${server.url}/xs2a.css`)).status).toBe(200);
  });
});

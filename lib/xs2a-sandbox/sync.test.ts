// The sync state machine over HTTP: modes, failures, fall-back, the 3-failure rule and consent expiry.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { API_KEY, client, linkBank, startTestSandbox } from "./test-helpers";

let server: SandboxServer;
beforeAll(async () => {
  server = await startTestSandbox();
});
afterAll(() => server.close());

const control = () => client(server.url, API_KEY);

describe("sync modes", () => {
  it("full: 204 and last_synced/data move with the clock", async () => {
    const { api, connection } = await linkBank(server.url);
    expect((await api("POST", `/v1/api/connections/${connection.id}/sync`, {})).status).toBe(204);
    const before = (await api("GET", `/v1/api/connections/${connection.id}`)).body;
    await control()("POST", "/__sandbox/clock/advance", { days: 2 });
    const after = (await api("GET", `/v1/api/connections/${connection.id}`)).body;
    expect(after.last_synced > before.last_synced).toBe(true);
    expect(after.last_synced.slice(0, 10)).toBe((await control()("GET", "/__sandbox/clock")).body.today);
  });

  it("none: always 202 with a new session; finishing it syncs", async () => {
    const { api, connection } = await linkBank(server.url, { connection: { sync_mode: "none" } });
    expect(connection.sync_mode).toBe("none");
    const r = await api("POST", `/v1/api/connections/${connection.id}/sync`, { force: true });
    expect(r.status).toBe(202);
    const key = r.body.wizard_session_key;
    const login = (await api("POST", "/v1/api/wizard", { key })).body;
    expect(login.form.name).toBe("login"); // bank is known: no bank form
    const done = (
      await api("POST", "/v1/api/wizard", { key, USER_NAME: "max", USER_PIN: "123456", privacy_policy: true })
    ).body;
    expect(done.form.name).toBe("finish");
    expect((await api("GET", `/v1/api/connections/${r.body.transaction}`)).body.id).toBe(connection.id);
  });

  it("shared: 204 with the right half, counted 422 with a wrong or missing one", async () => {
    const { api, connection } = await linkBank(server.url, { connection: { sync_mode: "shared" } });
    const sessionKey = (await api("POST", `/v1/api/connections/${connection.id}/reset`)).body.wizard_session_key;
    // The half is handed out at finish through xs2a.js /jsonp (callbackParams[0]).
    const jsonp = async (body: Record<string, unknown>) =>
      (
        await fetch(`${server.url}/jsonp`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ key: sessionKey, ...body }),
        })
      ).json();
    const fin = await jsonp({ USER_NAME: "max", USER_PIN: "123456", privacy_policy: true });
    expect(fin.callback).toBe("finish");
    const half = fin.callbackParams[0];
    expect(half).toMatch(/^[0-9a-f]{64}$/);
    const sync = (body: unknown) => api("POST", `/v1/api/connections/${connection.id}/sync`, body);
    expect((await sync({ credentials: half })).status).toBe(204);
    const wrong = await sync({ credentials: "nope" });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 422, errors: { credentials: [expect.any(String)] } });
    let c = (await api("GET", `/v1/api/connections/${connection.id}`)).body;
    expect(c).toMatchObject({ sync_mode: "shared", sync_active: false, sync_fail_counter: 1 });
    expect(c.sync_message).not.toBe("");
    expect((await sync({ credentials: half })).status).toBe(204);
    c = (await api("GET", `/v1/api/connections/${connection.id}`)).body;
    expect(c).toMatchObject({ sync_active: true, sync_fail_counter: 0, sync_message: "" });
    expect((await sync({})).status).toBe(422);
    expect((await sync({})).status).toBe(422);
    expect((await sync({})).status).toBe(422);
    const refused = await sync({ credentials: half });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 409, message: expect.any(String) });
  });
});

describe("failures", () => {
  it("fall back to none, 3 failures disable (409), a manual sync returns to full", async () => {
    const { api, connection } = await linkBank(server.url);
    const sync = (body: unknown = {}) => api("POST", `/v1/api/connections/${connection.id}/sync`, body);
    const get = async () => (await api("GET", `/v1/api/connections/${connection.id}`)).body;
    await control()("POST", `/__sandbox/connections/${connection.id}/fail-next-sync`, { count: 3 });

    expect((await sync()).status).toBe(422);
    expect(await get()).toMatchObject({ sync_mode: "none", sync_active: false, sync_fail_counter: 1 });
    expect((await sync()).status).toBe(202); // fell back: the user must log in
    expect((await sync({ force: true })).status).toBe(422); // force retries the stored credentials
    expect((await sync({ force: true })).status).toBe(422);
    expect((await get()).sync_fail_counter).toBe(3);
    expect((await sync({ force: true })).status).toBe(409);
    expect((await api("POST", `/v1/api/connections/${connection.id}/reset`)).status).toBe(409);
  });

  it("the daily full sync fails (counted) on an injected failure; a finished manual sync restores full", async () => {
    const { api, connection } = await linkBank(server.url);
    await control()("POST", `/__sandbox/connections/${connection.id}/fail-next-sync`, {});
    await control()("POST", "/__sandbox/clock/advance", { days: 1 });
    let c = (await api("GET", `/v1/api/connections/${connection.id}`)).body;
    expect(c).toMatchObject({ sync_mode: "none", sync_active: false, sync_fail_counter: 1 });
    await control()("POST", "/__sandbox/clock/advance", { days: 3 }); // no automatic syncs in none
    expect((await api("GET", `/v1/api/connections/${connection.id}`)).body.sync_fail_counter).toBe(1);
    const s = (await api("POST", `/v1/api/connections/${connection.id}/sync`, {})).body;
    const fin = (
      await api("POST", "/v1/api/wizard", {
        key: s.wizard_session_key,
        USER_NAME: "max",
        USER_PIN: "123456",
        privacy_policy: "1",
      })
    ).body;
    expect(fin.form.name).toBe("finish");
    c = (await api("GET", `/v1/api/connections/${connection.id}`)).body;
    expect(c).toMatchObject({ sync_mode: "full", sync_active: true, sync_fail_counter: 0, sync_message: "" });
  });

  it("fall-back control switches full to none", async () => {
    const { api, connection } = await linkBank(server.url);
    expect((await control()("POST", `/__sandbox/connections/${connection.id}/fall-back`)).status).toBe(200);
    expect((await api("GET", `/v1/api/connections/${connection.id}`)).body.sync_mode).toBe("none");
    expect((await api("POST", `/v1/api/connections/${connection.id}/sync`, {})).status).toBe(202);
    expect((await control()("POST", `/__sandbox/connections/${connection.id}/fall-back`)).status).toBe(409);
  });
});

describe("consent", () => {
  it("is 90 days for Testbank and 180 for Nordbank, moved by a finished reset", async () => {
    const today = (await control()("GET", "/__sandbox/clock")).body.today as string;
    const plus = (d: number) => new Date(Date.parse(today) + d * 86_400_000).toISOString().slice(0, 10);
    expect((await linkBank(server.url)).connection.consent_valid_until).toBe(plus(90));
    const nord = await linkBank(server.url, { bankCode: "99990002" });
    expect(nord.connection.consent_valid_until).toBe(plus(180));
    await control()("POST", "/__sandbox/clock/advance", { days: 10 });
    const reset = (await nord.api("POST", `/v1/api/connections/${nord.connection.id}/reset`)).body;
    await nord.api("POST", "/v1/api/wizard", {
      key: reset.wizard_session_key,
      USER_NAME: "max",
      USER_PIN: "123456",
      privacy_policy: true,
    });
    expect((await nord.api("GET", `/v1/api/connections/${nord.connection.id}`)).body.consent_valid_until).toBe(
      plus(190),
    );
  });

  it("after expiry automatic syncs fail (counted) and a manual sync asks the user (202, not counted)", async () => {
    const { api, connection } = await linkBank(server.url);
    const exp = await control()("POST", `/__sandbox/connections/${connection.id}/expire-consent`);
    expect(exp.status).toBe(200);
    await control()("POST", "/__sandbox/clock/advance", { days: 1 });
    let c = (await api("GET", `/v1/api/connections/${connection.id}`)).body;
    expect(c).toMatchObject({ sync_active: false, sync_fail_counter: 1, sync_mode: "none" });
    expect(c.sync_message).toMatch(/Consent/);
    const r = await api("POST", `/v1/api/connections/${connection.id}/sync`, { force: true });
    expect(r.status).toBe(202);
    c = (await api("GET", `/v1/api/connections/${connection.id}`)).body;
    expect(c.sync_fail_counter).toBe(1);
    await api("POST", "/v1/api/wizard", {
      key: r.body.wizard_session_key,
      USER_NAME: "max",
      USER_PIN: "123456",
      privacy_policy: true,
    });
    c = (await api("GET", `/v1/api/connections/${connection.id}`)).body;
    expect(c).toMatchObject({ sync_active: true, sync_fail_counter: 0, sync_mode: "full" });
    expect(c.consent_valid_until > (await control()("GET", "/__sandbox/clock")).body.today).toBe(true);
  });
});

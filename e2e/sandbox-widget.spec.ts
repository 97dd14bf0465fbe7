import { expect, test, type Page } from "@playwright/test";

// The sandbox's xs2a.js, embedded in a bare page the way third-party integrations do
// (xs2a-api.md §5.2), without Saldo in between.
const SANDBOX = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? "4311"}`;
const auth = (secret: string) => ({
  authorization: "Basic " + Buffer.from(`api:${secret}`).toString("base64"),
  "content-type": "application/json",
});

async function newSession(syncMode: "full" | "shared") {
  const call = async (method: string, path: string, secret: string, body?: unknown) => {
    const res = await fetch(`${SANDBOX}${path}`, {
      method,
      headers: auth(secret),
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return res.json();
  };
  const user = await call("PUT", "/v1/api/users", "e2e-sandbox-api-key", { name: "widget test" });
  const token = await call("PUT", `/v1/api/users/${user.id}/accesstokens`, "e2e-sandbox-api-key", {
    valid_until: "2050-01-01 11:11:11",
  });
  const session = await call("PUT", "/v1/api/connections", token.token, { sync_mode: syncMode });
  return { ...session, token: token.token } as { wizard_session_key: string; transaction: string; token: string };
}

async function embed(page: Page, key: string) {
  await page.goto(`${SANDBOX}/v1/version`); // any page on a real origin
  await page.setContent(`<!doctype html><html lang="en"><body>
    <div id="XS2A-Form" data-xs2a="${key}"></div>
    <script src="${SANDBOX}/xs2a.js"></script>
    <script>
      window.events = [];
      xs2a.useBaseStyles();
      xs2a.lang("en");
      xs2a.finish(function (credentials) { window.events.push({ type: "finish", credentials: credentials }); });
      xs2a.abort(function () { window.events.push({ type: "abort" }); });
      xs2a.init();
    </script></body></html>`);
}

async function logInToTestbank(page: Page) {
  await page.getByLabel(/bank code/i).fill("88888888");
  await page.locator(".xs2a-primary").click();
  await page.locator("[name=USER_NAME]").fill("abcdef");
  await page.locator("[name=USER_PIN]").fill("123456");
  await page.getByLabel(/privacy/i).check();
  await page.locator(".xs2a-primary").click();
}

test.describe("sandbox xs2a.js", () => {
  test("logs in to the test bank and calls finish with the credential half for shared", async ({ page }) => {
    const s = await newSession("shared");
    await embed(page, s.wizard_session_key);
    await logInToTestbank(page);
    await expect.poll(() => page.evaluate(() => (window as unknown as { events: unknown[] }).events.length)).toBe(1);
    const [event] = await page.evaluate(
      () => (window as unknown as { events: { type: string; credentials?: string }[] }).events,
    );
    expect(event.type).toBe("finish");
    expect(typeof event.credentials).toBe("string");
    expect(event.credentials!.length).toBeGreaterThan(10);

    // The half works for a background sync of exactly this connection.
    const conn = await (
      await fetch(`${SANDBOX}/v1/api/connections/${s.transaction}`, { headers: auth(s.token) })
    ).json();
    const ok = await fetch(`${SANDBOX}/v1/api/connections/${conn.id}/sync`, {
      method: "POST",
      headers: auth(s.token),
      body: JSON.stringify({ credentials: event.credentials }),
    });
    expect(ok.status).toBe(204);
  });

  test("calls finish without credentials for full, and abort when the user cancels", async ({ page }) => {
    const s = await newSession("full");
    await embed(page, s.wizard_session_key);
    await logInToTestbank(page);
    await expect
      .poll(() => page.evaluate(() => JSON.stringify((window as unknown as { events: unknown[] }).events)))
      .toBe('[{"type":"finish"}]');

    const s2 = await newSession("full");
    await embed(page, s2.wizard_session_key);
    await page.locator(".xs2a-cancel").click();
    await expect
      .poll(() => page.evaluate(() => JSON.stringify((window as unknown as { events: unknown[] }).events)))
      .toBe('[{"type":"abort"}]');
    const session = await (
      await fetch(`${SANDBOX}/v1/sessions/${s2.transaction}`, { headers: auth("e2e-sandbox-api-key") })
    ).json();
    expect(session.last_error).toBe("client_aborted");
  });
});

import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { PASSWORD, signIn, signUp, sql, uniqueEmail } from "./fixtures/app";

test.describe("sign-up, sign-in and sessions", () => {
  test("sign-up rejects each kind of bad input with a clear message", async ({ page }) => {
    // Four sign-up answers and a sign-up plus sign-in elsewhere, the first test on a cold server.
    test.setTimeout(180_000);
    await page.goto("/signup");
    const email = page.getByLabel("Email");
    const password = page.getByLabel("Password");
    const submit = page.getByRole("button", { name: "Create account" });

    await email.fill("not-an-email");
    await password.fill(PASSWORD);
    await submit.click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();

    await email.fill(uniqueEmail());
    await password.fill("short");
    await submit.click();
    await expect(page.getByText("Use at least 10 characters")).toBeVisible();

    await password.fill("password123");
    await submit.click();
    await expect(page.getByText("too easy to guess")).toBeVisible();

    const taken = await signUpElsewhere(page);
    await page.goto("/signup");
    await page.getByLabel("Email").fill(taken);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    // Issue 14, hole 5: a taken email gets the same answer as a new one; its owner gets an email.
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(`We sent an email to ${taken}.`)).toBeVisible();
    await expect(page.getByText("already exists")).toHaveCount(0);
    const { rows } = await sql().query('SELECT count(*)::int AS n FROM "User" WHERE email = $1', [taken]);
    expect(rows[0].n).toBe(1);
    const { rows: mails } = await sql().query<{ subject: string }>(
      'SELECT subject FROM "OutboxEmail" WHERE "to" = $1 ORDER BY "createdAt"',
      [taken],
    );
    expect(mails.map((m) => m.subject)).toContain("Someone tried to create a Saldo account with your email");
  });

  test("a wrong password is refused and the right one signs in", async ({ page }) => {
    const email = await signUp(page);
    await page.context().clearCookies();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-password-123");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Email or password is wrong")).toBeVisible();
    await signIn(page, email);
    await expect(page.getByRole("link", { name: "Dashboard" }).first()).toBeVisible();
  });

  test("before the page's script runs, no button can be used and no password reaches a URL", async ({ browser }) => {
    // A slow phone shows the server's HTML a while before React takes over: a click then did
    // nothing (passkey) or submitted the form natively, as a GET with the password in the URL.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      for (const [path, button] of [
        ["/signin", "Sign in"],
        ["/signup", "Create account"],
        ["/forgot-password", "Send the link"],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole("button", { name: button, exact: true })).toBeDisabled();
      }
      await page.goto("/signin");
      await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeDisabled();
      await page.getByLabel("Email").fill("someone@example.test");
      await page.getByLabel("Password").fill("secret-Passw0rd-in-url");
      await page.getByLabel("Password").press("Enter");
      await page.waitForLoadState("load");
      expect(page.url()).not.toContain("secret-Passw0rd-in-url");
      expect(new URL(page.url()).pathname).toBe("/signin");
    } finally {
      await context.close();
    }
  });

  test("protected pages redirect to sign-in", async ({ page }) => {
    for (const path of ["/dashboard", "/settings", "/banks", "/transactions"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/signin/);
    }
  });

  test("a non-admin gets 404 at /admin", async ({ page }) => {
    await signUp(page);
    const res = await page.goto("/admin");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  });

  test("a disabled user's open tab loses access on its next action", async ({ page }) => {
    const email = await signUp(page);
    await page.goto("/settings");
    await expect(page.getByLabel("Like my browser")).toBeChecked();
    await sql().query('UPDATE "User" SET disabled = true WHERE email = $1', [email]);
    // The web server hears of the change a moment after the commit (lib/cache/user-cache.ts).
    await expect
      .poll(async () => (await page.request.get("/api/transactions")).status(), { timeout: 20_000 })
      .toBe(401);
    await page.getByLabel("Deutsch").check();
    await expect(page).toHaveURL(/\/signin\?reason=session/);
    await expect(page.getByText("Your session has ended")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("sign out everywhere ends the session", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const email = await signUp(page);
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, email);
    await page.goto("/settings");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await otherPage.goto("/dashboard");
    await expect(otherPage).toHaveURL(/\/signin/);
    await other.close();
  });

  // Issue 14, hole 2: `/\evil.example/` passed "starts with / but not //", and the browser reads it as //evil.example/.
  test("after sign-in, a callbackUrl is followed only to a path of our own origin", async ({ page }) => {
    test.setTimeout(180_000);
    const email = await signUp(page);
    const phished: string[] = [];
    await page.route(/^https?:\/\/evil\.example\//, (route) => {
      phished.push(route.request().url());
      return route.fulfill({ contentType: "text/html", body: "<h1>phished</h1>" });
    });
    const signInWith = async (callbackUrl: string) => {
      await page.context().clearCookies();
      await page.goto(`/signin?callbackUrl=${callbackUrl}`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL((url) => url.pathname !== "/signin", { timeout: 60_000 });
      return new URL(page.url());
    };
    for (const attack of [
      "/%5Cevil.example/",
      "/%09/evil.example/",
      "/%0A/evil.example/",
      "/%5C%5Cevil.example/",
      "%2F%2Fevil.example%2F",
      "https://evil.example/",
      "/banks/..//evil.example/phish",
      "/%2F%2Fevil.example/",
      "javascript:alert(document.domain)",
    ]) {
      const landed = await signInWith(attack);
      expect(landed.origin, `callbackUrl=${attack}`).toBe(baseURL);
      expect(landed.pathname, `callbackUrl=${attack}`).toBe("/dashboard");
    }
    expect(phished).toEqual([]);
    // A path of our own is still followed, with its query.
    const own = await signInWith(encodeURIComponent("/transactions?q=rewe"));
    expect(own.href).toBe(`${baseURL}/transactions?q=rewe`);
  });

  // Issue 14, hole 3: the per-IP sign-in limit took the first X-Forwarded-For entry, which any client picks.
  test("a forged X-Forwarded-For does not choose the address a sign-in is counted and logged under", async ({
    page,
  }) => {
    const email = await signUp(page);
    await page.context().clearCookies();
    const forged = ["203.0.113.77", "203.0.113.78, 198.51.100.9"];
    for (const xff of forged) {
      const headers = { "x-forwarded-for": xff, "x-real-ip": "203.0.113.79" };
      const { csrfToken } = (await (await page.request.get("/api/auth/csrf", { headers })).json()) as {
        csrfToken: string;
      };
      const res = await page.request.post("/api/auth/callback/credentials", {
        headers,
        form: { email, password: "wrong-password-123", csrfToken, json: "true" },
        maxRedirects: 0,
      });
      expect(res.status(), xff).toBeLessThan(500);
    }
    const { rows } = await sql().query<{ ip: string | null }>(
      `SELECT ip FROM "AuditEvent" WHERE action = 'auth.sign_in_failed' AND "actorEmail" = $1`,
      [email],
    );
    expect(rows).toHaveLength(forged.length);
    // With TRUSTED_PROXY_HOPS unset (0), the address is the socket's: this machine.
    for (const { ip } of rows) expect(["127.0.0.1", "::1"], `recorded ${ip}`).toContain(ip);
    // …and the per-IP failure count is not kept under the forged addresses.
    const { rows: limits } = await sql().query<{ key: string }>(
      `SELECT key FROM "RateLimit" WHERE key LIKE 'signin:ip:%'`,
    );
    expect(limits.map((r) => r.key).filter((k) => /203\.0\.113\.|198\.51\.100\./.test(k))).toEqual([]);
  });
});

async function signUpElsewhere(page: import("@playwright/test").Page) {
  const ctx = await page.context().browser()!.newContext();
  const p = await ctx.newPage();
  const email = await signUp(p);
  await ctx.close();
  return email;
}

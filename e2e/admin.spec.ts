import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type Page, type Request } from "@playwright/test";
import { sandbox, signIn, signUp, sql, uniqueEmail } from "./fixtures/app";

// The one admin of the e2e installation (ADMIN_EMAILS in playwright.config.ts).
const ADMIN = "admin@e2e.test";
const CANARY = "CANARY-SECRET-123";
const IBAN = "DE89370400440532013000";
const ADMIN_PAGES = [
  "/admin",
  "/admin/users",
  "/admin/banks",
  "/admin/consents",
  "/admin/sync-runs",
  "/admin/health",
  "/admin/jobs",
  "/admin/audit",
];

const id = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, "").slice(0, 20)}`;

/** The fixtures' sign-up (confirmed email, then signed in through the form) or sign-in. */
async function enter(page: Page, how: "signup" | "signin", email: string) {
  if (how === "signup") await signUp(page, { email });
  else await signIn(page, email);
  return email;
}

/** Signs the admin in (signing up the first time: the database is fresh for each e2e run). */
async function asAdmin(page: Page) {
  const { rows } = await sql().query('SELECT id FROM "User" WHERE email = $1', [ADMIN]);
  await enter(page, rows.length ? "signin" : "signup", ADMIN);
  const { rows: after } = await sql().query<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [ADMIN]);
  return after[0].id;
}

/** A signed-in normal user in a browser context of their own. */
async function normalUser(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = await enter(page, "signup", uniqueEmail());
  const { rows } = await sql().query<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [email]);
  return { page, email, userId: rows[0].id, context };
}

/** Calendar date `days` after the sandbox's today (the clock Saldo follows in e2e). */
async function sandboxDay(days: number) {
  const clock = (await sandbox("clock")) as { today: string };
  const [y, m, d] = clock.today.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * A user with a `shared` bank whose consent ends in 5 days, one failed sync (with XS2A's
 * request id) and secrets holding the canary: the token and the stored credential half.
 */
async function seedFailingBank() {
  const userId = id("u");
  const email = uniqueEmail("bankuser");
  const connectionId = id("c");
  const suffix = randomUUID().slice(0, 6);
  const bankName = `E2E Bank ${suffix}`;
  const bankCode = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
  const requestId = `req-e2e-${suffix}`;
  const errorMessage = `The bank rejected the login (${suffix})`;
  const consentEnd = await sandboxDay(5);
  const db = sql();
  await db.query(`INSERT INTO "User" (id, email, "passwordHash", "updatedAt") VALUES ($1, $2, 'not-a-hash', now())`, [
    userId,
    email,
  ]);
  await db.query(
    `INSERT INTO "Xs2aBankUser" (id, "userId", "xs2aUserId", "tokenId", "tokenCiphertext", "tokenValidUntil", "updatedAt")
     VALUES ($1, $2, $3, 'token-id', $4, now() + interval '7 days', now())`,
    [id("b"), userId, id("x2u"), `v1.e2e-seed.${CANARY}.token.AAAA`],
  );
  await db.query(
    `INSERT INTO "BankConnection" (id, "userId", "xs2aId", transaction, status, "bankName", "bankCode", "syncMode", "xs2aSyncMode",
       "syncFailCounter", "consentValidUntil", "credentialsCiphertext", "lastImportedAt", "updatedAt")
     VALUES ($1, $2, $3, $4, 'ACTIVE', $5, $6, 'SHARED', 'SHARED', 1, $7::date, $8, now() - interval '1 day', now())`,
    [
      connectionId,
      userId,
      id("x2c"),
      id("t"),
      bankName,
      bankCode,
      consentEnd,
      `v1.e2e-seed.${CANARY}.credentials.AAAA`,
    ],
  );
  await db.query(
    `INSERT INTO "BankAccount" (id, "userId", "connectionId", "xs2aId", iban, description, type, "updatedAt")
     VALUES ($1, $2, $3, $4, $5, 'Girokonto', 'GIRO', now())`,
    [id("a"), userId, connectionId, id("x2a"), IBAN],
  );
  await db.query(
    `INSERT INTO "SyncRun" (id, "userId", "connectionId", trigger, status, "queuedAt", "startedAt", "finishedAt", "errorCode", "errorMessage", "requestIds")
     VALUES ($1, $2, $3, 'SCHEDULED', 'FAILED', now() - interval '10 minutes', now() - interval '10 minutes', now() - interval '10 minutes' + interval '2.5 seconds', 'xs2a_other', $4, ARRAY[$5])`,
    [id("r"), userId, connectionId, errorMessage, requestId],
  );
  return { userId, email, connectionId, bankName, bankCode, requestId, errorMessage, consentEnd };
}

async function auditCount(where: { action: string; actorId?: string; targetId?: string }) {
  const { rows } = await sql().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = $1 AND ($2::text IS NULL OR "actorId" = $2) AND ($3::text IS NULL OR "targetId" = $3)`,
    [where.action, where.actorId ?? null, where.targetId ?? null],
  );
  return rows[0].n;
}

/** Screenshots for looking at the pages; ADMIN_SCREENSHOT_DIR keeps them out of the shared test-results. */
async function shot(page: Page, name: string) {
  const dir = process.env.ADMIN_SCREENSHOT_DIR;
  await page.screenshot({ path: dir ? `${dir}/${name}.png` : test.info().outputPath(`${name}.png`), fullPage: true });
}

/** Captures one server action request the browser sends, without letting it reach the server. */
async function captureAction(page: Page, trigger: () => Promise<void>) {
  let captured: Request | undefined;
  const isAdminPath = (url: URL) => url.pathname.startsWith("/admin");
  await page.route(isAdminPath, async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      captured = route.request();
      await route.abort();
    } else await route.continue();
  });
  await trigger();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unroute(isAdminPath);
  const req = captured!;
  return { url: req.url(), headers: req.headers(), body: req.postData() ?? "" };
}

type CapturedAction = Awaited<ReturnType<typeof captureAction>>;

/** Replays a captured action call with another identity (the cookies of `request`). */
async function replay(request: APIRequestContext, action: CapturedAction) {
  const pass = ["next-action", "content-type", "origin", "next-router-state-tree"];
  const headers = Object.fromEntries(Object.entries(action.headers).filter(([k]) => pass.includes(k)));
  const res = await request.post(action.url, {
    headers: { ...headers, accept: "text/x-component" },
    data: action.body,
  });
  return { status: res.status(), text: await res.text() };
}

test.describe("admin", () => {
  // Several users, two browser contexts and eight pages per test: more than the default minute on a busy machine.
  test.describe.configure({ timeout: 180_000 });

  test("an admin sees a seeded failed sync and expiring consent in the right places; no secret or full IBAN appears", async ({
    page,
  }) => {
    const seeded = await seedFailingBank();
    const adminId = await asAdmin(page);

    // Overview, then every section through the admin sub-navigation.
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Admin", level: 1 })).toBeVisible();
    await shot(page, "admin-overview");

    await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Sync failures" }).click();
    await expect(page).toHaveURL(/\/admin\/sync-runs$/);
    const runRow = page.getByTestId("admin-run-row").filter({ hasText: seeded.bankName });
    await expect(runRow).toHaveCount(1);
    await expect(runRow).toContainText(seeded.errorMessage);
    await expect(runRow).toContainText(seeded.requestId);
    await expect(runRow).toContainText("xs2a_other");
    await expect(runRow).toContainText("Failed");
    await expect(runRow).toContainText("2.5 sec");
    await expect(runRow).toContainText(seeded.email);
    await shot(page, "admin-sync-runs");

    await page.goto("/admin/consents");
    const ending = page.getByTestId("consents-ending");
    await expect(ending.getByRole("row").filter({ hasText: seeded.bankName })).toContainText(seeded.email);
    await expect(page.getByTestId("consents-expired")).not.toContainText(seeded.bankName);
    // Ends in 5 days: the first of the 12 weeks (today … today + 6).
    const weeks = page.getByTestId("consent-week");
    await expect(weeks).toHaveCount(12);
    await expect(weeks.first().locator("td").nth(1)).not.toHaveText("0");
    await shot(page, "admin-consents");

    await page.goto("/admin/banks");
    await page.getByLabel("Bank", { exact: true }).selectOption(seeded.bankCode);
    await page.getByLabel("State").selectOption("failing");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(
      new RegExp(`state=failing.*bank=${seeded.bankCode}|bank=${seeded.bankCode}.*state=failing`),
    );
    const bankRow = page.getByTestId("admin-bank-row");
    await expect(bankRow).toHaveCount(1);
    await expect(bankRow).toContainText(seeded.bankName);
    await expect(bankRow).toContainText("Sync failing");
    await expect(bankRow).toContainText("DE89 •••• •••• •••• 3000");
    await expect(bankRow).toContainText("in 5 d");
    await shot(page, "admin-banks");
    await page.goto(`/admin/banks?state=ok&bank=${seeded.bankCode}`);
    await expect(page.getByText("No bank connections")).toBeVisible();

    await page.goto("/admin/health");
    const healthRow = page.getByTestId("admin-health-row").filter({ hasText: seeded.bankName });
    await expect(healthRow).toContainText("0%");
    await expect(healthRow).toContainText(seeded.errorMessage);
    await shot(page, "admin-health");

    // A phone-width look: the tables scroll sideways inside their frame.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/admin/sync-runs");
    await expect(page.getByTestId("admin-run-row").filter({ hasText: seeded.bankName })).toHaveCount(1);
    await shot(page, "admin-sync-runs-phone");
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.goto("/admin/jobs");
    await expect(page.getByRole("heading", { name: "Job queue", level: 1 })).toBeVisible();
    await shot(page, "admin-jobs");

    // No admin page ever carries a secret or a full IBAN.
    for (const path of ADMIN_PAGES) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      const html = await page.content();
      expect(html, path).not.toContain(CANARY);
      expect(html, path).not.toContain(IBAN);
      expect(html, path).not.toContain("0532013000");
    }

    // Every view was audited, with the page it showed.
    const { rows } = await sql().query<{ targetId: string }>(
      `SELECT DISTINCT "targetId" FROM "AuditEvent" WHERE action = 'admin.view' AND "actorId" = $1`,
      [adminId],
    );
    expect(rows.map((r) => r.targetId).sort()).toEqual([
      "audit",
      "banks",
      "consents",
      "health",
      "jobs",
      "overview",
      "sync-runs",
      "users",
    ]);
  });

  test("an admin re-runs an import: a new ADMIN run is recorded and audited, no XS2A sync is forced", async ({
    page,
  }) => {
    const seeded = await seedFailingBank();
    const adminId = await asAdmin(page);
    await page.goto("/admin/sync-runs");
    const runRow = page.getByTestId("admin-run-row").filter({ hasText: seeded.bankName });
    await runRow.getByRole("button", { name: /Re-run import/ }).click();
    // The page refreshes with the new run on top, so the message is looked for in any of the bank's rows.
    await expect(runRow.getByRole("status").filter({ hasText: "Import finished" })).toHaveCount(1);
    const { rows } = await sql().query<{ trigger: string; triggeredBy: string; status: string }>(
      `SELECT trigger, "triggeredBy", status FROM "SyncRun" WHERE "connectionId" = $1 AND trigger = 'ADMIN'`,
      [seeded.connectionId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].triggeredBy).toBe(adminId);
    // The seeded token is no real ciphertext, so the import fails before any XS2A call.
    expect(rows[0].status).toBe("FAILED");
    expect(await auditCount({ action: "admin.import_rerun", actorId: adminId, targetId: seeded.connectionId })).toBe(1);
    await page.reload();
    expect(await page.content()).not.toContain(CANARY);
  });

  test("an admin sees a quarantined bank item with its reason and the bank's data (IBAN masked) and dismisses it, audited", async ({
    page,
  }) => {
    const seeded = await seedFailingBank();
    const purpose = `Rückbuchung ${seeded.bankCode}`;
    const quarantineId = id("q");
    const { rows } = await sql().query<{ id: string }>(`SELECT id FROM "BankAccount" WHERE "connectionId" = $1`, [
      seeded.connectionId,
    ]);
    await sql().query(
      `INSERT INTO "QuarantinedTurnover" (id, "userId", "accountId", "connectionId", "rawKey", raw, reasons, "matchFields")
       VALUES ($1, $2, $3, $4, 'q:e2e:0', $5::jsonb, $6::jsonb, '{}'::jsonb)`,
      [
        quarantineId,
        seeded.userId,
        rows[0].id,
        seeded.connectionId,
        JSON.stringify({
          amount: 12.345,
          currency: "EUR",
          purpose: [purpose],
          counter_iban: IBAN,
          booking_date: "2026-11-30",
        }),
        JSON.stringify([{ path: "amount", message: "amount 12.345 has more than two decimals" }]),
      ],
    );
    const adminId = await asAdmin(page);
    await page.goto("/admin/sync-runs");
    const row = page.getByTestId("admin-quarantine-row").filter({ hasText: purpose });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("amount: amount 12.345 has more than two decimals");
    await expect(row).toContainText("2026-11-30 · 12.345 EUR");
    await expect(row).toContainText("DE89 •••• •••• •••• 3000");
    await expect(row).toContainText(seeded.email);
    expect(await page.content()).not.toContain(IBAN);
    await shot(page, "admin-quarantine");

    await row.getByRole("button", { name: /Dismiss/ }).click();
    // The page refreshes without it (the row is kept in the database, closed).
    await expect(page.getByTestId("admin-quarantine-row").filter({ hasText: purpose })).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("admin-quarantine-row").filter({ hasText: purpose })).toHaveCount(0);
    const { rows: after } = await sql().query<{ status: string; dismissedBy: string }>(
      `SELECT status, "dismissedBy" FROM "QuarantinedTurnover" WHERE id = $1`,
      [quarantineId],
    );
    expect(after).toEqual([{ status: "DISMISSED", dismissedBy: adminId }]);
    expect(await auditCount({ action: "admin.quarantine_dismissed", actorId: adminId, targetId: quarantineId })).toBe(
      1,
    );
  });

  test("an admin disables a user, whose open session ends at once, and enables them again", async ({
    page,
    browser,
  }) => {
    const user = await normalUser(browser);
    const adminId = await asAdmin(page);

    await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
    const row = page.getByTestId("admin-user-row").filter({ hasText: user.email });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Active");
    await shot(page, "admin-users");
    await row.getByRole("button", { name: `Disable: ${user.email}` }).click();
    await expect(page.getByRole("dialog")).toContainText(`Disable ${user.email}?`);
    await shot(page, "admin-users-disable-dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
    await expect(row.getByRole("status")).toContainText("is disabled and signed out everywhere");
    await expect(row).toContainText("Disabled");

    const { rows } = await sql().query<{ disabled: boolean; sessionVersion: number }>(
      'SELECT disabled, "sessionVersion" FROM "User" WHERE id = $1',
      [user.userId],
    );
    expect(rows[0]).toEqual({ disabled: true, sessionVersion: 1 });
    expect(await auditCount({ action: "admin.user_disabled", actorId: adminId, targetId: user.userId })).toBe(1);

    // The user's open session is gone on their very next request.
    await user.page.goto("/dashboard");
    await expect(user.page).toHaveURL(/\/signin/);

    // Enable again: they can sign in.
    await row.getByRole("button", { name: `Enable: ${user.email}` }).click();
    await expect(row).toContainText("Active");
    expect(await auditCount({ action: "admin.user_enabled", actorId: adminId, targetId: user.userId })).toBe(1);
    await enter(user.page, "signin", user.email);

    // The admin cannot disable themself: no button on their own row.
    await page.goto(`/admin/users?q=${encodeURIComponent(ADMIN)}`);
    const own = page.getByTestId("admin-user-row").filter({ hasText: ADMIN });
    await expect(own).toContainText("You");
    await expect(own.getByRole("button")).toHaveCount(0);

    // The audit log finds the admin's actions by action and actor.
    await page.goto("/admin/audit");
    await page.getByLabel("Action").selectOption("admin.user_disabled");
    await page.getByLabel("Actor email").fill(ADMIN);
    await page.getByLabel("Target (id or type)").fill(user.userId);
    await page.getByRole("button", { name: "Search" }).click();
    const auditRows = page.getByTestId("admin-audit-row");
    await expect(auditRows).toHaveCount(1);
    await expect(auditRows).toContainText("admin.user_disabled");
    await expect(auditRows).toContainText(user.userId);
    await shot(page, "admin-audit");
    await user.context.close();
  });

  test("a normal user gets 404 for every admin page and a not-found answer to every admin action POST", async ({
    page,
    browser,
    playwright,
  }) => {
    const seeded = await seedFailingBank();
    const victim = await normalUser(browser);
    const adminId = await asAdmin(page);

    // Capture the real action requests the admin UI sends (aborted: they have no effect).
    await page.goto(`/admin/users?q=${encodeURIComponent(victim.email)}`);
    const disable = await captureAction(page, async () => {
      await page.getByRole("button", { name: `Disable: ${victim.email}` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
    });
    expect(disable.body).toContain(victim.userId);
    await page.goto("/admin/sync-runs");
    const rerun = await captureAction(page, async () => {
      await page
        .getByTestId("admin-run-row")
        .filter({ hasText: seeded.bankName })
        .getByRole("button", { name: /Re-run import/ })
        .click();
    });
    expect(rerun.body).toContain(seeded.connectionId);

    // The admin's own replay works (the capture is a real, valid action call) …
    const ownSelf = await replay(page.request, { ...disable, body: disable.body.replace(victim.userId, adminId) });
    expect(ownSelf.text).toContain("cannot_disable_self");

    // … a normal user's does nothing and answers not_found, like a page that does not exist.
    const user = await normalUser(browser);
    for (const path of ADMIN_PAGES) {
      const res = await user.page.goto(path);
      expect(res?.status(), path).toBe(404);
      expect(await user.page.content(), path).not.toContain(CANARY);
    }
    await expect(user.page.getByRole("link", { name: "Admin" })).toHaveCount(0);
    for (const action of [disable, rerun]) {
      const res = await replay(user.page.request, action);
      expect(res.text).toContain('"code":"not_found"');
      expect(res.text).not.toContain(CANARY);
    }
    // Signed out entirely: the same answer.
    const anonymous = await playwright.request.newContext({ baseURL: new URL(disable.url).origin });
    for (const action of [disable, rerun])
      expect((await replay(anonymous, action)).text).toContain('"code":"not_found"');
    await anonymous.dispose();

    const { rows: victimRows } = await sql().query('SELECT disabled, "sessionVersion" FROM "User" WHERE id = $1', [
      victim.userId,
    ]);
    expect(victimRows[0]).toEqual({ disabled: false, sessionVersion: 0 });
    const { rows: runs } = await sql().query(
      `SELECT 1 FROM "SyncRun" WHERE "connectionId" = $1 AND trigger = 'ADMIN'`,
      [seeded.connectionId],
    );
    expect(runs).toHaveLength(0);
    const { rows: audits } = await sql().query(
      `SELECT 1 FROM "AuditEvent" WHERE action LIKE 'admin.%' AND "actorId" = $1`,
      [user.userId],
    );
    expect(audits).toHaveLength(0);
    await user.context.close();
    await victim.context.close();
  });

  test("a normal user's browser loads no admin texts; the admin pages load them", async ({ page, browser }) => {
    // A text only the admin UI's client components use, in both languages (ASCII parts: the
    // minifier escapes "ü").
    const adminTexts = ["is disabled and signed out everywhere", " ist gesperrt und "];
    const scriptsOf = (p: Page) => {
      const bodies: Promise<string>[] = [];
      p.on("response", (res) => {
        if (/javascript/.test(res.headers()["content-type"] ?? "")) bodies.push(res.text().catch(() => ""));
      });
      return async () => (await Promise.all(bodies)).join("\n");
    };
    const user = await normalUser(browser);
    const userScripts = scriptsOf(user.page);
    for (const path of ["/dashboard", "/accounts", "/transactions", "/banks", "/banks/add", "/settings"]) {
      await user.page.goto(path);
      await user.page.waitForLoadState("networkidle");
    }
    const loaded = await userScripts();
    expect(loaded.length, "the pages loaded their scripts").toBeGreaterThan(100_000);
    for (const text of adminTexts)
      expect(loaded.includes(text), `a user's page loaded the admin text "${text}"`).toBe(false);

    await asAdmin(page);
    const adminScripts = scriptsOf(page);
    await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
    await page.waitForLoadState("networkidle");
    const adminLoaded = await adminScripts();
    for (const text of adminTexts) expect(adminLoaded.includes(text), `the admin page has "${text}"`).toBe(true);
    await user.context.close();
  });
});

import { expect, test, type Page } from "@playwright/test";
import { linkBank, makeAdmin, signUp as appSignUp, sql, uniqueEmail } from "./fixtures/app";
import { checkA11y as check } from "./fixtures/axe";

// axe on every page a user can reach, signed out and signed in, at desktop and phone widths.
// Serious and critical violations fail; the rest are printed for whoever owns the page.

/** Sign-up like fixtures/app.ts (confirmed, signed in), with an email prefix. */
const signUp = (page: Page, prefix = "user") => appSignUp(page, { email: uniqueEmail(prefix) });

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  for (const path of ["/signin", "/signup", "/dashboard"]) await request.get(path, { timeout: 90_000 });
});

test.describe("accessibility (axe)", () => {
  test("sign-in and sign-up pages", async ({ page }) => {
    test.setTimeout(180_000);
    for (const path of ["/signin", "/signup", "/forgot-password", "/reset-password?token=expired"]) {
      await page.goto(path);
      await check(page, path);
    }
  });

  test("every signed-in page before a bank is linked", async ({ page }) => {
    test.setTimeout(300_000);
    await signUp(page);
    for (const path of [
      "/dashboard",
      "/accounts",
      "/transactions",
      "/banks",
      "/banks/add",
      "/settings",
      "/settings/security",
    ]) {
      await page.goto(path);
      await check(page, `${path} (no bank)`);
    }
  });

  test("every signed-in page with data, desktop and phone, and open states", async ({ page }) => {
    test.setTimeout(600_000);
    const email = await signUp(page);
    await linkBank(page);
    const { rows } = await sql().query(
      `SELECT a.id FROM "BankAccount" a JOIN "User" u ON u.id = a."userId" WHERE u.email = $1 ORDER BY a."createdAt" LIMIT 1`,
      [email],
    );
    const pages = [
      "/dashboard",
      "/accounts",
      `/accounts/${rows[0].id}`,
      "/transactions",
      "/transactions?direction=out&status=PENDING",
      "/budgets",
      "/rules",
      "/categories",
      "/banks",
      "/banks/add",
      "/settings",
    ];
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      // Phone width: the pages whose layout changes most.
      for (const path of width === 1280 ? pages : [pages[0], pages[2], pages[3]]) {
        await page.goto(path);
        await check(page, `${path} @${width}`);
      }
    }
    // Open states: the filters, a transaction's details, and a chart's table.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/transactions");
    await page.getByText("Filters", { exact: true }).click();
    await page.getByTestId("transaction-row").first().getByRole("button").first().click();
    await expect(page.getByLabel("Your category")).toBeVisible();
    await check(page, "/transactions (open)");
    await page.goto("/dashboard");
    for (const s of await page.getByText("Show as table").all()) await s.click();
    await check(page, "/dashboard (tables)");
  });

  test("the bank wizard, renewals, the outbox, the not-found page and every admin page", async ({ page }) => {
    test.setTimeout(600_000);
    // The prefix marks the one user promoted to admin on purpose (bad-input.spec.ts counts admins).
    const email = await signUp(page, "a11y-admin");
    // The wizard as the user sees it: the bank form, then the bank's login form.
    await page.goto("/banks/add");
    await page.getByRole("button", { name: "Continue to your bank" }).click();
    await expect(page).toHaveURL(/\/banks\/wizard\//);
    await expect(page.locator("#xs2a-bank-bank_code")).toBeVisible();
    await check(page, "/banks/wizard (bank)");
    await page.locator("#xs2a-bank-bank_code").fill("88888888");
    await page.locator(".xs2a-primary").click();
    await expect(page.locator("[name=USER_NAME]")).toBeVisible();
    await check(page, "/banks/wizard (login)");
    await page.locator("[name=USER_NAME]").fill("max");
    await page.locator("[name=USER_PIN]").fill("123456");
    await page.locator("[name=privacy_policy]").check();
    await page.locator(".xs2a-primary").click();
    await expect(page).toHaveURL(/\/banks\?linked=/, { timeout: 30_000 });

    // Admin pages, as an admin (the role lives in the database; this user is promoted there).
    await makeAdmin(page, email);
    for (const path of [
      "/banks/renew?all=1",
      "/settings/outbox",
      "/no-such-page",
      "/admin",
      "/admin/users",
      "/admin/banks",
      "/admin/consents",
      "/admin/sync-runs",
      "/admin/health",
      "/admin/jobs",
      "/admin/audit",
    ]) {
      await page.goto(path);
      await check(page, path);
    }
  });
});

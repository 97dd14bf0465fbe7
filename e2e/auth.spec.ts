import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, signUp, sql, uniqueEmail } from "./fixtures/app";

test.describe("sign-up, sign-in and sessions", () => {
  test("sign-up rejects each kind of bad input with a clear message", async ({ page }) => {
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
    await expect(page.getByText("An account with this email already exists")).toBeVisible();
    const { rows } = await sql().query('SELECT count(*)::int AS n FROM "User" WHERE email = $1', [taken]);
    expect(rows[0].n).toBe(1);
  });

  test("a wrong password is refused and the right one signs in", async ({ page }) => {
    const email = await signUp(page);
    await page.context().clearCookies();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-password-123");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Email or password is wrong")).toBeVisible();
    await signIn(page, email);
    await expect(page.getByRole("link", { name: "Dashboard" }).first()).toBeVisible();
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
    await page.getByLabel("Deutsch").check();
    await expect(page).toHaveURL(/\/signin\?reason=session/);
    await expect(page.getByText("Your session has ended")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("sign out everywhere ends the session", async ({ page, browser }) => {
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
});

async function signUpElsewhere(page: import("@playwright/test").Page) {
  const ctx = await page.context().browser()!.newContext();
  const p = await ctx.newPage();
  const email = await signUp(p);
  await ctx.close();
  return email;
}

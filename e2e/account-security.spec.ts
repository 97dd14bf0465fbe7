import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, signUpForm, sql, uniqueEmail } from "./fixtures/app";
import { emailTo, linkIn, signInFails } from "./fixtures/security";

// Issue 14, account security, as a new user in Chromium: sign up → confirm the email from the
// outbox → change the password (the other session ends) → forgot password → reset from the
// outbox link (every session ends, the old password is refused) → a sensitive change after the
// re-auth window asks for the password again → deleting the account needs the password.

const NEW_PASSWORD = "a brand-new passphrase";
const RESET_PASSWORD = "the reset passphrase 2026";

test("sign up, confirm, change and reset the password, re-authenticate, delete", async ({ page, browser }) => {
  test.setTimeout(420_000);
  const email = uniqueEmail("secure");

  // Sign up: "check your inbox", no session yet.
  await signUpForm(page, email);

  // Unconfirmed: linking a bank waits, with a clear message.
  await signIn(page, email);
  await page.goto("/banks/add");
  await expect(page.getByText("Confirm your email address first")).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue to your bank" })).toHaveCount(0);

  // Confirm from the outbox.
  const verify = await emailTo(email, /Confirm your email/);
  await page.goto(linkIn(verify.text, "/verify-email"));
  await expect(page.getByText("your email address is confirmed")).toBeVisible();
  await page.goto("/banks/add");
  await expect(page.getByRole("button", { name: "Continue to your bank" })).toBeVisible();

  // A second browser signs in: both are listed, this one marked.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email);
  await page.goto("/settings/security");
  await expect(page.getByTestId("session-row")).toHaveCount(2);
  await expect(page.getByTestId("session-row").filter({ hasText: "This device" })).toHaveCount(1);

  // Change the password: the other session ends, this one stays.
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That password is not right.")).toBeVisible({ timeout: 30_000 });
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed. Every other session was signed out.")).toBeVisible({
    timeout: 30_000,
  });
  await otherPage.goto("/dashboard");
  await expect(otherPage).toHaveURL(/\/signin/);
  await page.goto("/settings/security");
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await expect(page.getByTestId("security-log")).toContainText("Password changed");

  // Forgot password, signed out in the second browser; the first stays signed in until the reset.
  await otherPage.goto("/forgot-password");
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByRole("button", { name: "Send the link" }).click();
  await expect(otherPage.getByText("If that email belongs to a Saldo account")).toBeVisible();
  // An unknown address gets the very same answer.
  await otherPage.goto("/forgot-password");
  await otherPage.getByLabel("Email").fill(uniqueEmail("nobody"));
  await otherPage.getByRole("button", { name: "Send the link" }).click();
  await expect(otherPage.getByText("If that email belongs to a Saldo account")).toBeVisible();

  const reset = await emailTo(email, /Reset your Saldo password/);
  const resetLink = linkIn(reset.text, "/reset-password");
  await otherPage.goto(resetLink);
  await otherPage.getByLabel("New password").fill(RESET_PASSWORD);
  await otherPage.getByRole("button", { name: "Set the new password" }).click();
  await expect(otherPage.getByText("every session was signed out")).toBeVisible({ timeout: 30_000 });
  // The link works once.
  await otherPage.goto(resetLink);
  await expect(otherPage.getByText("This link is not valid any more")).toBeVisible();
  // Every session ended, also the first browser's.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
  await other.close();

  // The old passwords are refused; the new one signs in.
  await signInFails(page, email, NEW_PASSWORD);
  await signInFails(page, email, PASSWORD);
  await signIn(page, email, RESET_PASSWORD);

  // Past the 10-minute window a sensitive change asks for the password, then goes through.
  const { rows: users } = await sql().query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  const userId = users[0]!.id;
  await sql().query(
    `UPDATE "UserSession" SET "reauthenticatedAt" = now() - interval '11 minutes' WHERE "userId" = $1`,
    [userId],
  );
  await page.goto("/settings/security");
  const newEmail = uniqueEmail("moved");
  await page.getByLabel("New email address").fill(newEmail);
  await page.getByRole("button", { name: "Change email" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await dialog.getByLabel("Password").fill("wrong password here");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByText("That password is not right.")).toBeVisible({ timeout: 30_000 });
  await dialog.getByLabel("Password").fill(RESET_PASSWORD);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText(`We sent a link to ${newEmail}`)).toBeVisible({ timeout: 30_000 });
  await emailTo(email, /being changed|wird geändert/);

  // Deleting the account needs the password again, right now.
  await page.goto("/settings");
  await page.getByLabel("Your password, to confirm").fill(PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("That password is not right. Your account was not deleted.")).toBeVisible({
    timeout: 30_000,
  });
  expect((await sql().query(`SELECT 1 FROM "User" WHERE id = $1`, [userId])).rowCount).toBe(1);
  await page.getByLabel("Your password, to confirm").fill(RESET_PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/signup/, { timeout: 60_000 });
  expect((await sql().query(`SELECT 1 FROM "User" WHERE id = $1`, [userId])).rowCount).toBe(0);
});

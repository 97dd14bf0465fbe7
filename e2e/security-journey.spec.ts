import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, signUpForm, sql, uniqueEmail } from "./fixtures/app";
import {
  addVirtualAuthenticator,
  authenticator,
  confirmTotp,
  emailTo,
  enterCode,
  linkIn,
  passwordStep,
  registerPasskey,
  signInFails,
  signOut,
  startTotpSetup,
} from "./fixtures/security";

/**
 * Issue 14's "done means", in one go as a new user in Chromium: sign up → confirm the email from
 * the outbox → turn on TOTP (codes computed from the shown secret) → sign out → password + code →
 * a recovery code (then it is used up) → register a passkey on the virtual authenticator → sign out
 * → the passkey alone → a sensitive change re-authenticated with the passkey → forgot password →
 * reset from the outbox link → the old password, the other session and the remembered device no
 * longer work → deleting the account needs the password again, right then.
 */
const RESET_PASSWORD = "the journey's reset passphrase";

test("account security journey: verify, TOTP, recovery code, passkey, reset, delete", async ({ page, browser }) => {
  test.setTimeout(600_000);
  const email = uniqueEmail("journey");

  // Sign up, then confirm the address from the outbox.
  await signUpForm(page, email);
  const verify = await emailTo(email, /Confirm your email/);
  await page.goto(linkIn(verify.text, "/verify-email"));
  await expect(page.getByText("your email address is confirmed")).toBeVisible();
  await signIn(page, email);
  const { rows } = await sql().query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  const userId = rows[0]!.id;

  // Turn on TOTP from the shown secret; keep the ten recovery codes.
  const nextCode = authenticator(await startTotpSetup(page));
  const codes = await confirmTotp(page, await nextCode());

  // Sign out → password + code.
  await signOut(page);
  await passwordStep(page, email);
  await enterCode(page, await nextCode());
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });

  // A recovery code signs in once, then it is used up.
  await signOut(page);
  await passwordStep(page, email);
  await enterCode(page, codes[3]!);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await signOut(page);
  await passwordStep(page, email);
  await enterCode(page, codes[3]!);
  await expect(page.getByText("That code is not right, or it was used already.")).toBeVisible();
  // The right code, and this browser is remembered (listed in Settings, and forgotten by the reset below).
  await enterCode(page, await nextCode(), { remember: true });
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await page.goto("/settings/two-factor");
  await expect(page.getByTestId("remembered-device-row")).toHaveCount(1);
  await expect(page.getByTestId("remembered-device-row")).toContainText("Chrome on "); // the browser of this run, named like in the sessions list

  // Register a passkey, sign out, sign in with the passkey alone.
  await addVirtualAuthenticator(page);
  await registerPasskey(page, "Journey laptop");
  await signOut(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });

  // Past the 10-minute window, a sensitive change asks again; the passkey answers instead of the password.
  await sql().query(
    `UPDATE "UserSession" SET "reauthenticatedAt" = now() - interval '11 minutes' WHERE "userId" = $1`,
    [userId],
  );
  await page.goto("/settings/security");
  const newEmail = uniqueEmail("journey-moved");
  await page.getByLabel("New email address").fill(newEmail);
  await page.getByRole("button", { name: "Change email" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole("button", { name: "Use a passkey" }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText(`We sent a link to ${newEmail}`)).toBeVisible({ timeout: 30_000 });
  const reauths = await sql().query(
    `SELECT details FROM "AuditEvent" WHERE "actorId" = $1 AND action = 'auth.reauthenticated'`,
    [userId],
  );
  expect(reauths.rows.map((r) => r.details)).toContainEqual({ with: "passkey" });

  // Forgot password in a second browser (signed out); this browser stays signed in until the reset.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/forgot-password");
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByRole("button", { name: "Send the link" }).click();
  await expect(otherPage.getByText("If that email belongs to a Saldo account")).toBeVisible();
  const reset = await emailTo(email, /Reset your Saldo password/);
  await otherPage.goto(linkIn(reset.text, "/reset-password"));
  await otherPage.getByLabel("New password").fill(RESET_PASSWORD);
  await otherPage.getByRole("button", { name: "Set the new password" }).click();
  await expect(otherPage.getByText("every session was signed out")).toBeVisible({ timeout: 30_000 });
  await other.close();

  // The other session (this browser's) has ended; the old password is refused.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
  await signInFails(page, email, PASSWORD);
  // The new password works, and the remembered device no longer skips the code.
  await passwordStep(page, email, RESET_PASSWORD);
  await enterCode(page, await nextCode());
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await page.goto("/settings/two-factor");
  await expect(page.getByTestId("remembered-devices")).toHaveText("No device is remembered.");

  // Deleting the account needs the password again, right now: the old one is refused.
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

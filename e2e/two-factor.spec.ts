import { expect, test } from "@playwright/test";
import { PASSWORD, signUp, sql } from "./fixtures/app";
import { checkA11y } from "./fixtures/axe";
import {
  addVirtualAuthenticator,
  authenticator,
  confirmTotp,
  enterCode,
  passwordStep,
  registerPasskey,
  signOut,
  startTotpSetup,
} from "./fixtures/security";

/**
 * Issue 14, part B, as a new user in Chromium: turn on TOTP (codes computed from the shown secret
 * with the same library as the server), sign in with password + code, with a recovery code (then
 * it is used up), remember the device, register a passkey with Chromium's virtual authenticator
 * and sign in with the passkey alone.
 */
test("two-factor sign-in: TOTP, recovery code, remembered device, passkey alone", async ({ page }) => {
  test.setTimeout(240_000);
  const email = await signUp(page);
  const { rows } = await sql().query('SELECT id FROM "User" WHERE email = $1', [email]);
  const userId: string = rows[0].id;

  // Turn on TOTP: password → QR code and secret shown once → confirmed with a first code.
  await page.goto("/settings");
  await page.getByRole("link", { name: "Two-factor sign-in and passkeys" }).click();
  await expect(page.getByTestId("totp-status")).toContainText("Two-factor sign-in is off");
  const secret = await startTotpSetup(page);
  await checkA11y(page, "/settings/two-factor (QR code and secret)");
  const nextCode = authenticator(secret);
  await page.getByLabel("6-digit code from your app").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  const codes = await confirmTotp(page, await nextCode());
  await checkA11y(page, "/settings/two-factor (recovery codes)");
  // The secret is stored encrypted, never in clear.
  const stored = await sql().query('SELECT secret FROM "TotpFactor" WHERE "userId" = $1', [userId]);
  expect(stored.rows[0].secret).not.toContain(secret);

  // Sign out → password → a wrong code is refused → the right code signs in.
  await signOut(page);
  await passwordStep(page, email);
  await checkA11y(page, "/signin (second step)");
  await enterCode(page, "123456");
  await expect(page.getByText("That code is not right, or it was used already.")).toBeVisible();
  await enterCode(page, await nextCode());
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });

  // A recovery code works once…
  await signOut(page);
  await passwordStep(page, email);
  await enterCode(page, codes[0]!);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  // …and is refused the second time.
  await signOut(page);
  await passwordStep(page, email);
  await enterCode(page, codes[0]!);
  await expect(page.getByText("That code is not right, or it was used already.")).toBeVisible();
  const left = await sql().query(
    'SELECT count(*)::int AS n FROM "RecoveryCode" WHERE "userId" = $1 AND "usedAt" IS NULL',
    [userId],
  );
  expect(left.rows[0].n).toBe(9);

  // Remember this device: the next password sign-in skips the code.
  await enterCode(page, await nextCode(), { remember: true });
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  const cookies = await page.context().cookies();
  const remembered = cookies.find((c) => c.name === "saldo-trusted-device");
  expect(remembered?.httpOnly).toBe(true);
  await signOut(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 60_000 });

  // Register a passkey with Chromium's virtual authenticator.
  await addVirtualAuthenticator(page);
  await registerPasskey(page, "Test laptop");
  const passkeys = await sql().query('SELECT count(*)::int AS n FROM "Passkey" WHERE "userId" = $1', [userId]);
  expect(passkeys.rows[0].n).toBe(1);

  // Sign out, then sign in with the passkey alone (no email, no password).
  await signOut(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  const used = await sql().query('SELECT "lastUsedAt" FROM "Passkey" WHERE "userId" = $1', [userId]);
  expect(used.rows[0].lastUsedAt).not.toBeNull();
  const events = await sql().query(
    `SELECT action FROM "AuditEvent" WHERE "actorId" = $1 AND action LIKE 'auth.%' ORDER BY id`,
    [userId],
  );
  const actions = events.rows.map((r) => r.action);
  for (const a of [
    "auth.mfa_enabled",
    "auth.second_factor_failed",
    "auth.recovery_code_used",
    "auth.passkey_added",
    "auth.passkey_used",
  ])
    expect(actions).toContain(a);
});

import { expect, test, type Page } from "@playwright/test";
import { messages } from "../lib/i18n/messages";
import { checkA11y } from "./fixtures/axe";
import {
  PASSWORD,
  advanceSandboxClock,
  enDate,
  gotoUntil,
  linkBank,
  sandbox,
  shownIds,
  signUp,
  sql,
  uniqueEmail,
} from "./fixtures/app";

// The sandbox clock is shared by every test of the run and only moves forward, so each test
// links its own banks and works with dates relative to the day it linked them. Every test that
// moves the clock lives in this file, which runs alone after all the others (the "clock" project
// in playwright.config.ts): a jump of 80–91 days would otherwise expire the consent of a bank
// another test is in the middle of using.

const DAY = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const deDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

async function userIdOf(email: string) {
  const { rows } = await sql().query('SELECT id FROM "User" WHERE email = $1', [email]);
  return rows[0].id as string;
}

async function connectionsOf(userId: string) {
  const { rows } = await sql().query(
    'SELECT id, "bankName", "consentValidUntil", "consentSnoozedUntil", "syncFailCounter", status FROM "BankConnection" WHERE "userId" = $1 ORDER BY "createdAt"',
    [userId],
  );
  return rows.map((r) => ({ ...r, validUntil: ymd(r.consentValidUntil) })) as {
    id: string;
    bankName: string;
    validUntil: string;
    consentSnoozedUntil: Date | null;
    syncFailCounter: number;
    status: string;
  }[];
}

async function accountsOf(userId: string) {
  const { rows } = await sql().query('SELECT id, iban FROM "BankAccount" WHERE "userId" = $1 ORDER BY iban', [userId]);
  return rows as { id: string; iban: string }[];
}

/** A renewal's wizard session starts at the bank's login form (the bank is known). */
async function renewLogin(page: Page) {
  await expect(page).toHaveURL(/\/banks\/wizard\/.+returnTo=/);
  await page.locator("[name=USER_NAME]").fill("max");
  await page.locator("[name=USER_PIN]").fill("123456");
  await page.locator("[name=privacy_policy]").check();
  await page.locator(".xs2a-primary").click();
}

const banners = (page: Page) => page.getByTestId("consent-banner");

const advanceClock = advanceSandboxClock;

test.describe("consent lifecycle", () => {
  // The first sign-up on a freshly started server can take longer than signUp()'s 15 s on a busy
  // machine (cold server action and dashboard); do one here, with room, before the journeys.
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    await page.goto("/signup", { timeout: 90_000 });
    await page.getByLabel("Email").fill(uniqueEmail("warmup"));
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor({ timeout: 90_000 });
    await context.close();
  });

  test("banner 10 days before the end → renew moves the date → after expiry the bank is expired → renewing restores it", async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const email = await signUp(page);
    await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    const userId = await userIdOf(email);
    const [first] = await connectionsOf(userId);
    const accountsBefore = await accountsOf(userId);
    expect(accountsBefore.length).toBeGreaterThan(0);
    await expect(banners(page)).toHaveCount(0); // 90 days left: no banner

    await advanceClock(80);
    await page.goto("/dashboard");
    await expect(banners(page)).toHaveCount(1);
    await expect(banners(page)).toContainText(
      `Your consent for Testbank ends on ${enDate(first!.validUntil)}, in 10 days.`,
    );
    await expect(banners(page)).toHaveAttribute("data-step", "14");
    await checkA11y(page, "/dashboard (consent ends in 10 days)");
    // On every signed-in page, in German with German dates for a German user.
    await sql().query('UPDATE "User" SET locale = $2 WHERE id = $1', [userId, "de"]);
    await gotoUntil(page, "/settings", () =>
      expect(banners(page)).toContainText(
        `Deine Zustimmung für Testbank endet am ${deDate(first!.validUntil)}, in 10 Tagen.`,
        { timeout: 2_000 },
      ),
    );
    await sql().query('UPDATE "User" SET locale = NULL WHERE id = $1', [userId]);

    // Renew now (banner) → XS2A reset → the wizard → back with the new end date; the banner is gone.
    await gotoUntil(page, "/dashboard", () => expect(banners(page)).toContainText("Your consent", { timeout: 2_000 }));
    await banners(page).getByRole("button", { name: "Renew consent for Testbank now" }).click();
    await renewLogin(page);
    await expect(page).toHaveURL(/\/banks\/renew\?done=/, { timeout: 30_000 });
    const [renewed] = await connectionsOf(userId);
    expect(Date.parse(renewed!.validUntil) - Date.parse(first!.validUntil)).toBe(80 * DAY);
    await expect(page.getByText(`Testbank renewed. Consent valid until ${enDate(renewed!.validUntil)}.`)).toBeVisible();
    await expect(banners(page)).toHaveCount(0);
    await page.goto("/banks");
    await expect(page.getByTestId("bank-card")).toContainText(`Consent valid until ${enDate(renewed!.validUntil)}`);
    await expect(banners(page)).toHaveCount(0);
    // The dashboard, whose banners the web server may have cached before the renewal, shows it too.
    await page.goto("/dashboard");
    await expect(banners(page)).toHaveCount(0);
    // Same accounts (identity kept across the renewal), no duplicates.
    expect(await accountsOf(userId)).toEqual(accountsBefore);
    const { rows: audit } = await sql().query(
      'SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = $1 AND "targetId" = $2',
      ["bank.renewed", renewed!.id],
    );
    expect(audit[0].n).toBe(1);

    // One day past the new end: expired, explained, no way to snooze it away.
    await advanceClock(91);
    await page.goto("/banks");
    const card = page.getByTestId("bank-card");
    await expect(card).toContainText("Consent expired");
    await expect(card).toContainText("Your consent for this bank has ended. Renew it to get new transactions again.");
    // Syncing stops with an explanation instead of failing (a background try would be a counted failure).
    await expect(card).toContainText("Saldo does not try to sync");
    await expect(card.getByRole("button", { name: "Sync now" })).toHaveCount(0);
    const { rows: failed } = await sql().query(
      `SELECT count(*)::int AS n FROM "SyncRun" WHERE "connectionId" = $1 AND status = 'FAILED'`,
      [renewed!.id],
    );
    expect(failed[0].n).toBe(0);
    await expect(banners(page)).toHaveAttribute("data-step", "-1");
    await expect(banners(page)).toContainText(
      `Your consent for Testbank ended on ${enDate(renewed!.validUntil)}. Syncing has stopped; renew it to resume.`,
    );
    await expect(banners(page).getByRole("button", { name: /Remind me/ })).toHaveCount(0);
    await checkA11y(page, "/banks (consent expired)");

    // Renewing from the card restores everything.
    await card.getByRole("button", { name: "Renew consent for Testbank now" }).click();
    await renewLogin(page);
    await expect(page).toHaveURL(/\/banks\/renew\?done=/, { timeout: 30_000 });
    await expect(banners(page)).toHaveCount(0);
    await page.goto("/banks");
    await expect(card).toContainText("Up to date");
    const [restored] = await connectionsOf(userId);
    expect(restored!.status).toBe("ACTIVE");
    expect(restored!.syncFailCounter).toBe(0);
    expect(Date.parse(restored!.validUntil)).toBeGreaterThan(Date.parse(renewed!.validUntil));
    expect(await accountsOf(userId)).toEqual(accountsBefore);
  });

  test("snooze hides a banner for a day, never past the expiry day", async ({ page }) => {
    test.setTimeout(180_000);
    const email = await signUp(page);
    await linkBank(page, { bankCode: "88888888" });
    const userId = await userIdOf(email);
    await advanceClock(89); // ends tomorrow
    await page.goto("/dashboard");
    await expect(banners(page)).toHaveAttribute("data-step", "1");
    await banners(page).getByRole("button", { name: "Remind me about Testbank tomorrow" }).click();
    await expect(banners(page)).toHaveCount(0);
    const [c] = await connectionsOf(userId);
    const clock = (await sandbox("clock")) as { offsetDays: number };
    const snoozedFor = c!.consentSnoozedUntil!.getTime() - (Date.now() + clock.offsetDays * DAY);
    expect(snoozedFor).toBeGreaterThan(0);
    expect(snoozedFor).toBeLessThanOrEqual(DAY + 5_000);

    await advanceClock(1); // the expiry day: the snooze ran out
    await page.goto("/dashboard");
    await expect(banners(page)).toHaveAttribute("data-step", "0");
    await expect(banners(page)).toContainText("ends today");
  });

  test("Renew all walks through two banks with progress, and can be left and resumed", async ({ page }) => {
    test.setTimeout(300_000);
    const email = await signUp(page);
    await linkBank(page, { bankCode: "88888888" });
    await linkBank(page, { bankCode: "99990001" });
    const userId = await userIdOf(email);
    const accountsBefore = await accountsOf(userId);
    await advanceClock(85);

    await page.goto("/dashboard");
    await expect(banners(page)).toHaveCount(2);
    await page.getByRole("link", { name: "Renew all (2)" }).click();
    await expect(page).toHaveURL(/\/banks\/renew\?all=1/);
    await expect(page.getByTestId("renew-progress")).toHaveText("Bank 1 of 2");
    await expect(page.getByTestId("renew-step")).toContainText("Testbank");
    await page.getByRole("button", { name: "Renew Testbank" }).click();
    await renewLogin(page);

    // Back in the walk, not on /banks.
    await expect(page).toHaveURL(/\/banks\/renew\?all=1&done=/, { timeout: 30_000 });
    await expect(page.getByText(/Testbank renewed\. Consent valid until/)).toBeVisible();
    await expect(page.getByTestId("renew-progress")).toHaveText("Bank 2 of 2");
    await expect(page.getByTestId("renew-step")).toContainText("Sandbank Plus");

    // Leave; the banner now shows only the bank still due; "Renew all" resumes with it.
    await page.getByRole("link", { name: "Continue later" }).click();
    await expect(page).toHaveURL(/\/banks$/);
    await expect(banners(page)).toHaveCount(1);
    await expect(banners(page)).toContainText("Sandbank Plus");
    await page.goto("/banks/renew?all=1");
    await expect(page.getByTestId("renew-progress")).toHaveText("Bank 1 of 1");
    await page.getByRole("button", { name: "Renew Sandbank Plus" }).click();
    await renewLogin(page);
    await expect(page.getByRole("heading", { name: "Every consent is up to date" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Sandbank Plus renewed\. Consent valid until/)).toBeVisible();
    await expect(banners(page)).toHaveCount(0);
    expect(await accountsOf(userId)).toEqual(accountsBefore);
  });

  test("after advancing through every threshold with two workers running, the outbox holds exactly the expected emails", async ({
    page,
    browser,
  }) => {
    test.setTimeout(300_000);
    // A second user turned reminders off in Settings: they get none.
    const quietContext = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "en-GB" });
    const quietPage = await quietContext.newPage();
    const quietEmail = await signUp(quietPage);
    await linkBank(quietPage, { bankCode: "99990001" });
    await quietPage.goto("/settings");
    await quietPage.getByRole("checkbox", { name: /14, 7 and 1 day before/ }).uncheck();
    await expect(quietPage.getByText("Saved")).toBeVisible();
    await quietContext.close();

    const email = await signUp(page);
    await linkBank(page, { bankCode: "88888888" });
    const userId = await userIdOf(email);
    const [c] = await connectionsOf(userId);
    // In English: the user follows the browser (en-GB), and emails follow its language at sign-in.
    const date = enDate(c!.validUntil);
    const subject = messages("en").consent.email.subject;
    // The consent reminders among the user's emails (sign-up's confirmation and contract digests are others).
    const subjects = async () =>
      (
        await sql().query(
          `SELECT subject FROM "OutboxEmail" WHERE "userId" = $1 AND subject ~ 'consent' ORDER BY "createdAt"`,
          [userId],
        )
      ).rows.map((r) => r.subject as string);

    const steps: [number, string][] = [
      [76, subject("Testbank", date, 14)], // 14 days left
      [7, subject("Testbank", date, 7)], // 7
      [6, subject("Testbank", date, 1)], // 1
      [2, subject("Testbank", date, 0)], // expired yesterday
    ];
    const expected: string[] = [];
    for (const [days, subject] of steps) {
      await advanceClock(days);
      expected.push(subject);
      await expect.poll(subjects, { timeout: 30_000 }).toEqual(expected);
    }
    // Both workers keep running the job every few seconds: still exactly these four.
    await page.waitForTimeout(8_000);
    expect(await subjects()).toEqual(expected);
    const { rows: reminders } = await sql().query(
      'SELECT threshold FROM "ConsentReminder" WHERE "connectionId" = $1 ORDER BY "sentAt"',
      [c!.id],
    );
    expect(reminders.map((r) => r.threshold)).toEqual([14, 7, 1, 0]);
    const quietId = await userIdOf(quietEmail);
    expect(
      (
        await sql().query(
          `SELECT count(*)::int AS n FROM "OutboxEmail" WHERE "userId" = $1 AND subject ~ 'Zustimmung|consent'`,
          [quietId],
        )
      ).rows[0].n,
    ).toBe(0);

    // The outbox can be read in the app: only the viewer's own emails.
    await page.goto("/settings/outbox");
    await expect(page.getByTestId("outbox-email").filter({ hasText: "Your consent for Testbank" })).toHaveCount(4);
    await page.getByText(subject("Testbank", date, 0)).click();
    await expect(page.getByTestId("outbox-email").filter({ hasText: subject("Testbank", date, 0) })).toContainText(
      "/banks/renew?connection=",
    );
  });

  test("a user's category and note survive a re-sync (consent renewal re-imports the bank)", async ({ page }) => {
    test.setTimeout(180_000);
    const email = await signUp(page);
    await linkBank(page);
    const uid = await userIdOf(email);

    await page.goto("/transactions?q=miete");
    const row = page.getByTestId("transaction-row").first();
    const id = await row.getAttribute("data-id");
    await row.getByRole("button").first().click();
    await row.getByLabel("Your category").selectOption("K.4.1");
    await row.getByLabel("Note").fill("Half paid by Alex");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByText("Saved")).toBeVisible();
    await expect(row.getByTestId("tx-category")).toHaveText("Insurance");

    // 80 days on, the consent (90 days) ends soon: renew it through the wizard, which imports
    // the bank again with the rows we edited still in the bank's 90-day window.
    await advanceClock(80);
    await page.goto("/banks");
    await page
      .getByRole("button", { name: /Renew consent for Testbank/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/banks\/wizard\//);
    await page.locator("[name=USER_NAME]").fill("max");
    await page.locator("[name=USER_PIN]").fill("123456");
    await page.locator("[name=privacy_policy]").check();
    await page.locator(".xs2a-primary").click();
    await expect(page).toHaveURL(/\/banks\/renew|\/banks/, { timeout: 30_000 });
    // The renewal's import: its own run, or the daily run's run of this bank that the renewal took
    // over (it then carries the trigger RENEW). Only a daily run already running when the wizard
    // ended stays SCHEDULED: its import, finishing after the renewal, is the re-sync then.
    const renewedAt = (await sql().query("SELECT now() AS t")).rows[0].t as Date;
    await expect
      .poll(
        async () =>
          (
            await sql().query(
              `SELECT count(*)::int AS n FROM "SyncRun" WHERE "userId" = $1 AND status = 'SUCCEEDED'
                 AND (trigger = 'RENEW' OR (trigger = 'SCHEDULED' AND "finishedAt" > $2))`,
              [uid, renewedAt],
            )
          ).rows[0].n,
        // A daily run that asked XS2A to sync just before the renewal follows last_synced for up
        // to a minute (run-sync.ts: 60 polls a second apart) before it imports; seen once at 59 s.
        { timeout: 90_000 },
      )
      .toBeGreaterThanOrEqual(1);

    const { rows } = await sql().query(`SELECT "userCategory", note, "categoryId" FROM "Transaction" WHERE id = $1`, [
      id,
    ]);
    expect(rows[0]).toMatchObject({ userCategory: "K.4.1", note: "Half paid by Alex", categoryId: "K.1.1" });
    await page.goto("/transactions?q=miete");
    const again = page.locator(`[data-testid=transaction-row][data-id="${id}"]`);
    await expect(again.getByTestId("tx-category")).toHaveText("Insurance");
    await expect(again.getByTestId("tx-note")).toHaveText("“Half paid by Alex”");
    // …and the user's category counts on the dashboard and in the category filter.
    expect(await shownIds(page, "/transactions?category=K.4")).toContain(id);
  });
});

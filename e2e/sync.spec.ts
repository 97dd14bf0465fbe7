import { expect, test, type Locator, type Page } from "@playwright/test";
import { linkBank, sandbox, signUp, sql } from "./fixtures/app";

async function xs2aIdOf(card: Locator) {
  const heading = await card.locator("h2[id^=bank-]").getAttribute("id");
  const { rows } = await sql().query('SELECT "xs2aId" FROM "BankConnection" WHERE id = $1', [
    heading!.replace(/^bank-/, ""),
  ]);
  return rows[0].xs2aId as string;
}

/** The login form of a sync wizard (an existing connection starts there). */
async function loginInWizard(page: Page) {
  await expect(page).toHaveURL(/\/banks\/wizard\//);
  await page.locator("[name=USER_NAME]").fill("max");
  await page.locator("[name=USER_PIN]").fill("123456");
  await page.locator("[name=privacy_policy]").check();
  await page.locator(".xs2a-primary").click();
  await expect(page).toHaveURL(/\/banks(\?|$)/, { timeout: 30_000 });
}

async function openHistory(card: Locator) {
  const log = card.getByTestId("sync-log");
  if (!(await log.evaluate((d) => (d as HTMLDetailsElement).open))) await log.locator("summary").click();
  return log;
}

test.describe("sync", () => {
  test("sync now for full and shared banks shows the running state, the result and the log", async ({ page }) => {
    test.setTimeout(180_000);
    await signUp(page);
    const full = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    await expect(full.getByText(/Next automatic refresh/)).toBeVisible();
    await full.getByRole("button", { name: "Sync now" }).click();
    await expect(full.getByTestId("sync-message")).toContainText("Sync finished", { timeout: 60_000 });
    const log = await openHistory(full);
    await expect(log).toContainText("You synced");
    await expect(log).toContainText("Bank linked");

    const shared = await linkBank(page, { syncMode: "SHARED", bankCode: "99990001" });
    await shared.getByRole("button", { name: "Sync now" }).click();
    await expect(shared.getByTestId("sync-message")).toContainText("Sync finished", { timeout: 60_000 });
    await expect(await openHistory(shared)).toContainText("You synced");
    const { rows } = await sql().query(
      `SELECT count(*)::int AS n FROM "SyncRun" WHERE "connectionId" = $1 AND trigger = 'MANUAL' AND status = 'SUCCEEDED'`,
      [(await shared.locator("h2[id^=bank-]").getAttribute("id"))!.replace(/^bank-/, "")],
    );
    expect(rows[0].n).toBe(1);
  });

  test("a bank item Saldo cannot read is shown with the bank's text, and imports once the bank sends it readable", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signUp(page);
    const card = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    const connectionId = (await card.locator("h2[id^=bank-]").getAttribute("id"))!.replace(/^bank-/, "");
    const { rows } = await sql().query<{ xs2aId: string }>(
      `SELECT "xs2aId" FROM "BankAccount" WHERE "connectionId" = $1 AND type = 'GIRO'`,
      [connectionId],
    );
    const purpose = `Stadtwerke Abschlag ${connectionId.slice(-6)}`;
    const extra = (turnover: Record<string, unknown>, omit: string[] = []) =>
      sandbox(`accounts/${rows[0]!.xs2aId}/extra-turnovers`, { key: "e2e-late", turnover, omit });
    await extra({ amount: -42.5, purpose: [purpose], counter_iban: "DE89370400440532013000" }, ["booking_date"]);

    await card.getByRole("button", { name: "Sync now" }).click();
    await expect(card.getByTestId("sync-message")).toContainText("1 bank item could not be read", { timeout: 60_000 });
    const kept = card.getByTestId("sync-quarantine");
    await expect(kept).toContainText("1 bank item could not be read");
    await expect(kept.getByTestId("sync-quarantine-item")).toHaveCount(1);
    await expect(kept).toContainText(`no date · -42.5 EUR · Sandbox Test GmbH · „${purpose}“`);
    await expect(kept).toContainText("no valid booking date");
    await expect(kept).not.toContainText("DE89370400440532013000");
    await expect(await openHistory(card)).toContainText("1 bank item could not be read");

    const { today } = (await sandbox("clock")) as { today: string };
    await extra({ amount: -42.5, purpose: [purpose], counter_iban: "DE89370400440532013000", booking_date: today });
    await card.getByRole("button", { name: "Sync now" }).click();
    await expect(card.getByTestId("sync-message")).toContainText(/Sync finished: (.+, )?\d+ new/, { timeout: 60_000 });
    await expect(card.getByTestId("sync-message")).not.toContainText("could not be read");
    await expect(card.getByTestId("sync-quarantine")).toHaveCount(0);
    const stored = await sql().query(
      `SELECT amount::text AS amount FROM "Transaction" t JOIN "BankAccount" a ON a.id = t."accountId"
       WHERE a."connectionId" = $1 AND t.purpose = $2`,
      [connectionId, purpose],
    );
    expect(stored.rows).toEqual([{ amount: "-42.50" }]);
    const q = await sql().query(`SELECT status FROM "QuarantinedTurnover" WHERE "connectionId" = $1`, [connectionId]);
    expect(q.rows).toEqual([{ status: "RESOLVED" }]);
  });

  test("a none bank syncs through the bank login wizard", async ({ page }) => {
    test.setTimeout(120_000);
    await signUp(page);
    const none = await linkBank(page, { syncMode: "NONE", bankCode: "99990002" });
    await expect(none.getByText(/No automatic refresh/)).toBeVisible();
    await none.getByRole("button", { name: "Sync with bank login" }).click();
    await loginInWizard(page);
    const card = page.getByTestId("bank-card").first();
    await expect(await openHistory(card)).toContainText("You synced");
  });

  test("a full bank that fell back is explained and cleared by a manual sync", async ({ page }) => {
    test.setTimeout(120_000);
    await signUp(page);
    const card = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    await sandbox(`connections/${await xs2aIdOf(card)}/fall-back`, {});
    // Saldo learns of it at its next look at XS2A: the sync now answers "needs your login".
    await card.getByRole("button", { name: "Sync now" }).click();
    await expect(card.getByTestId("sync-message")).toContainText("needs your login", { timeout: 60_000 });
    await expect(card.getByTestId("sync-fell-back")).toBeVisible();
    await card.getByRole("button", { name: "Sync with bank login" }).click();
    await loginInWizard(page);
    const after = page.getByTestId("bank-card").first();
    await expect(after.getByTestId("sync-fell-back")).toHaveCount(0);
    await expect(after.getByTestId("sync-recovered")).toBeVisible();
    await expect(after.getByRole("button", { name: "Sync now" })).toBeVisible();
  });

  test("three failed syncs show the disabled bank and re-linking keeps its accounts", async ({ page }) => {
    test.setTimeout(180_000);
    await signUp(page);
    const card = await linkBank(page, { syncMode: "SHARED", bankCode: "88888888" });
    const accountsBefore = await card.locator("ul.divide-y > li").count();
    await sandbox(`connections/${await xs2aIdOf(card)}/fail-next-sync`, { count: 3 });
    for (let i = 0; i < 3; i++) {
      await card.getByRole("button", { name: "Sync now" }).click();
      await expect(card.getByTestId("sync-message")).toContainText("Sync did not complete", { timeout: 60_000 });
      await page.reload();
    }
    const disabled = page.getByTestId("bank-card").first();
    await expect(disabled.getByRole("button", { name: "Re-link bank" })).toBeVisible();
    await expect(disabled).toContainText("3");
    await expect(await openHistory(disabled)).toContainText("disabled after 3 failed syncs");

    await disabled.getByRole("button", { name: "Re-link bank" }).click();
    await expect(page).toHaveURL(/\/banks\/wizard\//);
    const bankCode = page.locator("#xs2a-bank-bank_code");
    if (await bankCode.isVisible().catch(() => false)) {
      await bankCode.fill("88888888");
      await page.locator(".xs2a-primary").click();
    }
    await loginInWizard(page);
    const relinked = page.getByTestId("bank-card");
    await expect(relinked).toHaveCount(1);
    await expect(relinked.getByRole("button", { name: "Sync now" })).toBeVisible();
    await expect(relinked.locator("ul.divide-y > li")).toHaveCount(accountsBefore);
    await expect(await openHistory(relinked)).toContainText("disabled after 3 failed syncs");
  });
});

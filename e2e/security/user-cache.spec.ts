import { expect, test } from "@playwright/test";
import { linkBank, sandbox, signUp, sql, syncNow } from "../fixtures/app";

// The web server keeps each user's page data in memory between their syncs and edits
// (lib/cache/user-cache.ts). These journeys prove a cached page never shows yesterday's data after a
// sync (written by a worker process), an edit of the user's own (a server action) or a bank rename,
// and that one user's cached data never reaches another user.

test.describe("cached pages", () => {
  test("show a sync's new turnover, a category set by hand and a renamed bank at once, and never another user's data", async ({
    page,
    browser,
  }) => {
    test.setTimeout(300_000);
    const emailA = await signUp(page);
    const card = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    const connectionId = (await card.locator("h2[id^=bank-]").getAttribute("id"))!.replace(/^bank-/, "");
    const { rows } = await sql().query<{ xs2aId: string }>(
      `SELECT "xs2aId" FROM "BankAccount" WHERE "connectionId" = $1 AND type = 'GIRO'`,
      [connectionId],
    );
    const shop = `Cachecheck ${connectionId.slice(-6)}`;

    // The dashboard twice: the second comes from the cache.
    await page.goto("/dashboard");
    await page.goto("/dashboard");
    await expect(page.getByText(shop)).toHaveCount(0);

    // A sync (a worker process writes): the new turnover is on the dashboard right after it.
    await sandbox(`accounts/${rows[0]!.xs2aId}/extra-turnovers`, {
      key: `cache-${connectionId}`,
      turnover: { amount: -12.34, counter_holder: shop, purpose: ["Cache check"] },
    });
    await syncNow(page);
    await page.goto("/dashboard");
    const row = page.locator("li", { hasText: shop });
    await expect(row).toHaveCount(1);
    await expect(row).not.toContainText("Leisure");

    // A category set by hand (a server action): the dashboard names it at once.
    await page.goto(`/transactions?q=${encodeURIComponent(shop)}`);
    const tx = page.getByTestId("transaction-row");
    await expect(tx).toHaveCount(1);
    await tx.getByRole("button").first().click();
    await tx.getByLabel("Your category").selectOption("K.5");
    await tx.getByRole("button", { name: "Save" }).click();
    await expect(tx.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await page.goto("/dashboard");
    await expect(page.locator("li", { hasText: shop })).toContainText("Leisure");

    // A bank renamed by hand: the dashboard and the accounts page show the new name.
    await page.goto("/banks");
    await page.getByRole("button", { name: "Rename", exact: true }).first().click();
    const name = `Haushalt ${connectionId.slice(-4)}`;
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("bank-card").first()).toContainText(name);
    await page.goto("/dashboard");
    await expect(page.getByRole("main")).toContainText(name);
    await page.goto("/accounts");
    await expect(page.getByRole("main")).toContainText(name);

    // Another user, with the same bank, on the same server right after: their own data only.
    const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const pageB = await other.newPage();
    const emailB = await signUp(pageB);
    await linkBank(pageB, { syncMode: "FULL", bankCode: "88888888" });
    for (const path of ["/dashboard", "/dashboard", "/accounts", "/banks"]) {
      await pageB.goto(path);
      await expect(pageB.getByTitle(emailB).first()).toBeAttached();
      await expect(pageB.getByText(emailA)).toHaveCount(0);
      await expect(pageB.getByText(shop)).toHaveCount(0);
      await expect(pageB.getByText(name)).toHaveCount(0);
    }
    await pageB.goto(`/transactions?q=${encodeURIComponent(shop)}`);
    await expect(pageB.getByTestId("transaction-row")).toHaveCount(0);
    // And A still sees A's.
    await page.goto("/dashboard");
    await expect(page.locator("li", { hasText: shop })).toHaveCount(1);
    await expect(page.getByText(emailB)).toHaveCount(0);
    await other.close();
  });
});

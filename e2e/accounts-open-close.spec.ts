import { expect, test, type Locator, type Page } from "@playwright/test";
import { formatMoney } from "../lib/i18n/format";
import { messages } from "../lib/i18n/messages";
import { gotoUntil, linkBank, sandbox, signUp, sql } from "./fixtures/app";

// Issue 18: an account opened at a linked bank appears at the next sync; one the bank closed (no
// longer returned by XS2A) is marked as closed and no longer counted in the totals.
const m = messages("en");
const de = messages("de");
/** The fixed words before a message's first parameter. */
const lead = (text: string) => text.slice(0, text.indexOf("§"));

async function syncNow(page: Page, card: Locator) {
  await page.goto("/banks");
  await card.getByRole("button", { name: m.sync.syncNow }).click();
  await expect(card.getByTestId("sync-message")).toContainText(lead(m.sync.done("§")), { timeout: 60_000 });
}

const row = (page: Page, name: string) => page.getByRole("link").filter({ hasText: name });

test.describe("accounts opened and closed at a linked bank", () => {
  test("a new account appears at the next sync; a closed one is marked closed and leaves the totals", async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const email = await signUp(page);
    const card = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    const { rows: users } = await sql().query('SELECT id FROM "User" WHERE email = $1', [email]);
    const userId = users[0].id as string;
    const { rows: conns } = await sql().query('SELECT "xs2aId" FROM "BankConnection" WHERE "userId" = $1', [userId]);

    await page.goto("/accounts");
    await expect(row(page, "Girokonto")).toBeVisible();
    await expect(page.getByTestId("accounts-total")).toContainText(m.dashboard.bookedHint(2));

    // The bank opens a savings account for this login: not at XS2A before the next sync.
    const opened = (await sandbox(`connections/${conns[0].xs2aId}/accounts`, {
      type: "savings",
      description: "Urlaubskasse",
    })) as { id: string };
    await page.reload();
    await expect(row(page, "Urlaubskasse")).toHaveCount(0);
    await syncNow(page, card);
    await page.goto("/accounts");
    await expect(row(page, "Urlaubskasse")).toBeVisible();
    await expect(row(page, "Urlaubskasse")).toContainText(m.accounts.types.SAVINGS);
    await expect(page.getByTestId("accounts-total")).toContainText(m.dashboard.bookedHint(3));
    const { rows: created } = await sql().query('SELECT id FROM "BankAccount" WHERE "userId" = $1 AND "xs2aId" = $2', [
      userId,
      opened.id,
    ]);
    expect(created).toHaveLength(1);

    // The bank closes the current account: after the next sync it is shown as closed, its history
    // kept, and its last balance no longer counted.
    const { rows: giro } = await sql().query(
      `SELECT "xs2aId" FROM "BankAccount" WHERE "userId" = $1 AND description = 'Girokonto'`,
      [userId],
    );
    await sandbox(`accounts/${giro[0].xs2aId}/close`, {});
    await syncNow(page, card);
    await page.goto("/accounts");
    await expect(row(page, "Girokonto")).toContainText(m.accounts.closed);
    await expect(row(page, "Urlaubskasse")).not.toContainText(m.accounts.closed);
    await expect(row(page, "Tagesgeldkonto")).not.toContainText(m.accounts.closed);
    await expect(page.getByTestId("accounts-total")).toContainText(m.dashboard.bookedHint(2));
    const { rows: open } = await sql().query(
      `SELECT coalesce(sum(balance), 0)::text AS sum FROM "BankAccount" WHERE "userId" = $1 AND "closedAt" IS NULL`,
      [userId],
    );
    await expect(page.getByTestId("accounts-total")).toContainText(formatMoney(open[0].sum, "EUR", "en"));
    await row(page, "Girokonto").click();
    await expect(page.getByText(m.accounts.closedHint)).toBeVisible();
    await page.goto("/banks");
    await expect(card).toContainText(m.banks.closed);

    // The same in German.
    await sql().query(`UPDATE "User" SET locale = 'de' WHERE id = $1`, [userId]);
    await gotoUntil(page, "/accounts", () =>
      expect(row(page, "Girokonto")).toContainText(de.accounts.closed, { timeout: 2_000 }),
    );
    await expect(page.getByTestId("accounts-total")).toContainText(de.dashboard.bookedHint(2));
  });
});

import { expect, test } from "@playwright/test";
import { messages } from "../lib/i18n/messages";
import { linkBank, signUp } from "./fixtures/app";

// Issue 18, "Telling things apart" and "Texts and formats", in a real browser (English UI).
const m = messages("en");

test.describe("telling bank logins apart", () => {
  test("two Testbank logins read apart, one gets its own name; the accounts page totals; '3,40' finds the coffees", async ({
    page,
  }) => {
    // Two links, a rename and three searches; generous for a busy 2-core machine.
    test.setTimeout(360_000);
    await signUp(page);
    await linkBank(page, { bankCode: "88888888", userName: "anna" });
    await linkBank(page, { bankCode: "88888888", userName: "ben" });

    const headings = page.getByTestId("bank-card").getByRole("heading", { level: 2 });
    await expect(headings).toHaveCount(2);
    const names = await headings.allTextContents();
    for (const n of names) expect(n).toMatch(/^Testbank · Girokonto ••\d{4}$/);
    expect(names[0]).not.toBe(names[1]);

    // Rename the first login: the name shows on its card, on the accounts page and in the filters.
    const first = page.getByTestId("bank-card").first();
    await first.getByRole("button", { name: m.bankNames.rename }).click();
    const dialog = page.getByRole("dialog", { name: m.bankNames.renameTitle(names[0]!) });
    await expect(dialog.getByText(m.bankNames.nameHint(names[0]!))).toBeVisible();
    await dialog.getByLabel(m.bankNames.nameLabel).fill("Haushalt");
    await dialog.getByRole("button", { name: m.bankNames.save }).click();
    await expect(headings.first()).toHaveText("Haushalt");
    await expect(headings.nth(1)).toHaveText(names[1]!);

    await page.goto("/accounts");
    await expect(page.getByText("Haushalt", { exact: true })).toBeVisible();
    await expect(page.getByText(names[1]!, { exact: true })).toBeVisible();
    // The total per currency: both logins' giro and savings.
    const total = page.getByTestId("accounts-total");
    await expect(total).toHaveCount(1);
    await expect(total).toContainText(m.dashboard.totalBalance);
    await expect(total).toContainText(m.dashboard.bookedHint(4));
    await expect(total).toContainText(/€[\d,]+\.\d\d/);

    // Amount search, written either way: the two identical coffees (−3.40) of each login.
    for (const q of ["3,40", "3.40", "-3,40"]) {
      await page.goto(`/transactions?q=${encodeURIComponent(q)}`);
      const rows = page.getByTestId("transaction-row");
      await expect(rows.first()).toBeVisible({ timeout: 30_000 });
      await expect(rows.filter({ hasText: "Balzac" }).nth(3)).toBeVisible();
      // English dates spell the month.
      await expect(rows.first().getByTestId("tx-date")).toHaveText(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/);
    }
  });
});

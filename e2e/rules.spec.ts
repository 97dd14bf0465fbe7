import { expect, test } from "@playwright/test";
import { messages } from "../lib/i18n/messages";
import { linkBank, sandbox, signUp, sql, syncNow } from "./fixtures/app";

const en = messages("en");

test.describe("rules and own categories", () => {
  test("category with parent, rule from a transaction, preview, apply, the next sync, and the user's own choice wins", async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await signUp(page);
    const card = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    const connectionId = (await card.locator("h2[id^=bank-]").getAttribute("id"))!.replace(/^bank-/, "");
    const { rows } = await sql().query<{ xs2aId: string }>(
      `SELECT "xs2aId" FROM "BankAccount" WHERE "connectionId" = $1 AND type = 'GIRO'`,
      [connectionId],
    );
    const shop = `Marktkauf ${connectionId.slice(-6)}`;
    const extra = (key: string, amount: number) =>
      sandbox(`accounts/${rows[0]!.xs2aId}/extra-turnovers`, {
        key,
        turnover: { amount, counter_holder: shop, purpose: [`Einkauf ${key}`] },
      });
    await extra("e2e-rule-1", -23.45);
    await syncNow(page);

    // A category with a parent.
    await page.goto("/categories");
    const form = page.getByRole("form", { name: "New category" });
    await form.getByLabel("Name").fill("Groceries");
    await form.getByRole("button", { name: "Add category" }).click();
    await expect(page.getByTestId("categories-status")).toHaveText("Category added.");
    await form.getByLabel("Name").fill("Supermarket");
    await form.getByLabel("Main category").selectOption({ label: "Groceries" });
    await form.getByRole("button", { name: "Add category" }).click();
    await expect(page.getByTestId("category-row").filter({ hasText: "Groceries → Supermarket" })).toBeVisible();

    // A rule from the transaction's details.
    await page.goto(`/transactions?q=${encodeURIComponent(shop)}`);
    await expect(page.getByTestId("transaction-row")).toHaveCount(1);
    await page.getByTestId("transaction-row").getByRole("button").first().click();
    await page.getByRole("link", { name: "Create a rule from this transaction" }).click();
    await expect(page).toHaveURL(/\/rules\?from=\d+/);
    const ruleForm = page.getByRole("form", { name: "New rule" });
    await expect(ruleForm.getByLabel("Counterparty contains")).toHaveValue(shop);
    await ruleForm.getByLabel("Set category").selectOption({ label: "Groceries → Supermarket" });
    // Before saving, the form counts what the rule would change and lists it, as the fields change.
    const draft = ruleForm.getByTestId("draft-count");
    await expect(draft).toHaveText(en.rules.previewCount(1));
    await expect(ruleForm.getByTestId("draft-preview")).toContainText(shop);
    await ruleForm.getByLabel("Amount from").fill("100");
    await expect(draft).toHaveText(en.rules.previewCount(0));
    await ruleForm.getByLabel("Amount from").fill("");
    await expect(draft).toHaveText(en.rules.previewCount(1));
    await expect(page.getByTestId("rule-row")).toHaveCount(0);
    await ruleForm.getByLabel("Add tags").fill("weekly");
    await ruleForm.getByRole("button", { name: "Save rule" }).click();

    // The preview counts what applying would change; applying changes it.
    const preview = page.getByTestId("rule-preview");
    await expect(preview.getByTestId("rule-preview-count")).toHaveText("1 existing transaction would change.");
    await expect(preview).toContainText(shop);
    await preview.getByRole("button", { name: "Apply to 1 transaction" }).click();
    await expect(preview.getByTestId("rule-preview-count")).toHaveText(
      "Applied: 1 transaction changed. No existing transaction would change.",
    );
    await page.goto(`/transactions?q=${encodeURIComponent(shop)}`);
    await expect(page.getByTestId("tx-category")).toHaveText("Groceries → Supermarket");
    // Filtering by the parent category finds its sub-category's transactions.
    const parent = await page.locator("#tx-category option", { hasText: /^Groceries$/ }).getAttribute("value");
    await page.goto(`/transactions?q=${encodeURIComponent(shop)}&category=${encodeURIComponent(parent!)}`);
    await expect(page.getByTestId("transaction-row")).toHaveCount(1);
    // The dashboard's spending by category names it, in its colour.
    await page.goto("/dashboard");
    const byCategory = page.getByRole("table", { name: en.dashboard.byCategory });
    // The table sits behind its disclosure (hidden until opened): found by its caption.
    await page
      .locator("details", { has: page.locator("caption", { hasText: en.dashboard.byCategory }) })
      .first()
      .getByText(en.dashboard.showTable)
      .click();
    await expect(byCategory.getByRole("row").filter({ hasText: "Groceries → Supermarket" })).toHaveCount(1);
    await expect(byCategory.locator("[data-color]").filter({ hasText: "Groceries → Supermarket" })).toHaveCount(1);

    // The next sync brings a new turnover of the shop: the rule categorises it at import.
    await extra("e2e-rule-2", -7.1);
    await syncNow(page);
    await page.goto(`/transactions?q=${encodeURIComponent(shop)}`);
    await expect(page.getByTestId("transaction-row")).toHaveCount(2);
    await expect(page.getByTestId("tx-category")).toHaveText(["Groceries → Supermarket", "Groceries → Supermarket"]);
    // The tag filter finds both (the rule's tag).
    await page.goto(`/transactions?q=${encodeURIComponent(shop)}&tag=weekly`);
    await expect(page.getByTestId("transaction-row")).toHaveCount(2);

    // The user's own choice on one of them wins over the rule, on apply and on every sync.
    const row = page.getByTestId("transaction-row").filter({ hasText: "7.10" });
    await row.getByRole("button").first().click();
    await row.getByLabel("Your category").selectOption("K.5");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await page.goto("/rules");
    await page.getByRole("button", { name: /^Preview/ }).click();
    await expect(page.getByTestId("rule-preview-count")).toHaveText("No existing transaction would change.");
    // The next sync reads the same turnover again (a bank without transaction ids names a turnover
    // by its content, so it is sent unchanged): the rule does not take the user's choice back.
    await syncNow(page);
    await page.goto(`/transactions?q=${encodeURIComponent(shop)}`);
    await expect(page.getByTestId("transaction-row").filter({ hasText: "7.10" }).getByTestId("tx-category")).toHaveText(
      "Leisure",
    );
    await expect(
      page.getByTestId("transaction-row").filter({ hasText: "23.45" }).getByTestId("tx-category"),
    ).toHaveText("Groceries → Supermarket");
  });
});

import { expect, test } from "@playwright/test";
import { messages } from "../lib/i18n/messages";
import { checkA11y } from "./fixtures/axe";
import { advanceSandboxClock, linkBank, sandbox, signUp, sql, syncNow } from "./fixtures/app";

// Moves the shared sandbox clock, so it runs in the "clock" project (playwright.config.ts), alone
// after the other specs. Works with dates relative to the sandbox's day, whatever it is by now.

const en = messages("en");

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

test("budget on an own parent category: the next day's spending syncs in and brings the 80 % alert, in the app and by email", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const email = await signUp(page);
  const card = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
  const connectionId = (await card.locator("h2[id^=bank-]").getAttribute("id"))!.replace(/^bank-/, "");
  const { rows: users } = await sql().query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  const userId = users[0]!.id;
  const { rows: giro } = await sql().query<{ xs2aId: string }>(
    `SELECT "xs2aId" FROM "BankAccount" WHERE "connectionId" = $1 AND type = 'GIRO'`,
    [connectionId],
  );
  const suffix = connectionId.slice(-6);
  const shop = `Gartencenter ${suffix}`;
  const parent = `Home ${suffix}`;

  // Home → Garden, and a rule sending the shop's payments to Garden.
  await page.goto("/categories");
  const form = page.getByRole("form", { name: en.ownCategories.newCategory });
  await form.getByLabel(en.ownCategories.name, { exact: true }).fill(parent);
  await form.getByRole("button", { name: en.ownCategories.create }).click();
  await expect(page.getByTestId("categories-status")).toHaveText(en.ownCategories.created);
  await form.getByLabel(en.ownCategories.name, { exact: true }).fill("Garden");
  await form.getByLabel(en.ownCategories.parent).selectOption({ label: parent });
  await form.getByRole("button", { name: en.ownCategories.create }).click();
  await expect(page.getByTestId("category-row").filter({ hasText: `${parent} → Garden` })).toBeVisible();

  await page.goto("/rules");
  const ruleForm = page.getByRole("form", { name: en.rules.newRule });
  await ruleForm.getByLabel(en.rules.name, { exact: true }).fill("Garden centre");
  await ruleForm.getByLabel(en.rules.counterparty).fill(shop);
  await ruleForm.getByLabel(en.rules.setCategory).selectOption({ label: `${parent} → Garden` });
  await ruleForm.getByRole("button", { name: en.rules.save }).click();
  await expect(page.getByTestId("rule-row")).toHaveCount(1);

  // A budget of €100 on the parent, with email alerts; nothing spent in it yet.
  await page.goto("/budgets");
  await page.getByLabel(en.budgets.category).selectOption({ label: parent });
  await page.getByLabel(en.budgets.amount).fill("100");
  await page.getByLabel(en.budgets.emailAlerts).check();
  await page.getByRole("button", { name: en.budgets.create }).click();
  await expect(page.getByRole("status").filter({ hasText: en.budgets.created })).toBeVisible();
  const budget = page.getByTestId("budget").filter({ hasText: parent });
  await expect(budget).toHaveAttribute("data-percent", "0");
  await expect(page.getByTestId("budget-alerts")).toHaveCount(0);

  // The bank books €85 at the shop tomorrow; the clock moves on and the next sync brings it in.
  const { today } = (await sandbox("clock")) as { today: string };
  const tomorrow = nextDay(today);
  await sandbox(`accounts/${giro[0]!.xs2aId}/extra-turnovers`, {
    key: `garden-${suffix}`,
    turnover: {
      amount: -85,
      counter_holder: shop,
      purpose: ["Pflanzen"],
      booking_date: tomorrow,
      category_id: "K.10.1",
    },
  });
  await advanceSandboxClock(1);
  await syncNow(page);

  // 85 % of the budget: the alert on /budgets and on the dashboard's card.
  await page.goto("/budgets");
  await expect(budget).toHaveAttribute("data-percent", "85");
  await expect(page.getByTestId("budget-alerts")).toHaveText(en.budgets.alert80(parent));
  await checkA11y(page, "/budgets with an 80 % alert");
  await page.goto("/dashboard");
  await expect(page.getByTestId("budgets-card").getByTestId("budget-alerts")).toHaveText(en.budgets.alert80(parent));

  // One email through the outbox, for the 80 % threshold only.
  const { rows: mails } = await sql().query<{ subject: string }>(
    `SELECT subject FROM "OutboxEmail" WHERE "userId" = $1 AND subject ~ 'budget' ORDER BY "createdAt"`,
    [userId],
  );
  expect(mails.map((m) => m.subject)).toEqual([en.budgets.email.subject(parent, 80)]);
});

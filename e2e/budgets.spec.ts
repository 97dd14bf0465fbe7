import { expect, test } from "@playwright/test";
import { checkA11y } from "./fixtures/axe";
import { linkBank, sandbox, signUp, sql } from "./fixtures/app";

test("budgets: set a budget → progress → unpair and pair an own transfer → net worth chart and table", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const email = await signUp(page);
  await linkBank(page);
  const { rows } = await sql().query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  const userId = rows[0]!.id;

  // A budget for groceries, with the keyboard.
  await page.goto("/budgets");
  await expect(page.getByRole("heading", { name: "Budgets", level: 1 })).toBeVisible();
  await page.getByLabel("Category").selectOption("K.2.1");
  await page.getByLabel("Monthly amount").fill("1.000,00");
  await page.getByLabel("Monthly amount").press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Budget saved." })).toBeVisible();
  const budget = page.getByTestId("budget").filter({ hasText: "Groceries" });
  await expect(budget).toBeVisible();
  await expect(budget.getByRole("progressbar", { name: "Budget Groceries" })).toBeVisible();
  // Spent as the dashboard's monthly sums say (groceries this month, no own transfers).
  const { today } = (await sandbox("clock")) as { today: string };
  const { rows: sums } = await sql().query<{ cents: string }>(
    `SELECT (coalesce(-sum(spending), 0) * 100)::bigint::text AS cents FROM "TransactionMonthly"
     WHERE "userId" = $1 AND (category = 'K.2.1' OR category LIKE 'K.2.1.%') AND month = date_trunc('month', $2::date)::date`,
    [userId, today],
  );
  await expect(budget).toHaveAttribute("data-percent", String(Math.floor(Number(sums[0]!.cents) / 1000)));
  await expect(budget.getByTestId("budget-spent")).toContainText("of €1,000.00 spent");
  await checkA11y(page, "/budgets with a budget");

  // The dashboard's card shows it too.
  await page.goto("/dashboard");
  await expect(page.getByTestId("budgets-card").getByText("Groceries")).toBeVisible();

  // The sandbox's transfers between the giro and the savings account were paired after the import.
  await expect
    .poll(async () => {
      const r = await sql().query(
        `SELECT count(*)::int AS n FROM "Transaction" WHERE "userId" = $1 AND "transferPeerId" IS NOT NULL`,
        [userId],
      );
      return r.rows[0].n as number;
    })
    .toBeGreaterThan(0);
  await page.goto("/transactions");
  const firstPaired = page.locator('[data-testid=transaction-row][data-transfer="paired"]').first();
  await expect(firstPaired).toBeVisible();
  const id = (await firstPaired.getAttribute("data-id"))!;
  // By id: after unpairing, the row loses its data-transfer mark.
  const row = page.locator(`[data-testid=transaction-row][data-id="${id}"]`);
  const { rows: peers } = await sql().query<{ peer: string }>(
    `SELECT "transferPeerId"::text AS peer FROM "Transaction" WHERE id = $1`,
    [id],
  );
  const peer = peers[0]!.peer;
  // One entry per transfer: the other side is not a row of its own.
  await expect(page.locator(`[data-testid=transaction-row][data-id="${peer}"]`)).toHaveCount(0);
  await expect(row.getByTestId("tx-title")).toContainText(/^Transfer (to|from) /);

  await row.getByRole("button").first().click();
  await row.getByRole("button", { name: "Not a transfer: unpair" }).click();
  await expect(row.getByText("Unpaired. It will not be paired again.")).toBeVisible();
  await expect
    .poll(
      async () =>
        (await sql().query(`SELECT "transferPeerId" FROM "Transaction" WHERE id = $1`, [id])).rows[0].transferPeerId,
    )
    .toBeNull();
  expect(
    (await sql().query(`SELECT count(*)::int AS n FROM "TransferRejection" WHERE "outId" = $1 OR "inId" = $1`, [id]))
      .rows[0].n,
  ).toBe(1);

  // Pair it again by hand.
  await row.getByRole("button", { name: "Pair with the other side" }).click();
  const candidates = row.getByRole("list", { name: "Possible other sides" });
  await candidates.getByRole("button").first().click();
  await expect(row.getByText("Paired.", { exact: true })).toBeVisible();
  await expect
    .poll(
      async () =>
        (await sql().query(`SELECT "transferPeerId"::text AS p FROM "Transaction" WHERE id = $1`, [id])).rows[0].p,
    )
    .toBe(peer);

  // Net worth over 12 months: the chart and its table of month ends.
  await page.goto("/dashboard");
  const netWorth = page.getByTestId("net-worth");
  await expect(netWorth.locator("figure")).toBeVisible();
  await netWorth.getByText("Show as table").click();
  const table = netWorth.getByRole("table", { name: /Net worth in EUR at each month's end/ });
  await expect(table).toBeVisible();
  expect(await table.locator("tbody tr").count()).toBeGreaterThanOrEqual(2);
  await checkA11y(page, "/dashboard with net worth table");
});

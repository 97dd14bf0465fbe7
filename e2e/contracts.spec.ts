import { expect, test, type Page } from "@playwright/test";
import { buildContext } from "../lib/xs2a-sandbox/generator/context";
import { contractPlan, previousBusinessDay } from "../lib/xs2a-sandbox/generator/contracts";
import { addDays, daysBetween } from "../lib/xs2a-sandbox/time";
import { checkA11y } from "./fixtures/axe";
import { advanceSandboxClock, enDate, linkBank, sandbox, signUp, sql, syncNow } from "./fixtures/app";

// Moves the sandbox clock: runs in the "clock" project, after every other spec and alone.

const contract = (page: Page, name: string) =>
  page.getByTestId("contract").filter({ has: page.getByRole("heading", { name: new RegExp(`^${name}`) }) });

async function sandboxToday() {
  return ((await sandbox("clock")) as { today: string }).today;
}

/** Sync now on the bank card, then wait until detection has run on the new data (the alert shows). */
async function syncAndExpectAlert(page: Page, text: string | RegExp) {
  await syncNow(page);
  await expect
    .poll(
      async () => {
        await page.goto("/contracts");
        // Read without waiting: until detection has run on the new data the page may show no
        // alert list at all, and textContent() would wait for one forever instead of reloading.
        return (await page.getByTestId("contract-alerts").allTextContents()).join(" ");
      },
      { timeout: 60_000 },
    )
    .toMatch(text);
}

test.describe("contracts", () => {
  test("found from the linked bank → decisions → price increase and late salary alerts → forecast", async ({
    page,
  }) => {
    test.setTimeout(600_000);
    const email = await signUp(page);
    const linkedOn = await sandboxToday();
    await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    const { rows } = await sql().query('SELECT id FROM "User" WHERE email = $1', [email]);
    const userId = rows[0].id as string;

    // What the generator planned for this login (the test knows the truth; the app does not).
    const ctx = buildContext({
      bankCode: "88888888",
      login: "max",
      index: 0,
      linkedOn,
      windowStart: addDays(linkedOn, -364),
      volume: null,
    });
    const plan = contractPlan(ctx);

    // Detection runs after the import: the page fills in.
    await expect
      .poll(
        async () => {
          await page.goto("/contracts");
          return page.getByTestId("contract").count();
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThan(5);
    const expected: [string, string][] = [
      [ctx.landlord, "monthly"],
      [ctx.employer, "monthly"],
      ["Telekom Deutschland GmbH", "monthly"],
      ["Spotify AB", "monthly"],
      ["HUK-COBURG Haftpflicht", "monthly"],
      ["Allianz Versicherungs-AG", "quarterly"],
    ];
    for (const [name, cadence] of expected) {
      await expect(contract(page, name), name).toHaveCount(1);
      await expect(contract(page, name).getByTestId("cadence")).toContainText(cadence);
    }
    // Rent is paid on the 1st: next expected on the 1st of next month.
    const nextMonth = `${addDays(`${linkedOn.slice(0, 8)}28`, 7).slice(0, 8)}01`;
    await expect(contract(page, ctx.landlord).getByTestId("next-date")).toContainText(enDate(nextMonth));
    // Groceries at the same shops are no contract.
    await expect(page.getByTestId("contract").filter({ hasText: /REWE|EDEKA|ALDI|Lidl/ })).toHaveCount(0);
    await checkA11y(page, "/contracts");

    // Confirm one, dismiss one, set an end date with a notice period on one.
    await contract(page, "Spotify AB").getByRole("button", { name: "Confirm: Spotify AB" }).click();
    await expect(contract(page, "Spotify AB")).toContainText("Confirmed");
    await contract(page, "HUK-COBURG Haftpflicht")
      .getByRole("button", { name: "Dismiss: HUK-COBURG Haftpflicht" })
      .click();
    await expect(page.getByText("Dismissed (1)")).toBeVisible();
    const endDate = addDays(linkedOn, 120);
    const telekom = contract(page, "Telekom Deutschland GmbH");
    await telekom.getByRole("button", { name: "Edit: Telekom Deutschland GmbH" }).click();
    await telekom.getByLabel("End date").fill(endDate);
    await telekom.getByLabel("Notice period (days)").fill("30");
    await telekom.getByRole("button", { name: "Save" }).click();
    await expect(telekom).toContainText(`Ends ${enDate(endDate)} · notice 30 days`);

    // The events the generator planned, in the order they happen.
    let priceDay = plan.priceIncreaseFrom;
    while (!priceDay.endsWith("-12")) priceDay = addDays(priceDay, 1);
    const lateMonth = plan.lateSalaryMonths[1]!.month;
    const salaryDue = previousBusinessDay(`${lateMonth.slice(0, 8)}27`);
    const events = [
      { day: priceDay, alert: /Spotify AB: price rose from €10\.99 to €12\.99\./, mail: "Spotify AB: price rose" },
      // Due on the 27th (or the Friday before), paid 6 days late: on day 5 the alert is open.
      { day: addDays(salaryDue, 5), alert: new RegExp(`${ctx.employer} is \\d days late\\.`), mail: ctx.employer },
    ].sort((a, b) => (a.day < b.day ? -1 : 1));
    for (const e of events) {
      const today = await sandboxToday();
      await advanceSandboxClock(Math.max(1, daysBetween(today, e.day)));
      await syncAndExpectAlert(page, e.alert);
      // One digest email with it, through the outbox (the digest job ticks every few seconds).
      await expect
        .poll(
          async () =>
            (
              await sql().query(
                `SELECT count(*)::int AS n FROM "OutboxEmail" WHERE "userId" = $1 AND text LIKE '%' || $2 || '%'`,
                [userId, e.mail],
              )
            ).rows[0].n,
          { timeout: 30_000 },
        )
        .toBe(1);
    }
    // Still at most one digest per day.
    const { rows: perDay } = await sql().query(
      `SELECT count(*)::int AS n FROM "ContractAlertDigest" WHERE "userId" = $1 GROUP BY day HAVING count(*) > 1`,
      [userId],
    );
    expect(perDay).toEqual([]);

    // The forecast: chart summary and the day-by-day table.
    await page.goto("/contracts");
    const forecast = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "Balance forecast, next 30 days" }) });
    await forecast.getByText("Show as table").click();
    await expect(forecast.locator("tbody tr")).toHaveCount(30);
    await expect(forecast.locator("figcaption")).toContainText("→");
    await checkA11y(page, "/contracts (alerts, forecast table open)");

    // The dashboard card and the CSV export.
    await page.goto("/dashboard");
    await expect(page.getByTestId("fixed-costs")).toContainText("Still to come");
    const csv = await page.request.get("/api/contracts/export?format=de");
    expect(csv.status()).toBe(200);
    const body = await csv.text();
    expect(body.startsWith("\uFEFFVertrag;Status;")).toBe(true);
    expect(body).toContain("Spotify AB;bestätigt;Ausgabe");
  });
});

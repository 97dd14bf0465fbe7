import { expect, test, type Locator, type Page } from "@playwright/test";
import { messages } from "../lib/i18n/messages";
import { gotoUntil, linkBank, sandbox, signUp, sql } from "./fixtures/app";

// Issue 18, "Honesty about the data": a failed or retrying sync never reads as success, and the
// bank card and the dashboard say so after a reload; old data and old pending items are flagged.
const m = messages("en");
/** The fixed words before a message's first parameter. */
const lead = (text: string) => text.slice(0, text.indexOf("§"));

const idOf = async (card: Locator) => (await card.locator("h2[id^=bank-]").getAttribute("id"))!.replace(/^bank-/, "");
async function xs2aIdOf(connectionId: string) {
  const { rows } = await sql().query('SELECT "xs2aId" FROM "BankConnection" WHERE id = $1', [connectionId]);
  return rows[0].xs2aId as string;
}

test.describe("honesty about the data", () => {
  test("a sync under a 500 fault never reads as success; the card and the dashboard say so after a reload", async ({
    page,
  }) => {
    test.setTimeout(480_000);
    await signUp(page);
    const card = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    const connectionId = await idOf(card);
    const fault = (await sandbox("faults", {
      scope: { connectionId: await xs2aIdOf(connectionId) },
      kind: "500",
      count: 1000,
    })) as { id: string };

    await card.getByRole("button", { name: "Sync now" }).click();
    const line = card.getByTestId("sync-message");
    await expect(line).toContainText(lead(m.syncRetry.waiting("§")), { timeout: 60_000 });
    await expect(line).not.toContainText(lead(m.sync.done("§")));

    // After a reload the card still says it: the badge is not "Up to date", and the line says why.
    await page.reload();
    await expect(card.getByTestId("bank-state")).toHaveText(m.banks.attentionLabels.last_failed);
    await expect(card.getByTestId("bank-last-attempt")).toContainText(lead(m.banks.lastAttempt.retrying("§")));
    await expect(card).not.toContainText(m.banks.states.ok.label);

    await page.goto("/dashboard");
    const attention = page.getByTestId("bank-attention");
    await expect(attention).toContainText(m.banks.attentionTitle);
    await expect(attention).toContainText(m.banks.attentionLabels.last_failed);

    // The bank service answers again. The run's next attempt completes, or (its attempts used up)
    // it failed and says so, and the next "Sync now" completes.
    await sandbox(`faults/${fault.id}`, undefined, "DELETE");
    const latest = async () =>
      (
        await sql().query('SELECT status FROM "SyncRun" WHERE "connectionId" = $1 ORDER BY "queuedAt" DESC LIMIT 1', [
          connectionId,
        ])
      ).rows[0].status as string;
    await expect.poll(latest, { timeout: 150_000 }).toMatch(/^(SUCCEEDED|FAILED)$/);
    if ((await latest()) === "FAILED") {
      await gotoUntil(page, "/banks", () =>
        expect(card.getByTestId("bank-last-attempt")).toContainText(lead(m.banks.lastAttempt.failed("§", "")), {
          timeout: 2_000,
        }),
      );
      await card.getByRole("button", { name: "Sync now" }).click();
      await expect(card.getByTestId("sync-message")).toContainText(lead(m.sync.done("§")), { timeout: 60_000 });
    }
    await gotoUntil(page, "/banks", () =>
      expect(card.getByTestId("bank-state")).toHaveText(m.banks.states.ok.label, { timeout: 2_000 }),
    );
    await expect(card.getByTestId("bank-last-attempt")).toHaveCount(0);
    await page.goto("/dashboard");
    await expect(page.getByTestId("bank-attention")).toHaveCount(0);
  });

  test("old automatic data, old pending items and an expired consent are flagged on the card, the list and the dashboard", async ({
    page,
  }) => {
    test.setTimeout(360_000);
    const email = await signUp(page);
    const card = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    const connectionId = await idOf(card);
    await expect(card.getByTestId("bank-state")).toHaveText(m.banks.states.ok.label);
    await expect(card.getByTestId("bank-stale")).toHaveCount(0);

    const clock = (await sandbox("clock")) as { now: string; today: string };
    const now = Date.parse(clock.now);
    await sql().query('UPDATE "BankConnection" SET "lastImportedAt" = $2 WHERE id = $1', [
      connectionId,
      new Date(now - 5 * 86_400_000 - 3_600_000),
    ]);
    const tenDaysAgo = new Date(Date.parse(`${clock.today}T00:00:00Z`) - 10 * 86_400_000).toISOString().slice(0, 10);
    const { rows } = await sql().query(
      `UPDATE "Transaction" SET status = 'PENDING', "bookingDate" = $2::date
        WHERE id = (SELECT t.id FROM "Transaction" t JOIN "User" u ON u.id = t."userId"
                     WHERE u.email = $1 AND t.status = 'BOOKED' ORDER BY t."bookingDate" DESC LIMIT 1)
        RETURNING id::text`,
      [email, tenDaysAgo],
    );
    const pendingId = rows[0].id as string;

    await gotoUntil(page, "/banks", () =>
      expect(card.getByTestId("bank-state")).toHaveText(m.banks.attentionLabels.stale, { timeout: 2_000 }),
    );
    await expect(card.getByTestId("bank-stale")).toHaveText(m.banks.stale(5));

    await page.goto("/dashboard");
    await expect(page.getByTestId("bank-attention")).toContainText(m.banks.stale(5));

    await page.goto("/transactions?status=PENDING");
    await expect(page.locator(`[data-id="${pendingId}"]`).getByTestId("tx-status")).toHaveText(
      m.transactions.pendingLong(10),
    );

    // An expired consent shows on the dashboard too (its card says how to renew).
    await sql().query(`UPDATE "BankConnection" SET "consentValidUntil" = $2 WHERE id = $1`, [
      connectionId,
      new Date(now - 2 * 86_400_000),
    ]);
    await gotoUntil(page, "/dashboard", () =>
      expect(page.getByTestId("bank-attention")).toContainText(m.banks.states.consent_expired.label, {
        timeout: 2_000,
      }),
    );
  });

  test("the bank search under the bank service's HTML error page says the service is not reachable", async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await signUp(page);
    const fault = (await sandbox("faults", { scope: { search: "Testbank" }, kind: "html", count: 1000 })) as {
      id: string;
    };
    try {
      await page.goto("/banks/add");
      await page.getByLabel(m.banks.searchLabel).fill("Testbank");
      await expect(page.getByText(m.common.serviceUnavailable)).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText(m.banks.searchNoResults)).toHaveCount(0);
    } finally {
      await sandbox(`faults/${fault.id}`, undefined, "DELETE");
    }
  });

  test("'Remind me tomorrow' hides that login's banner on the first click, also without JavaScript", async ({
    page,
    browser,
  }) => {
    test.setTimeout(300_000);
    const email = await signUp(page);
    // Two logins at Sandbank, one day before their consent ends (as in the report).
    await linkBank(page, { syncMode: "FULL", bankCode: "99990001", userName: "max" });
    await linkBank(page, { syncMode: "FULL", bankCode: "99990001", userName: "erika" });
    const { rows: users } = await sql().query('SELECT id FROM "User" WHERE email = $1', [email]);
    const userId = users[0].id as string;
    const quiet = async () =>
      (
        await sql().query(
          `SELECT count(*)::int AS n FROM "SyncRun" WHERE "userId" = $1 AND status IN ('QUEUED','RUNNING')`,
          [userId],
        )
      ).rows[0].n as number;
    await expect.poll(quiet, { timeout: 60_000 }).toBe(0);
    const { today } = (await sandbox("clock")) as { today: string };
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000);
    await sql().query(`UPDATE "BankConnection" SET "consentValidUntil" = $2 WHERE "userId" = $1`, [userId, tomorrow]);
    const snoozed = async () =>
      (
        await sql().query(
          `SELECT id FROM "BankConnection" WHERE "userId" = $1 AND "consentSnoozedUntil" IS NOT NULL ORDER BY id`,
          [userId],
        )
      ).rows.map((r) => r.id as string);

    const banners = (p: Page) => p.getByTestId("consent-banner");
    const snoozeButton = (banner: Locator) =>
      banner.getByRole("button", { name: lead(m.consent.banner.snoozeFor("§")) });
    await gotoUntil(page, "/dashboard", () => expect(banners(page)).toHaveCount(2, { timeout: 2_000 }));
    await expect(banners(page).first()).toHaveAttribute("data-step", "1");
    // Each login has its own banner and button: snoozing the second leaves the first.
    const [first, second] = [banners(page).nth(0), banners(page).nth(1)];
    const firstName = await snoozeButton(first).getAttribute("aria-label");
    const secondName = await snoozeButton(second).getAttribute("aria-label");
    expect(firstName).not.toBe(secondName);
    const actionPosts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.headers()["next-action"]) actionPosts.push(r.url());
    });
    await snoozeButton(second).click();
    await expect(banners(page)).toHaveCount(1);
    // Once hydrated, one call: the form's own submit does not run the action a second time.
    expect(actionPosts).toHaveLength(1);
    await expect(snoozeButton(banners(page))).toHaveAttribute("aria-label", firstName!);
    expect(await snoozed()).toHaveLength(1);
    await page.reload();
    await expect(banners(page)).toHaveCount(1);

    // The same page before its JavaScript runs, or without it: the button is a form and still works.
    const noJs = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
    });
    try {
      const plain = await noJs.newPage();
      await plain.goto("/dashboard");
      await expect(banners(plain)).toHaveCount(1);
      await snoozeButton(banners(plain)).click();
      await expect(banners(plain)).toHaveCount(0);
      expect(await snoozed()).toHaveLength(2);
    } finally {
      await noJs.close();
    }
  });
});

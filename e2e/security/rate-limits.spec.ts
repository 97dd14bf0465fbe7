/**
 * Rate limits (catalogue 53): sign-in attempts per email, "sync now" per bank, and action calls
 * per user. Each answers with a clear message and the wait; other users are not affected.
 */
import { expect, test } from "@playwright/test";
import { e2eEnv } from "../../playwright.config";
import { linkBank, PASSWORD, sql, uniqueEmail } from "../fixtures/app";
import { callAction, discoverActions, signUp } from "./helpers";

test.describe("rate limits", () => {
  test.describe.configure({ timeout: 240_000 });

  test("sign-in: after 5 wrong passwords the form says to wait, even with the right password; another user still signs in", async ({
    page,
    browser,
  }) => {
    const email = await signUp(page);
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    const otherEmail = await signUp(otherPage, { email: uniqueEmail("other") });
    await page.context().clearCookies();

    const attempt = async (password: string) => {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
    };
    for (let i = 0; i < 5; i++) {
      await attempt(`wrong-${i}`);
      // (Not getByRole("alert"): Next's route announcer is an always-present alert region.)
      await expect(page.getByText("Email or password is wrong. Check both and try again.")).toBeVisible({
        timeout: 30_000,
      });
    }
    await attempt(PASSWORD);
    await expect(page.getByText(/Too many attempts\. Please wait \d+ (seconds|minutes) and try again/)).toBeVisible({
      timeout: 30_000,
    });
    expect(page.url()).toContain("/signin");
    const { rows } = await sql().query(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'auth.sign_in_failed' AND "actorEmail" = $1`,
      [email],
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(5);

    // Someone else at the same time is not throttled.
    await otherPage.context().clearCookies();
    await otherPage.goto("/signin");
    await otherPage.getByLabel("Email").fill(otherEmail);
    await otherPage.getByLabel("Password").fill(PASSWORD);
    await otherPage.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(otherPage).toHaveURL(/\/dashboard/);
    await other.close();
  });

  test("sync now: the 7th new run within 15 minutes is refused with the wait, shown in plain words; other banks are not affected", async ({
    page,
  }) => {
    await signUp(page);
    const card = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    const connectionId = (await card.locator("h2[id^=bank-]").getAttribute("id"))!.replace(/^bank-/, "");
    const syncNow = discoverActions().find((a) => a.exportedName === "syncNowAction")!;
    const waitIdle = () =>
      expect
        .poll(
          async () =>
            (
              await sql().query(
                `SELECT count(*)::int AS n FROM "SyncRun" WHERE "connectionId" = $1 AND status IN ('QUEUED','RUNNING')`,
                [connectionId],
              )
            ).rows[0].n,
          {
            timeout: 60_000,
          },
        )
        .toBe(0);

    // Six runs, one after another (clicks while a run is queued or running cost nothing).
    for (let i = 0; i < 6; i++) {
      await waitIdle();
      const r = await callAction(page.request, syncNow, [{ connectionId }]);
      expect(r.result, `run ${i + 1}`).toMatchObject({ ok: true });
    }
    await waitIdle();
    const refused = await callAction(page.request, syncNow, [{ connectionId }]);
    expect(refused.result).toMatchObject({ ok: false, code: "rate_limited" });
    expect(Number(refused.result!.retryAfterSeconds)).toBeGreaterThan(60);

    await page.goto("/banks");
    await page.getByTestId("bank-card").first().getByRole("button", { name: "Sync now" }).click();
    await expect(
      page.getByText(/You have synced this bank several times just now\. Please try again in \d+ minutes?\./),
    ).toBeVisible();

    // A second bank of the same user still syncs.
    const second = await linkBank(page, { syncMode: "FULL", bankCode: "99990001" });
    const secondId = (await second.locator("h2[id^=bank-]").getAttribute("id"))!.replace(/^bank-/, "");
    expect((await callAction(page.request, syncNow, [{ connectionId: secondId }])).result).toMatchObject({ ok: true });
  });

  test("a user flooding actions is refused with the wait once over the minute's limit; the app says so; another user is not affected", async ({
    page,
    browser,
  }) => {
    const limit = Number(e2eEnv.SALDO_ACTION_CALLS_PER_MINUTE);
    const email = await signUp(page);
    await linkBank(page);
    const { rows } = await sql().query(
      `SELECT t.id::text AS id, t."userId" FROM "Transaction" t JOIN "User" u ON u.id = t."userId" WHERE u.email = $1 LIMIT 1`,
      [email],
    );
    const transactionId = rows[0].id as string;
    const details = discoverActions().find((a) => a.exportedName === "setTransactionDetailsAction")!;

    // The user has made all but 20 of this minute's calls (a flood that ran in full here would take
    // a minute of the shared server). 60 more calls, 8 at a time, with an invalid note type (refused
    // by the schema, so they change nothing): exactly 20 get through to the schema.
    await sql().query(
      `INSERT INTO "RateLimit" (key, count, "resetAt") VALUES ($1, $2, now() + interval '60 seconds')
                       ON CONFLICT (key) DO UPDATE SET count = EXCLUDED.count, "resetAt" = EXCLUDED."resetAt"`,
      [`actions:${rows[0].userId}`, limit - 20],
    );
    const codes: string[] = [];
    let retryAfter = 0;
    const queue = Array.from({ length: 60 }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (queue.shift() !== undefined) {
          const r = await callAction(page.request, details, [{ transactionId, note: 42 }]);
          codes.push(String(r.result?.code ?? r.status));
          if (r.result?.code === "rate_limited") retryAfter = Number(r.result.retryAfterSeconds);
        }
      }),
    );
    expect(codes.filter((c) => c === "invalid_input").length).toBe(20);
    expect(codes.filter((c) => c === "rate_limited").length).toBe(40);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // In the app: saving a note now says to wait, and nothing is saved.
    await page.goto("/transactions");
    const row = page.getByTestId("transaction-row").first();
    await row.getByRole("button").first().click();
    await row.getByLabel("Note").fill("Should wait");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByText(/Too many attempts\. Please wait \d+ seconds and try again\./)).toBeVisible();
    const { rows: notes } = await sql().query(
      `SELECT count(*)::int AS n FROM "Transaction" WHERE "userId" = $1 AND note IS NOT NULL`,
      [rows[0].userId],
    );
    expect(notes[0].n).toBe(0);

    // Another user at the same time is not throttled.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signUp(otherPage, { email: uniqueEmail("other") });
    const r = await callAction(otherPage.request, details, [{ transactionId, note: 42 }]);
    expect(r.result).toMatchObject({ ok: false, code: "invalid_input" });
    await other.close();
  });
});

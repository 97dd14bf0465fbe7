import { expect, test, type Page } from "@playwright/test";
import { fillWizardLogin, linkBank, sandbox, signUp, sql } from "./fixtures/app";

async function userId(email: string) {
  const { rows } = await sql().query('SELECT id FROM "User" WHERE email = $1', [email]);
  return rows[0].id as string;
}

async function sandboxConnectionsOf(email: string) {
  const { rows } = await sql().query(
    'SELECT "xs2aUserId" FROM "Xs2aBankUser" b JOIN "User" u ON u.id = b."userId" WHERE u.email = $1',
    [email],
  );
  const state = (await sandbox("state")) as { connections: { user: string; linked: boolean }[] };
  return state.connections.filter((c) => c.user === rows[0]?.xs2aUserId);
}

async function startWizard(page: Page) {
  await page.goto("/banks/add");
  await page.getByRole("button", { name: "Continue to your bank" }).click();
  await expect(page).toHaveURL(/\/banks\/wizard\//);
  await expect(page.locator("#xs2a-bank-bank_code")).toBeVisible();
}

test.describe("linking banks", () => {
  test("a new user links three banks with full, shared and none, and sees all accounts together", async ({ page }) => {
    test.setTimeout(120_000);
    const email = await signUp(page);

    const testbank = await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
    await expect(page.getByText("Testbank is linked")).toBeVisible();
    await expect(testbank.getByText("Girokonto")).toBeVisible();
    await expect(testbank.getByText(/€[\d,]+\.\d\d/).first()).toBeVisible();
    await expect(testbank).toContainText("Sync: Automatic");

    await linkBank(page, { syncMode: "SHARED", bankCode: "99990001" });
    await linkBank(page, { syncMode: "NONE", bankCode: "99990002" });

    const cards = page.getByTestId("bank-card");
    await expect(cards).toHaveCount(3);
    await expect(cards.nth(1)).toContainText("Sync: Automatic (split key)");
    await expect(cards.nth(2)).toContainText("Sync: Manual login");
    await expect(cards.nth(2)).toContainText("Login on every sync");

    // One XS2A bank user holds all three connections; their data was imported.
    const id = await userId(email);
    const { rows: conns } = await sql().query(
      'SELECT "syncMode", status, "credentialsCiphertext" IS NOT NULL AS "hasHalf", "consentValidUntil" FROM "BankConnection" WHERE "userId" = $1 ORDER BY "createdAt"',
      [id],
    );
    expect(conns.map((c) => [c.syncMode, c.status, c.hasHalf])).toEqual([
      ["FULL", "ACTIVE", false],
      ["SHARED", "ACTIVE", true],
      ["NONE", "ACTIVE", false],
    ]);
    expect(conns[2].consentValidUntil.getTime() - conns[0].consentValidUntil.getTime()).toBe(90 * 86_400_000); // 180- vs 90-day bank
    const { rows: tx } = await sql().query('SELECT count(*)::int AS n FROM "Transaction" WHERE "userId" = $1', [id]);
    expect(tx[0].n).toBeGreaterThan(50);
    expect(await sandboxConnectionsOf(email)).toHaveLength(3);
    const { rows: bankUsers } = await sql().query('SELECT count(*)::int AS n FROM "Xs2aBankUser" WHERE "userId" = $1', [
      id,
    ]);
    expect(bankUsers[0].n).toBe(1);
  });

  test("two logins at the same bank are allowed; the same IBAN is shown once, with a note", async ({ page }) => {
    test.setTimeout(120_000);
    const email = await signUp(page);
    await linkBank(page, { bankCode: "88888888", userName: "max" });
    const second = await linkBank(page, { bankCode: "88888888", userName: "max" });
    await expect(page.getByTestId("bank-card")).toHaveCount(2);
    await expect(
      second.getByText(/^Also linked through Testbank · Girokonto ••\d{4}: shown once\.$/).first(),
    ).toBeVisible();
    const { rows } = await sql().query(
      'SELECT count(*)::int AS total, count(*) FILTER (WHERE "duplicateOfId" IS NULL)::int AS shown FROM "BankAccount" a JOIN "User" u ON u.id = a."userId" WHERE u.email = $1',
      [email],
    );
    expect(rows[0]).toEqual({ total: 4, shown: 2 });
  });

  test("aborting mid-wizard leaves no connection here or at the sandbox", async ({ page }) => {
    const email = await signUp(page);
    await startWizard(page);
    await page.locator("#xs2a-bank-bank_code").fill("88888888");
    await page.locator(".xs2a-primary").click();
    await expect(page.locator("[name=USER_PIN]")).toBeVisible();
    await page.locator(".xs2a-cancel").click();
    await expect(page.getByText("You left the bank login. Nothing was linked.")).toBeVisible();
    await expect
      .poll(
        async () =>
          (
            await sql().query(
              'SELECT count(*)::int AS n FROM "BankConnection" c JOIN "User" u ON u.id = c."userId" WHERE u.email = $1',
              [email],
            )
          ).rows[0].n,
      )
      .toBe(0);
    await expect.poll(async () => (await sandboxConnectionsOf(email)).length).toBe(0);
    await page.goto("/banks");
    await expect(page.getByText("No bank linked yet")).toBeVisible();
  });

  test("a wrong PIN shows the bank's error and lets the user try again", async ({ page }) => {
    await signUp(page);
    await startWizard(page);
    await fillWizardLogin(page, { pin: "wrong" });
    await expect(page.locator("#xs2a-error")).toBeVisible();
    await expect(page.locator("[name=USER_PIN]")).toBeVisible();
    await page.locator("[name=USER_PIN]").fill("123456");
    if (!(await page.locator("[name=privacy_policy]").isChecked())) await page.locator("[name=privacy_policy]").check();
    await page.locator(".xs2a-primary").click();
    await expect(page).toHaveURL(/\/banks\?linked=/);
    await expect(page.getByTestId("bank-card")).toHaveCount(1);
  });

  test("a bank that is down ends the wizard with a clear message and nothing linked", async ({ page }) => {
    const email = await signUp(page);
    await startWizard(page);
    await fillWizardLogin(page, { bankCode: "99990003" });
    await expect(page.getByText("The bank login failed")).toBeVisible();
    await expect
      .poll(
        async () =>
          (
            await sql().query(
              'SELECT count(*)::int AS n FROM "BankConnection" c JOIN "User" u ON u.id = c."userId" WHERE u.email = $1',
              [email],
            )
          ).rows[0].n,
      )
      .toBe(0);
  });

  test("user B can neither see, finish nor remove user A's banks", async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signUp(page);
    await linkBank(page);
    const aConnection = (await page.getByTestId("bank-card").first().getAttribute("aria-labelledby"))!.replace(
      "bank-",
      "",
    );
    await startWizard(page);
    const aWizardUrl = page.url();
    const aWizardId = aWizardUrl.split("/").pop()!;

    const ctx = await browser.newContext();
    const b = await ctx.newPage();
    await signUp(b);
    // A's wizard page is not found for B.
    const res = await b.goto(aWizardUrl);
    expect(res?.status()).toBe(404);
    await b.goto("/banks");
    await expect(b.getByText("No bank linked yet")).toBeVisible();

    // B links a bank; while finishing, B's browser swaps in A's wizard id: refused.
    await b.route("**/banks/wizard/**", async (route) => {
      const req = route.request();
      if (req.method() === "POST" && req.headers()["next-action"] && req.postData()?.includes("wizardId")) {
        const body = req.postData()!.replace(/"wizardId":"[^"]+"/, `"wizardId":"${aWizardId}"`);
        return route.continue({ postData: body });
      }
      return route.continue();
    });
    await startWizard(b);
    await fillWizardLogin(b);
    await expect(b.getByText(/could not confirm|went wrong/)).toBeVisible();
    const { rows: aw } = await sql().query('SELECT status FROM "WizardSession" WHERE id = $1', [aWizardId]);
    expect(aw[0].status).toBe("OPEN");
    await b.unroute("**/banks/wizard/**");

    // B removes a bank of their own, with A's connection id swapped in: A's bank stays.
    await linkBank(b);
    await b.route("**/banks**", async (route) => {
      const req = route.request();
      if (req.method() === "POST" && req.headers()["next-action"] && req.postData()?.includes("connectionId")) {
        return route.continue({
          postData: req.postData()!.replace(/"connectionId":"[^"]+"/, `"connectionId":"${aConnection}"`),
        });
      }
      return route.continue();
    });
    await b.getByRole("button", { name: "Remove" }).first().click();
    await b.getByRole("button", { name: "Remove bank" }).click();
    await expect(b.getByText(/went wrong|not found/i)).toBeVisible();
    const { rows: ac } = await sql().query('SELECT status FROM "BankConnection" WHERE id = $1', [aConnection]);
    expect(ac[0]?.status).toBe("ACTIVE");
    await ctx.close();
  });

  test("removing a bank deletes it at XS2A and its accounts and transactions here", async ({ page }) => {
    const email = await signUp(page);
    await linkBank(page);
    await page.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByRole("dialog")).toContainText("Remove Testbank?");
    await page.getByRole("button", { name: "Remove bank" }).click();
    await expect(page.getByText("The bank was removed.")).toBeVisible();
    const id = await userId(email);
    const counts = await sql().query(
      'SELECT (SELECT count(*) FROM "BankConnection" WHERE "userId" = $1)::int AS c, (SELECT count(*) FROM "BankAccount" WHERE "userId" = $1)::int AS a, (SELECT count(*) FROM "Transaction" WHERE "userId" = $1)::int AS t',
      [id],
    );
    expect(counts.rows[0]).toEqual({ c: 0, a: 0, t: 0 });
    expect(await sandboxConnectionsOf(email)).toHaveLength(0);
  });
});

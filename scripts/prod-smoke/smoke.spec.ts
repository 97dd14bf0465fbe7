/**
 * The production smoke test's user journey, against the stack scripts/prod-smoke.sh started
 * (Debian's PostgreSQL, `npm start`, two `npm run worker`, the sandbox as XS2A).
 *   SMOKE_PHASE=live      sign up, link the Testbank, wait for its sync, see transactions
 *   SMOKE_PHASE=restored  on a database restored from a pg_dump: sign in, see the same transactions
 * SMOKE_STATE is the file the first phase leaves for the second (the user and the rows it saw).
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { fillWizardLogin, loadAll, signIn, signUp } from "../../e2e/fixtures/app";

const phase = process.env.SMOKE_PHASE ?? "live";
const stateFile = process.env.SMOKE_STATE ?? "/tmp/saldo-prod-smoke.json";

test(`production smoke: ${phase}`, async ({ page }) => {
  if (phase === "live") {
    const email = await signUp(page);
    // As e2e/fixtures/app.ts linkBank, with room for a slow first import on a busy machine.
    await page.goto("/banks/add");
    await page.locator("input[name=syncMode][value=FULL]").check();
    await page.getByRole("button", { name: "Continue to your bank" }).click();
    await expect(page).toHaveURL(/\/banks\/wizard\//);
    await fillWizardLogin(page);
    await expect(page).toHaveURL(/\/banks\?linked=/, { timeout: 180_000 });
    // The link's import runs in a worker; the list fills once it is done.
    await expect
      .poll(
        async () => {
          await page.goto("/transactions");
          return page.getByTestId("transaction-row").count();
        },
        { timeout: 120_000, intervals: [1000, 2000, 3000] },
      )
      .toBeGreaterThan(0);
    const ids = await loadAll(page);
    fs.writeFileSync(stateFile, JSON.stringify({ email, ids }));
    console.log(`smoke: ${email} sees ${ids.length} transactions`);
  } else {
    const { email, ids } = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { email: string; ids: string[] };
    await signIn(page, email);
    await page.goto("/transactions");
    expect((await loadAll(page)).sort()).toEqual([...ids].sort());
    console.log(`smoke: after the restore ${email} sees the same ${ids.length} transactions`);
  }
});

/**
 * Download all my data (GDPR art. 20): a user asks in Settings, the worker builds the ZIP, the
 * page offers it, the download holds their transactions (with a note they wrote) and nothing of
 * another user, and it can be fetched only once. (secrets.spec.ts searches it for secrets.)
 */
import { expect, test } from "@playwright/test";
import { unzip } from "../lib/export/zip";
import { sql } from "./fixtures/app";
import { createOther, createVictim } from "./security/helpers";

test.describe.configure({ timeout: 240_000 });

test("a user downloads all their data once; it holds their transactions and no one else's", async ({ browser }) => {
  const a = await createVictim(browser);
  const b = await createOther(browser);
  await sql().query(`UPDATE "Transaction" SET note = 'export-note-canary' WHERE id = $1`, [a.transactionId]);
  const { rows: mine } = await sql().query<{ purpose: string }>(
    `SELECT purpose FROM "Transaction" WHERE "userId" = $1 AND purpose <> '' ORDER BY id LIMIT 3`,
    [a.userId],
  );
  const { rows: count } = await sql().query<{ n: string }>(
    `SELECT count(*) AS n FROM "Transaction" WHERE "userId" = $1`,
    [a.userId],
  );

  const page = a.page;
  await page.goto("/settings");
  await page.getByRole("button", { name: /Prepare my data|Meine Daten vorbereiten/ }).click();
  const link = page.getByRole("link", { name: /Download ZIP|ZIP herunterladen/ });
  await expect(link).toBeVisible({ timeout: 120_000 }); // the page looks again every few seconds
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^saldo-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzip(Buffer.from(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c))));
  const csv = files.get("transactions.csv")!.toString("utf8");
  expect(csv.trim().split("\r\n")).toHaveLength(1 + Number(count[0]!.n));
  for (const t of mine) expect(csv).toContain(t.purpose.slice(0, 20));
  expect(csv).toContain("export-note-canary");
  const all = [...files.values()].map((f) => f.toString("utf8")).join("\n");
  expect(all).toContain(a.email);
  expect(all).not.toContain(b.email);
  expect(all).not.toContain(b.userId);

  // Once: a second fetch finds nothing; B never gets A's (B has none of their own).
  expect((await page.request.get("/api/data-export")).status()).toBe(404);
  expect((await b.request.get("/api/data-export")).status()).toBe(404);
  await page.goto("/settings");
  await expect(
    page.getByText(/Your last export was downloaded|Dein letzter Export wurde heruntergeladen/),
  ).toBeVisible();
});

import { expect, test } from "@playwright/test";
import { PASSWORD, linkBank, sandbox, signUp, sql } from "./fixtures/app";

test("delete my account removes the user's data here and their bank user at XS2A", async ({ page }) => {
  const email = await signUp(page);
  await linkBank(page);
  const { rows } = await sql().query(
    'SELECT u.id, b."xs2aUserId" FROM "User" u JOIN "Xs2aBankUser" b ON b."userId" = u.id WHERE u.email = $1',
    [email],
  );
  const { id, xs2aUserId } = rows[0];
  const atSandbox = async () =>
    ((await sandbox("state")) as { connections: { user: string }[] }).connections.filter((c) => c.user === xs2aUserId)
      .length;
  expect(await atSandbox()).toBe(1);

  await page.goto("/settings");
  await page.getByLabel("Your password, to confirm").fill("not-my-password");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("That password is not right")).toBeVisible();
  expect((await sql().query('SELECT count(*)::int AS n FROM "User" WHERE id = $1', [id])).rows[0].n).toBe(1);

  await page.getByLabel("Your password, to confirm").fill(PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/signup/);
  const left = await sql().query(
    'SELECT (SELECT count(*) FROM "User" WHERE id = $1)::int AS u, (SELECT count(*) FROM "BankConnection" WHERE "userId" = $1)::int AS c, (SELECT count(*) FROM "Transaction" WHERE "userId" = $1)::int AS t',
    [id],
  );
  expect(left.rows[0]).toEqual({ u: 0, c: 0, t: 0 });
  expect(await atSandbox()).toBe(0);
});

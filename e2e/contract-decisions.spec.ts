import { expect, test, type Page } from "@playwright/test";
import { checkA11y } from "./fixtures/axe";
import { linkBank, signUp } from "./fixtures/app";

// The user shapes contracts: merge two, split one, mark a payment as the start of one — with the
// keyboard — and every decision survives "Search again". Does not move the sandbox clock.

const contract = (page: Page, name: string) =>
  page.getByTestId("contract").filter({ has: page.getByRole("heading", { name: new RegExp(`^${name}`) }) });

async function searchAgain(page: Page) {
  await page.getByRole("button", { name: "Search again" }).click();
  await expect(page.getByRole("button", { name: "Search again" })).toBeEnabled({ timeout: 60_000 });
  await page.reload();
}

test("merge two contracts, split one, mark a payment by hand; each survives a new search", async ({ page }) => {
  test.setTimeout(300_000);
  await signUp(page);
  await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
  await expect
    .poll(
      async () => {
        await page.goto("/contracts");
        return page.getByTestId("contract").count();
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(5);

  // Merge, by keyboard: HUK into Spotify.
  const spotify = contract(page, "Spotify AB");
  const spotifyPayments = Number(
    /\((\d+)\)/.exec((await spotify.getByText(/^Payment history/).textContent()) ?? "")![1],
  );
  const hukPayments = Number(
    /\((\d+)\)/.exec(
      (await contract(page, "HUK-COBURG Haftpflicht")
        .getByText(/^Payment history/)
        .textContent()) ?? "",
    )![1],
  );
  await spotify.getByRole("button", { name: "Merge… Spotify AB" }).focus();
  await page.keyboard.press("Enter");
  const mergeWith = spotify.getByLabel("Merge with", { exact: true });
  await mergeWith.focus();
  const hukOption = await mergeWith.locator("option", { hasText: "HUK-COBURG Haftpflicht" }).getAttribute("value");
  await mergeWith.selectOption(hukOption!);
  await checkA11y(page, "/contracts (merge form open)");
  await page.keyboard.press("Tab");
  await expect(spotify.getByRole("button", { name: "Merge", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(contract(page, "HUK-COBURG Haftpflicht")).toHaveCount(0);
  await expect(spotify.getByText(`Payment history (${spotifyPayments + hukPayments})`)).toBeVisible();

  // Split: the two oldest payments of the streaming contract form one of their own.
  const telekom = contract(page, "Telekom Deutschland GmbH").first();
  const telekomTitle = (await telekom.getByRole("heading").textContent())!;
  const before = Number(/\((\d+)\)/.exec((await telekom.getByText(/^Payment history/).textContent()) ?? "")![1]);
  await telekom.getByRole("button", { name: /^Split… / }).click();
  const boxes = telekom.getByRole("group", { name: "Payments for the new contract" }).getByRole("checkbox");
  await boxes.nth(before - 1).check();
  await boxes.nth(before - 2).check();
  await telekom.getByLabel("Name of the new contract").fill("Old phone line");
  await checkA11y(page, "/contracts (split form open)");
  await telekom.getByRole("button", { name: "Split off" }).click();
  await expect(contract(page, "Old phone line")).toHaveCount(1);
  await expect(contract(page, "Old phone line").getByText("Payment history (2)")).toBeVisible();
  expect(telekomTitle).toContain("Telekom");

  // Mark by hand: a grocery payment (never found as a contract) starts one.
  await page.goto("/transactions?q=REWE");
  const row = page.getByTestId("transaction-row").filter({ hasText: "REWE" }).first();
  await row.getByRole("button").first().click();
  await row.getByLabel("Cadence").selectOption("weekly");
  await row.getByLabel("Name (optional)").fill("Weekly shop");
  await checkA11y(page, "/transactions (mark as contract)");
  await row.getByRole("button", { name: "Mark as start of a contract" }).click();
  await expect(row.getByRole("status").filter({ hasText: "Contract created." })).toBeVisible();

  await page.goto("/contracts");
  await expect(contract(page, "Weekly shop")).toHaveCount(1);
  await expect(contract(page, "Weekly shop").getByTestId("cadence")).toContainText("weekly");

  // Detection again: the decisions hold.
  await searchAgain(page);
  await expect(contract(page, "HUK-COBURG Haftpflicht")).toHaveCount(0);
  await expect(
    contract(page, "Spotify AB").getByText(`Payment history (${spotifyPayments + hukPayments})`),
  ).toBeVisible();
  await expect(contract(page, "Old phone line").getByText("Payment history (2)")).toBeVisible();
  await expect(contract(page, "Weekly shop")).toHaveCount(1);
  await checkA11y(page, "/contracts (after decisions)");
});

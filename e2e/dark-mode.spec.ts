import { expect, test, type Page } from "@playwright/test";
import { messages } from "../lib/i18n/messages";
import { linkBank, makeAdmin, signUp, sql, uniqueEmail } from "./fixtures/app";
import { checkA11y } from "./fixtures/axe";

// Issue 18, dark mode: Saldo follows the device's light/dark setting, a choice in Settings
// (System / Light / Dark) overrides it and is kept per user, and every main page is readable
// (axe contrast) in dark.
const m = messages("en");

/** The lightness (0 = black, 1 = white) of the body's computed background colour. */
async function bodyLuminance(page: Page) {
  return page.evaluate(() => {
    // Painted into one canvas pixel, so any colour syntax (oklch, lab, rgb) reads back as sRGB.
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
}
const expectDark = async (page: Page) => expect.poll(() => bodyLuminance(page)).toBeLessThan(0.3);
const expectLight = async (page: Page) => expect.poll(() => bodyLuminance(page)).toBeGreaterThan(0.9);

async function themeInDb(email: string) {
  const { rows } = await sql().query(`SELECT theme FROM "User" WHERE email = $1`, [email]);
  return rows[0].theme as string;
}

async function chooseTheme(page: Page, label: string) {
  await page.goto("/settings");
  const group = page.getByRole("group", { name: m.settings.appearanceHint });
  await group.getByRole("radio", { name: label }).check();
  await expect(page.getByRole("status").filter({ hasText: m.common.saved })).toBeVisible();
}

test.describe("dark mode", () => {
  test.describe("on a device set to dark", () => {
    test.use({ colorScheme: "dark" });

    test("signed-out and signed-in pages are dark, and every main page passes axe (contrast) in dark", async ({
      page,
    }) => {
      test.setTimeout(600_000);
      await page.goto("/signin");
      await expectDark(page);
      await checkA11y(page, "/signin (dark)");

      const email = await signUp(page, { email: uniqueEmail("a11y-admin-dark") });
      await linkBank(page);
      // The admin pages too: the role lives in the database (the prefix marks a promoted user).
      await makeAdmin(page, email);
      expect(await themeInDb(email)).toBe("system");
      for (const path of [
        "/dashboard",
        "/accounts",
        "/transactions",
        "/banks",
        "/contracts",
        "/budgets",
        "/rules",
        "/categories",
        "/settings",
        "/admin",
        "/admin/users",
      ]) {
        await page.goto(path);
        await expectDark(page);
        await checkA11y(page, `${path} (dark)`);
      }
      // A chart's data table opened, on the dashboard.
      await page.goto("/dashboard");
      for (const s of await page.getByText(m.dashboard.showTable).all()) await s.click();
      await checkA11y(page, "/dashboard (dark, tables)");
    });

    test("choosing Light in Settings wins over the dark device and is kept after a reload", async ({ page }) => {
      test.setTimeout(180_000);
      const email = await signUp(page);
      await expectDark(page);
      await chooseTheme(page, m.settings.themeLight);
      await expectLight(page);
      expect(await themeInDb(email)).toBe("light");
      await page.reload();
      await expectLight(page);
      await expect(page.getByRole("radio", { name: m.settings.themeLight })).toBeChecked();
      await page.goto("/transactions");
      await expectLight(page);
      await checkA11y(page, "/transactions (light chosen on a dark device)");
      // Back to following the device: dark again.
      await chooseTheme(page, m.settings.themeSystem);
      await expectDark(page);
      await page.reload();
      await expectDark(page);
      expect(await themeInDb(email)).toBe("system");
    });
  });

  test.describe("on a device set to light", () => {
    test.use({ colorScheme: "light" });

    test("choosing Dark in Settings wins over the light device, from the first paint of every page", async ({
      page,
    }) => {
      test.setTimeout(180_000);
      const email = await signUp(page);
      await expectLight(page);
      await chooseTheme(page, m.settings.themeDark);
      await expectDark(page);
      expect(await themeInDb(email)).toBe("dark");
      // Rendered dark by the server: the page as it arrives, before any script runs.
      const html = await (await page.request.get("/dashboard")).text();
      expect(html).toMatch(/<html[^>]*class="dark"/);
      await page.goto("/dashboard");
      await expectDark(page);
      await checkA11y(page, "/dashboard (dark chosen on a light device)");
    });
  });
});

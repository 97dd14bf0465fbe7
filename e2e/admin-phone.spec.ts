import { expect, test } from "@playwright/test";
import { messages } from "../lib/i18n/messages";
import { makeAdmin, signUp, uniqueEmail } from "./fixtures/app";

// Issue 18, admin on a phone: at 390 px the users table scrolled the whole page sideways and the
// tab bar was cut off. Tables now scroll inside their own box and the tabs wrap.
const m = messages("en");
const nav = m.admin.nav;
const TABS = [nav.overview, nav.users, nav.banks, nav.consents, nav.syncRuns, nav.health, nav.jobs, nav.audit];

test.describe("admin on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("no admin page is wider than the screen, and every tab is in sight and opens its page", async ({ page }) => {
    test.setTimeout(300_000);
    // The prefix marks a user promoted to admin on purpose (bad-input.spec.ts counts admins).
    const email = await signUp(page, { email: uniqueEmail("a11y-admin-phone") });
    await makeAdmin(page, email);

    const width = async () => page.evaluate(() => document.documentElement.scrollWidth);
    await page.goto("/admin/users");
    await expect(page.getByTestId("admin-users")).toBeVisible();
    expect(await width()).toBeLessThanOrEqual(390);

    const tabs = page.getByRole("navigation", { name: nav.label });
    for (const label of TABS) {
      const tab = tabs.getByRole("link", { name: label, exact: true });
      await expect(tab).toBeInViewport({ ratio: 1 });
      await tab.click();
      await expect(tab).toHaveAttribute("aria-current", "page");
      await expect.poll(width).toBeLessThanOrEqual(390);
    }
  });
});

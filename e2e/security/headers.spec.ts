/**
 * Security headers on every page and route (catalogue 65) and no caching of user data by shared
 * caches or the back button after sign-out (catalogue 25).
 */
import { expect, test } from "@playwright/test";
import { linkBank, sql } from "../fixtures/app";
import { discoverPages, discoverRoutes, signUp } from "./helpers";

/** Concrete URLs for every page under app/ (dynamic segments filled with the user's own ids). */
function pageUrls(ids: Record<string, string>) {
  return discoverPages().map((p) => {
    const url =
      "/" +
      p
        .replace(/^app\//, "")
        .replace(/\/?page\.tsx$/, "")
        .split("/")
        .filter((s) => s && !/^\(.*\)$/.test(s))
        .join("/");
    return url.replace(/\[(\w+)\]/g, (_m, _name) => ids[p] ?? "missing");
  });
}

test.describe("headers", () => {
  test.describe.configure({ timeout: 180_000 });

  test("every page carries CSP with a nonce on each script, nosniff, Referrer-Policy, HSTS and frame protection; no CSP violation", async ({
    page,
  }) => {
    const email = await signUp(page);
    await linkBank(page, { syncMode: "FULL" });
    const { rows } = await sql().query(
      `SELECT a.id FROM "BankAccount" a JOIN "User" u ON u.id = a."userId" WHERE u.email = $1 LIMIT 1`,
      [email],
    );
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content.Security.Policy|Refused to (load|execute|apply)/i.test(m.text()))
        violations.push(`${page.url()}: ${m.text()}`);
    });
    const urls = pageUrls({
      "app/(app)/accounts/[id]/page.tsx": rows[0].id,
      "app/(app)/banks/wizard/[id]/page.tsx": "missing",
    });
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) {
      const res = await page.goto(url);
      const h = res!.headers();
      const csp = h["content-security-policy"] ?? "";
      expect(csp, `${url}: CSP`).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
      for (const d of [
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "default-src 'self'",
      ])
        expect(csp, `${url}: ${d}`).toContain(d);
      expect(csp, `${url}: no unsafe-eval in production`).not.toContain("unsafe-eval");
      expect(h["x-content-type-options"], url).toBe("nosniff");
      expect(h["referrer-policy"], url).toMatch(/strict-origin|no-referrer|same-origin/);
      expect(h["strict-transport-security"] ?? "", url).toMatch(/max-age=\d{7,}/);
      expect(h["x-frame-options"], url).toBe("DENY");
      expect(h["x-powered-by"], url).toBeUndefined();
      // Every script in the server's HTML carries this response's nonce (so the CSP does not break
      // the page); chunks Next loads later are trusted through 'strict-dynamic'.
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      const tags = [...(await res!.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(tags.length, url).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, `${url}: script without the nonce`).toContain(`nonce="${nonce}"`);
    }
    expect(violations).toEqual([]);
  });

  test("signed-in pages and data routes are not cacheable; after sign-out the back button shows no user data", async ({
    page,
  }) => {
    const email = await signUp(page);
    for (const url of ["/dashboard", "/transactions", "/banks", "/settings"]) {
      const res = await page.goto(url);
      expect(res!.headers()["cache-control"] ?? "", url).toMatch(/no-store/);
    }
    for (const r of discoverRoutes().filter(
      (x) => x.methods.includes("GET") && x.urlPath.startsWith("/api/") && !x.urlPath.includes("auth"),
    )) {
      const res = await page.request.get(
        r.urlPath + (r.urlPath.endsWith("search") ? "?q=Test" : r.urlPath.endsWith("sync-status") ? "?ids=x" : ""),
      );
      if (r.urlPath.endsWith("search")) continue; // bank directory: public data, no user data
      expect(res.headers()["cache-control"] ?? "", r.file).toMatch(/no-store/);
    }
    await page.goto("/settings");
    await expect(page.getByText(email).first()).toBeVisible();
    await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goBack();
    await page.waitForLoadState("networkidle");
    await expect(page.getByText(email)).toHaveCount(0);
  });
});

/**
 * CSRF (catalogue 23–24): server actions get the Origin/Host check (only our own origin, plus
 * SALDO_ALLOWED_ORIGINS) in proxy.ts, which answers a foreign origin with a 403 and logs it as a
 * refused cross-site request (Next's own check answered 500, issue 14 hole 7); route handlers that
 * change state must refuse cross-site posts themselves (lib/http/same-origin.ts). Today the only
 * state-changing handler is next-auth's, which carries its own CSRF token.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { sql } from "../fixtures/app";
import { callAction, discoverActions, discoverRoutes, distDir, signUp } from "./helpers";

/**
 * The server's log lines that record a refused cross-site request from `origin` to `urlPath`
 * (pino's JSON, behind the "[next] " prefix e2e-server.ts gives each process's output).
 */
function refusalsLogged(origin: string, urlPath: string) {
  const log = fs.readFileSync(path.join(distDir, "e2e-server.log"), "utf8");
  return log.split("\n").filter((line) => {
    if (!line.includes("http.cross_site_refused")) return false;
    try {
      const entry = JSON.parse(line.slice(line.indexOf("{"))) as { msg?: string; origin?: string; path?: string };
      return entry.msg === "refused cross-site request" && entry.origin === origin && entry.path === urlPath;
    } catch {
      return false;
    }
  }).length;
}

async function localeOf(email: string) {
  const { rows } = await sql().query(`SELECT locale FROM "User" WHERE email = $1`, [email]);
  return rows[0].locale as string | null;
}

test.describe("CSRF", () => {
  test.describe.configure({ timeout: 180_000 });
  test("a server action POST from a foreign or opaque origin is refused and changes nothing", async ({ page }) => {
    const email = await signUp(page);
    const update = discoverActions().find((a) => a.exportedName === "updateSettingsAction")!;
    const before = await localeOf(email);

    for (const origin of [
      "https://evil.example",
      "null",
      "http://localhost:3000.evil.example",
      baseURL.replace("localhost", "127.0.0.1"),
      `${baseURL}.evil.example`,
      "not a url",
    ]) {
      const logged = refusalsLogged(origin, update.pagePath);
      const r = await callAction(page.request, update, [{ locale: "de" }], { origin });
      expect(r.result?.ok, `origin ${origin}: the action must not run`).not.toBe(true);
      // A refused cross-site request, said as such: 403 with a code, never Next's 500.
      expect(r.status, `origin ${origin}: status`).toBe(403);
      expect(JSON.parse(r.text), `origin ${origin}`).toEqual({ error: "cross_site_request" });
      expect(await localeOf(email), `origin ${origin}`).toBe(before);
      // …and the log records it as one.
      await expect
        .poll(() => refusalsLogged(origin, update.pagePath), { message: `origin ${origin}: logged`, timeout: 10_000 })
        .toBeGreaterThan(logged);
    }
    // The same call from our own origin works (so the refusals above are the origin check).
    const ok = await callAction(page.request, update, [{ locale: "de" }]);
    expect(ok.result).toMatchObject({ ok: true });
    expect(await localeOf(email)).toBe("de");
  });

  test("a cross-site auto-submitted form cannot run an action with the victim's cookie", async ({ page }) => {
    const email = await signUp(page);
    const update = discoverActions().find((a) => a.exportedName === "updateSettingsAction")!;
    // An attacker's page on another site posts a no-JS action form (the $ACTION_ID_ field) to /settings.
    await page.route("http://evil.example/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<form id=f method=POST enctype="multipart/form-data" action="${baseURL}/settings">
                 <input name="$ACTION_ID_${update.id}" value=""><input name="locale" value="de"></form>
               <script>document.getElementById("f").submit()</script>`,
      }),
    );
    const posted = page.waitForResponse(
      (r) => r.url().startsWith(`${baseURL}/settings`) && r.request().method() === "POST",
    );
    await page.goto("http://evil.example/attack");
    expect((await posted).status(), "a refused cross-site request, not a crash").toBe(403);
    expect(await localeOf(email)).not.toBe("de");
  });

  test("every state-changing route handler refuses cross-site text/plain posts", async ({ page }) => {
    await signUp(page);
    const writers = discoverRoutes().filter((r) => r.methods.some((m) => !["GET", "HEAD", "OPTIONS"].includes(m)));
    for (const r of writers) {
      if (r.file === "app/api/auth/[...nextauth]/route.ts") continue;
      const src = fs.readFileSync(r.file, "utf8");
      expect(src, `${r.file} changes state: guard it with refuseCrossSite from lib/http/same-origin.ts`).toMatch(
        /refuseCrossSite|isSameOrigin/,
      );
      for (const m of r.methods.filter((x) => !["GET", "HEAD", "OPTIONS"].includes(x))) {
        const res = await page.request.fetch(r.urlPath, {
          method: m,
          headers: { "content-type": "text/plain", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
          data: JSON.stringify({ any: "thing" }),
        });
        expect(res.status(), `${m} ${r.urlPath}`).toBe(403);
      }
    }

    // next-auth: sign-out and sign-in without its CSRF token do nothing.
    const signout = await page.request.post("/api/auth/signout", {
      headers: { "content-type": "text/plain", origin: "https://evil.example" },
      data: "csrfToken=forged",
      maxRedirects: 0,
    });
    expect(signout.headers()["set-cookie"] ?? "", "cross-site sign-out must not clear the session").not.toMatch(
      /session-token=;|session-token=(?:;|$)/,
    );
    expect(await (await page.request.get("/api/auth/session")).json()).toHaveProperty("uid");

    const other = await page.context().browser()!.newContext();
    const loginCsrf = await other.request.post("/api/auth/callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      form: { email: "attacker@e2e.test", password: "whatever", csrfToken: "forged" },
      maxRedirects: 0,
    });
    expect(loginCsrf.headers()["set-cookie"] ?? "", "no session from a forged sign-in").not.toContain("session-token");
    await other.close();
  });
});

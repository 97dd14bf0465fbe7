/**
 * Access control over EVERY server action and route handler (catalogue 11–19, 22).
 *
 * Actions are discovered from the production build's server-reference manifest and routes from
 * app/**\/route.ts, so a new one fails this spec until it has a row in the tables below saying how
 * to call it with user A's ids. Each is then called as user B with A's ids, without a session,
 * with a tampered cookie, after sign-out, with a middleware-bypass header, and (admin ones) as a
 * normal user. A's rows must be unchanged and "not yours" must look exactly like "not found".
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { sql } from "../fixtures/app";
import {
  callAction,
  comparable,
  createOther,
  createVictim,
  discoverActions,
  discoverPages,
  discoverRoutes,
  distDir,
  snapshotUser,
} from "./helpers";
import { ACTIONS, RANDOM_ID, ROUTES } from "./tables";

test.describe("access control", () => {
  test.describe.configure({ timeout: 300_000 });

  test("every server action and route handler has a row in this spec's tables", () => {
    const actions = discoverActions();
    expect(actions.length, "no server actions found in the build manifest").toBeGreaterThan(5);
    const missing = actions.filter((a) => !ACTIONS[a.key]).map((a) => a.key);
    expect(
      missing,
      `server actions without an access-control row in e2e/security/access-control.spec.ts (add one saying how to call them with user A's ids): ${missing.join(", ")}`,
    ).toEqual([]);
    const stale = Object.keys(ACTIONS).filter((k) => !actions.some((a) => a.key === k));
    expect(stale, "rows for actions that no longer exist").toEqual([]);

    const routes = discoverRoutes();
    const missingRoutes = routes.filter((r) => !ROUTES[r.file]).map((r) => r.file);
    expect(missingRoutes, `route handlers without an access-control row: ${missingRoutes.join(", ")}`).toEqual([]);
    // State-changing handlers must be listed in csrf.spec.ts too; today only next-auth's POST exists.
    const writers = routes.filter((r) => r.methods.some((m) => m !== "GET" && m !== "HEAD")).map((r) => r.file);
    expect(writers, "a new state-changing route handler: add it to csrf.spec.ts and to this expectation").toEqual([
      "app/api/auth/[...nextauth]/route.ts",
    ]);
  });

  test("as user B with user A's ids: every action answers like for a missing id and A's rows stay the same", async ({
    browser,
  }) => {
    const a = await createVictim(browser);
    const b = await createOther(browser);
    const before = await snapshotUser(a.userId);
    const results: string[] = [];

    for (const action of discoverActions()) {
      const spec = ACTIONS[action.key]!;
      if (spec.access === "public" || spec.skipAsOther) continue;
      const asB = await callAction(b.request, action, [spec.args(a)]);
      results.push(`${action.exportedName}: ${JSON.stringify(asB.result)}`);
      expect(asB.status, `${action.key} as B: HTTP status`).toBe(200);
      expect(
        asB.result,
        `${action.key} as B: no {ok,…} result in the response:\n${asB.text.slice(0, 500)}`,
      ).not.toBeNull();
      if (spec.access === "admin" || !spec.selfScoped) {
        expect(asB.result, `${action.key} as B with A's ids`).toMatchObject({ ok: false, code: "not_found" });
        const random = await callAction(b.request, action, [spec.random!()]);
        expect(comparable(asB), `${action.key}: "not yours" must look exactly like "not found"`).toEqual(
          comparable(random),
        );
      }
      // Nothing of A's appears in what B gets back.
      for (const id of [a.connectionId, a.accountId, a.wizardId, a.userId, a.email])
        expect(asB.text, `${action.key} leaks ${id}`).not.toContain(id);
    }
    expect(await snapshotUser(a.userId), `A's rows changed after B's calls:\n${results.join("\n")}`).toEqual(before);
    // B asking for A's objects is logged nowhere as an action of A's.
    const { rows } = await sql().query(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "targetId" = ANY($2)`,
      [b.userId, [a.connectionId, a.userId]],
    );
    expect(rows[0].n).toBe(0);
    // …but the refusals are in the server log, with B's id, for whoever watches for enumeration.
    await expect
      .poll(
        () =>
          fs
            .readFileSync(path.join(distDir, "e2e-server.log"), "utf8")
            .split("\n")
            .filter((l) => l.includes(b.userId) && l.includes("refused: not found")).length,
      )
      .toBeGreaterThan(0);
  });

  test("without a session, with a tampered cookie, with a middleware-bypass header or after sign-out, no action or route runs", async ({
    browser,
    playwright,
  }) => {
    const a = await createVictim(browser);
    const b = await createOther(browser);
    const cookies = await b.context.cookies();
    const sessionCookie = cookies.find((c) => c.name.includes("next-auth.session-token"));
    expect(sessionCookie, "the session cookie").toBeDefined();
    expect(sessionCookie!.httpOnly).toBe(true);

    // B signs out through the UI; the old cookie value is then replayed by an attacker.
    await b.page.goto("/settings");
    await b.page.getByRole("button", { name: "Sign out", exact: true }).first().click();
    await expect(b.page).toHaveURL(/\/signin/);

    const variants: { name: string; ctx: APIRequestContext }[] = [
      { name: "no session", ctx: await playwright.request.newContext({ baseURL }) },
      {
        name: "tampered cookie",
        ctx: await playwright.request.newContext({
          baseURL,
          extraHTTPHeaders: { cookie: `${sessionCookie!.name}=${sessionCookie!.value.slice(0, -4)}AAAA` },
        }),
      },
      {
        name: "after sign-out",
        ctx: await playwright.request.newContext({
          baseURL,
          extraHTTPHeaders: { cookie: `${sessionCookie!.name}=${sessionCookie!.value}` },
        }),
      },
      {
        name: "middleware-bypass header",
        ctx: await playwright.request.newContext({
          baseURL,
          extraHTTPHeaders: {
            "x-middleware-subrequest":
              "proxy:proxy:proxy:proxy:proxy:middleware:middleware:middleware:middleware:middleware",
          },
        }),
      },
    ];

    const before = await snapshotUser(a.userId);
    const bBefore = await snapshotUser(b.userId);
    for (const { name, ctx } of variants) {
      for (const action of discoverActions()) {
        const spec = ACTIONS[action.key]!;
        if (spec.access === "public") continue;
        const r = await callAction(ctx, action, [spec.args(a)]);
        expect(r.result, `${action.key} (${name})`).toMatchObject({
          ok: false,
          code: spec.access === "admin" ? "not_found" : "unauthenticated",
        });
      }
      for (const [file, spec] of Object.entries(ROUTES)) {
        if (spec.public) continue;
        const res = await ctx.get(spec.victimUrl!(a), { maxRedirects: 0 });
        expect(res.status(), `${file} (${name})`).toBe(spec.unauthenticatedStatus);
        expect(await res.text(), `${file} (${name})`).not.toContain(a.accountId);
      }
      // Signed-in pages send the visitor to sign-in; admin pages pretend not to exist.
      const page = await ctx.get("/dashboard", { maxRedirects: 0 });
      expect([302, 303, 307, 308], `/dashboard (${name})`).toContain(page.status());
      expect((await ctx.get("/admin", { maxRedirects: 0 })).status(), `/admin (${name})`).toBe(404);
      await ctx.dispose();
    }
    expect(await snapshotUser(a.userId)).toEqual(before);
    expect(await snapshotUser(b.userId)).toEqual(bBefore);
  });

  test("route handlers and pages with ids: B gets the same answer for A's ids as for missing ones", async ({
    browser,
  }) => {
    const a = await createVictim(browser);
    const b = await createOther(browser);
    for (const [file, spec] of Object.entries(ROUTES)) {
      if (spec.public || !spec.randomUrl) continue;
      const mine = await b.request.get(spec.victimUrl!(a));
      const none = await b.request.get(spec.randomUrl());
      expect(mine.status(), file).toBe(none.status());
      const [t1, t2] = [await mine.text(), await none.text()];
      expect(t1.replaceAll(a.accountId, "ID").replaceAll(a.connectionId, "ID"), file).toBe(
        t2.replaceAll(RANDOM_ID, "ID"),
      );
      expect(mine.headers()["cache-control"] ?? "", `${file}: user data must not be cached by shared caches`).toMatch(
        /no-store|private/,
      );
    }
    // A's own view of the same URLs does return data (so the checks above are not vacuous).
    const own = await a.page.request.get(ROUTES["app/api/transactions/route.ts"]!.victimUrl!(a));
    expect(JSON.stringify(await own.json())).toContain(a.accountId);

    // Dynamic pages: every [id] page answers 404 for A's id as for a missing one.
    const dynamicPages = discoverPages().filter((p) => p.includes("["));
    const idFor: Record<string, string> = {
      "app/(app)/accounts/[id]/page.tsx": a.accountId,
      "app/(app)/banks/wizard/[id]/page.tsx": a.wizardId,
    };
    expect(
      dynamicPages.filter((p) => !idFor[p]),
      "dynamic pages without an id row in access-control.spec.ts",
    ).toEqual([]);
    for (const p of dynamicPages) {
      const url =
        "/" +
        p
          .replace(/^app\//, "")
          .replace(/\/page\.tsx$/, "")
          .split("/")
          .filter((s) => !/^\(.*\)$/.test(s))
          .join("/");
      for (const id of [idFor[p]!, RANDOM_ID]) {
        await b.page.goto(url.replace("[id]", id));
        await expect(
          b.page.getByText(/does not exist|gibt es nicht/i).first(),
          `${p} with ${id === RANDOM_ID ? "a missing" : "A's"} id`,
        ).toBeVisible();
        expect(await b.page.content()).not.toContain(a.email);
      }
    }
  });

  test("a normal user gets 404 on every admin page and not_found from every admin action, also with a forged role field", async ({
    browser,
  }) => {
    const a = await createVictim(browser);
    const b = await createOther(browser);
    const adminPages = discoverPages().filter((p) => p.startsWith("app/admin/"));
    expect(adminPages.length).toBeGreaterThan(3);
    for (const p of adminPages) {
      const url = "/" + p.replace(/\/page\.tsx$/, "").replace(/^app\//, "");
      const res = await b.request.get(url, { maxRedirects: 0 });
      expect(res.status(), url).toBe(404);
    }
    const before = await snapshotUser(a.userId);
    for (const action of discoverActions().filter((x) => ACTIONS[x.key]!.access === "admin")) {
      const args = {
        ...(ACTIONS[action.key]!.args(a) as object),
        role: "ADMIN",
        isAdmin: true,
        viewer: { role: "ADMIN" },
      };
      const r = await callAction(b.request, action, [args]);
      expect(r.result, action.key).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await snapshotUser(a.userId)).toEqual(before);
    const { rows } = await sql().query(`SELECT role, disabled FROM "User" WHERE id = $1`, [b.userId]);
    expect(rows[0]).toEqual({ role: "USER", disabled: false });
  });
});

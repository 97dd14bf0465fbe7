/**
 * Bad input against every server action, route handler and the sign-in form (catalogue 1–3, 5–10):
 * huge strings, NUL and odd Unicode, wrong types, extra fields (mass assignment), `__proto__` keys,
 * bodies that are not what the client sends, impossible dates and amounts off the cent grid.
 * Each gets a clear error (a code, never "internal", never a stack trace) and changes nothing.
 */
import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { sql } from "../fixtures/app";
import {
  callAction,
  createVictim,
  discoverActions,
  snapshotUser,
  type ActionResponse,
  type DiscoveredAction,
} from "./helpers";
import { ACTIONS } from "./tables";

const MB = 1024 * 1024;
const ODD = [
  "\u0000",
  "a\u0000b",
  "\u202Egnp.exe",
  "e\u0301\u200D\u200B\uFEFF",
  "😀".repeat(50),
  "\uD800",
  "<script>alert(1)</script>",
  '\'; DROP TABLE "User"; --',
  "$@0",
];
const WRONG_TYPES: unknown[] = [123, -0, 1e21, ["a", "b"], { not: null }, null, true, {}];

/** Variants of a valid argument object, each with a name for the failure message. */
function variants(base: Record<string, unknown>): { name: string; arg: unknown; big?: boolean }[] {
  const out: { name: string; arg: unknown; big?: boolean }[] = [];
  for (const key of Object.keys(base)) {
    for (const size of [10 * 1024, MB - 100 * 1024])
      out.push({ name: `${key}: ${size} chars`, arg: { ...base, [key]: "x".repeat(size) }, big: size > 100_000 });
    for (const s of ODD) out.push({ name: `${key}: ${JSON.stringify(s)}`, arg: { ...base, [key]: s } });
    for (const w of WRONG_TYPES) {
      // Same primitive type as the valid value is not a wrong type (e.g. `true` for a boolean).
      if (w !== null && typeof w !== "object" && typeof w === typeof base[key]) continue;
      out.push({ name: `${key}: ${JSON.stringify(w)}`, arg: { ...base, [key]: w } });
    }
  }
  out.push({
    name: "extra fields",
    arg: { ...base, userId: "someone-else", isAdmin: true, role: "ADMIN", id: "x", disabled: true },
  });
  for (const notAnObject of [null, [], "text", 42, true])
    out.push({ name: `argument ${JSON.stringify(notAnObject)}`, arg: notAnObject });
  return out;
}

/** A refusal the user can act on: one of the app's codes (never internal) and no leak of internals. */
function expectClearRefusal(r: ActionResponse, what: string) {
  expect(r.status, `${what}: HTTP status`).toBe(200);
  expect(r.result, `${what}: no {ok,…} result:\n${r.text.slice(0, 400)}`).not.toBeNull();
  if (r.result!.ok === false) expect(r.result!.code, `${what}: ${JSON.stringify(r.result)}`).not.toBe("internal");
  expect(r.text, what).not.toMatch(/PrismaClient|invalid byte sequence|\n\s+at .+:\d+:\d+/);
}

test.describe("bad input", () => {
  test.describe.configure({ timeout: 600_000 });

  test("every action refuses bad values, wrong types, extra fields and odd bodies clearly and changes nothing", async ({
    browser,
  }) => {
    const a = await createVictim(browser, { syncMode: "FULL", bankCode: "88888888" });
    const request = a.page.request;
    // Session-ending and account-deleting actions last, so a wrongly accepted input shows as a failure there.
    const order = (x: DiscoveredAction) => (/signOutEverywhere|deleteAccount/.test(x.exportedName) ? 1 : 0);
    const actions = discoverActions().sort((x, y) => order(x) - order(y));
    const accepted: string[] = [];
    let calls = 0;

    for (const action of actions) {
      const spec = ACTIONS[action.key];
      expect(spec, `${action.key}: add it to e2e/security/tables.ts`).toBeDefined();
      const base = spec!.args(a) as Record<string, unknown>;
      const before = await snapshotUser(a.userId);
      let anyOk = false;
      for (const v of variants(base)) {
        const r = await callAction(request, action, [v.arg]);
        calls++;
        expectClearRefusal(r, `${action.exportedName} with ${v.name}`);
        if (r.result!.ok) {
          anyOk = true;
          accepted.push(`${action.exportedName} with ${v.name}`);
        }
      }
      // Prototype pollution: __proto__ / constructor.prototype keys as JSON (React's reply decoder parses them as data).
      const proto = JSON.stringify({
        ...base,
        __proto__: { isAdmin: true, role: "ADMIN" },
        constructor: { prototype: { polluted: true } },
      });
      const rest = JSON.stringify(base).slice(1, -1);
      const rawProto = `[{"__proto__":{"isAdmin":true,"role":"ADMIN"},"constructor":{"prototype":{"polluted":true}}${rest ? "," + rest : ""}}]`;
      for (const body of [rawProto, `[${proto}]`]) {
        const r = await callAction(request, action, [], { rawBody: body });
        expectClearRefusal(r, `${action.exportedName} with __proto__ keys`);
        if (r.result!.ok) anyOk = true;
      }
      // Zero arguments and two arguments.
      for (const body of ["[]", JSON.stringify([base, base])]) {
        const r = await callAction(request, action, [], { rawBody: body });
        expectClearRefusal(r, `${action.exportedName} with body ${body.slice(0, 40)}`);
        if (r.result!.ok) anyOk = true;
      }
      if (!anyOk && spec!.access !== "public")
        expect(await snapshotUser(a.userId), `${action.key}: a refused call changed A's rows`).toEqual(before);
      // Whatever was accepted, no field outside the schema reached the database.
      const { rows } = await sql().query(`SELECT role, disabled FROM "User" WHERE id = $1`, [a.userId]);
      expect(rows[0], `${action.key}: mass assignment`).toEqual({ role: "USER", disabled: false });
    }
    expect(calls).toBeGreaterThan(300);
    // Only inputs the schema allows may succeed (e.g. extra fields stripped by a non-strict schema).
    // (A non-strict schema drops unknown keys; notes and passwords are free text, so odd but
    // storable text is fine there.)
    for (const line of accepted)
      expect(line, "accepted a bad value").toMatch(
        /with extra fields$|^(setTransactionDetailsAction with note|signUpAction with password): "(?!\\u0000)/,
      );
    // Nothing polluted Object.prototype on the server: a fresh request still sees a clean object.
    // (a11y.spec.ts promotes its own "a11y-admin-…" user in SQL to check the admin pages.)
    const { rows: users } = await sql().query(
      `SELECT count(*)::int AS n FROM "User" WHERE role = 'ADMIN' AND email <> 'admin@e2e.test' AND email NOT LIKE 'a11y-admin-%'`,
    );
    expect(users[0].n).toBe(0);
  });

  test("bodies over the limit and bodies that are not action replies are refused without running anything", async ({
    browser,
  }) => {
    const a = await createVictim(browser, { syncMode: "FULL", bankCode: "88888888" });
    const request = a.page.request;
    const update = discoverActions().find((x) => x.exportedName === "updateSettingsAction")!;
    const before = await snapshotUser(a.userId);
    const bodies = [
      { name: "2 MB string", body: JSON.stringify([{ locale: "x".repeat(2 * MB) }]) },
      { name: "not JSON", body: "this is not json" },
      { name: "truncated JSON", body: '[{"locale":"de"' },
      { name: "a bare object", body: '{"locale":"de"}' },
    ];
    for (const { name, body } of bodies) {
      const r = await callAction(request, update, [], { rawBody: body });
      expect(r.result?.ok, name).not.toBe(true);
      expect(r.status, `${name}: refused, not crashed with an unhandled error page`).toBeLessThan(600);
      expect(r.text, name).not.toMatch(/\n\s+at .+:\d+:\d+|node_modules/);
    }
    // An unknown action id is a clear client error, not a crash.
    const unknown = await callAction(request, { id: "7f" + "0".repeat(40), pagePath: "/settings" }, [{}]);
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    expect(await snapshotUser(a.userId)).toEqual(before);
  });

  test("route handlers answer odd query strings with a clear status (never 500) and only the viewer's data", async ({
    browser,
  }) => {
    const a = await createVictim(browser, { syncMode: "FULL", bankCode: "88888888" });
    const request = a.page.request;
    const odd = [
      "from=2025-02-30",
      "from=2025-13-01",
      "from=0000-01-01&to=9999-12-31",
      "from=2025-1-1",
      "from=2025-01-01T23:30:00%2B02:00",
      "from=",
      "min=1e21",
      "min=NaN&max=Infinity",
      "min=12.345",
      "min=-12.005",
      "min=0.30000000000000004",
      "min=1.000,50",
      "min=1,000.50",
      "min=999999999999999999999",
      `q=${"x".repeat(10_000)}`,
      "q=%00",
      "q=%E2%80%AE%F0%9F%98%80",
      "q=a%27%3B%20DROP%20TABLE%20%22User%22",
      "account=x&account=y&account[]=z",
      "account[__proto__][isAdmin]=true",
      "__proto__[polluted]=1",
      "cursor=not-a-cursor",
      "cursor=" + Buffer.from('{"d":"2025-02-30","i":"-1"}').toString("base64url"),
      "status=DROP&direction=sideways&category=..%2F..",
    ];
    for (const q of odd) {
      for (const path of ["/api/transactions", "/api/transactions/export", "/transactions"]) {
        const res = await request.get(`${path}?${q}`);
        expect([200, 400], `${path}?${q.slice(0, 60)}`).toContain(res.status());
        const text = await res.text();
        expect(text, `${path}?${q.slice(0, 60)}`).not.toMatch(/\n\s+at .+:\d+:\d+|PrismaClient|invalid byte sequence/);
      }
    }
    for (const q of ["ids=" + "x,".repeat(2000), "ids=%00", "ids[]=1", "ids=" + "a".repeat(100)]) {
      const res = await request.get(`/api/sync-status?${q}`);
      expect([200, 400], q.slice(0, 40)).toContain(res.status());
    }
    for (const q of ["q=" + "x".repeat(5000), "q=%00%00", "q=", "q[]=a"]) {
      const res = await request.get(`/api/banks/search?${q}`);
      expect([200, 400], q.slice(0, 40)).toContain(res.status());
    }
  });

  test("the sign-in form refuses huge, NUL and odd input with its normal message", async ({ page }) => {
    for (const [email, password] of [
      ["x".repeat(100_000) + "@e2e.test", "x"],
      ["nul\u0000@e2e.test", "a\u0000b"],
      ["\u202Eevil@e2e.test", "😀".repeat(1000)],
      ["not-an-email", "x".repeat(1024 * 512)],
    ]) {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(email!);
      await page.getByLabel("Password").fill(password!);
      await page.getByRole("button", { name: "Sign in" }).click();
      // The form's own message (Next's route announcer is an always-present alert region).
      await expect(page.getByText(/Email or password is wrong|Too many attempts/)).toBeVisible({ timeout: 30_000 });
      expect(page.url()).toContain(`${baseURL}/signin`);
    }
  });
});

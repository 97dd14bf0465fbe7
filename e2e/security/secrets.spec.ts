/**
 * Secrets (catalogue 55–57, 60–63): the XS2A API key, a user's access token, their `shared`
 * credential half, the auth secret, the encryption key and the session cookie never appear in the
 * server log, any response (HTML, RSC payloads, action and route answers, error answers), the
 * client bundle, browser storage, URLs, or a dump of every table (only ciphertext there).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { baseURL, e2eEnv } from "../../playwright.config";
import { unzip } from "../../lib/export/zip";
import { sandbox, sql } from "../fixtures/app";
import { callAction, createVictim, discoverActions, distDir } from "./helpers";

/** AES-256-GCM as lib/crypto.ts writes it (v1.<keyId>.<iv>.<ct>.<tag>), to learn the plaintext canaries. */
function decrypt(value: string, ctx: { table: string; rowId: string; ownerId: string }) {
  const [, keyId, iv, ct, tag] = value.split(".");
  const entry = e2eEnv.SALDO_ENCRYPTION_KEYS.split(",").find((k) => k.startsWith(`${keyId}:`))!;
  const d = crypto.createDecipheriv(
    "aes-256-gcm",
    Buffer.from(entry.slice(keyId!.length + 1), "base64"),
    Buffer.from(iv!, "base64url"),
  );
  d.setAAD(Buffer.from(`saldo/v1/${ctx.table}/${ctx.rowId}/${ctx.ownerId}`, "utf8"));
  d.setAuthTag(Buffer.from(tag!, "base64url"));
  return Buffer.concat([d.update(Buffer.from(ct!, "base64url")), d.final()]).toString("utf8");
}

const basic = (secret: string) => Buffer.from(`api:${secret}`).toString("base64");

/** Every secret of the running stack and of user A, by name. */
async function canaries(a: Awaited<ReturnType<typeof createVictim>>) {
  const {
    rows: [bankUser],
  } = await sql().query(`SELECT "tokenCiphertext" FROM "Xs2aBankUser" WHERE "userId" = $1`, [a.userId]);
  const {
    rows: [conn],
  } = await sql().query(`SELECT "credentialsCiphertext" FROM "BankConnection" WHERE id = $1`, [a.connectionId]);
  const token = decrypt(bankUser.tokenCiphertext, { table: "Xs2aBankUser", rowId: a.userId, ownerId: a.userId });
  const half = decrypt(conn.credentialsCiphertext, {
    table: "BankConnection.credentials",
    rowId: a.connectionId,
    ownerId: a.userId,
  });
  expect(half, "the stored half is the one xs2a.js handed the page").toBe(a.credentialHalf);
  const cookie = (await a.page.context().cookies()).find((c) => c.name.includes("session-token"))!.value;
  const encKey = e2eEnv.SALDO_ENCRYPTION_KEYS.split(":")[1]!;
  const out: Record<string, string> = {
    "XS2A API key": e2eEnv.XS2A_SANDBOX_API_KEY,
    "XS2A API key (Basic header)": basic(e2eEnv.XS2A_SANDBOX_API_KEY),
    "auth secret": e2eEnv.NEXTAUTH_SECRET,
    "encryption key": encKey,
    "access token": token,
    "access token (Basic header)": basic(token),
    "shared credential half": half,
    "session cookie": cookie,
  };
  for (const [k, v] of Object.entries(out))
    expect(v.length, `${k} is long enough to be a meaningful canary`).toBeGreaterThan(10);
  return out;
}

function hits(text: string, secrets: Record<string, string>, except: string[] = []) {
  return Object.entries(secrets)
    .filter(([name, v]) => !except.includes(name) && text.includes(v))
    .map(([name]) => name);
}

/** Records every response body of our own origin (documents, RSC payloads, actions, routes) and every URL. */
function recordTraffic(page: Page) {
  const bodies: { url: string; text: string; type?: string }[] = [];
  const urls: string[] = [];
  page.on("request", (req) => void urls.push(req.url(), req.headers()["referer"] ?? ""));
  page.on("response", async (res) => {
    if (!res.url().startsWith(baseURL)) return;
    const type = res.headers()["content-type"] ?? "";
    if (!/html|json|x-component|text\/plain|csv|javascript/.test(type)) return;
    try {
      bodies.push({ url: res.url(), text: await res.text(), type });
    } catch {
      // redirects and aborted requests have no body
    }
  });
  return { bodies, urls };
}

test.describe("secrets", () => {
  test.describe.configure({ timeout: 300_000 });

  test("no secret in responses, RSC payloads, URLs, browser storage, the server log or a dump of every table", async ({
    browser,
  }) => {
    const a = await createVictim(browser);
    expect(a.credentialHalf, "a shared link hands a credential half to the page").toBeTruthy();
    const secrets = await canaries(a);
    const page = a.page;
    const traffic = recordTraffic(page);

    // Crawl every signed-in page through client navigation (RSC payloads) and full loads (HTML).
    const paths = [
      "/dashboard",
      "/accounts",
      `/accounts/${a.accountId}`,
      "/transactions",
      "/banks",
      "/banks/add",
      "/banks/renew",
      "/settings",
      "/settings/outbox",
    ];
    for (const p of paths) await page.goto(p);
    await page.goto("/dashboard");
    for (const name of ["Accounts", "Transactions", "Banks", "Settings"]) {
      const link = page.getByRole("navigation").getByRole("link", { name, exact: true }).first();
      if (await link.isVisible()) await link.click();
      await page.waitForLoadState("networkidle");
    }
    // Routes, and the actions with bad input (error answers) and with real work (sync now).
    for (const url of [
      `/api/transactions?account=${a.accountId}`,
      "/api/transactions/export",
      `/api/sync-status?ids=${a.connectionId}`,
      "/api/banks/search?q=Sandbank",
    ]) {
      const res = await page.request.get(url);
      traffic.bodies.push({ url, text: await res.text() });
    }
    for (const action of discoverActions()) {
      if (/signOutEverywhere|deleteAccount/.test(action.exportedName)) continue;
      const r = await callAction(page.request, action, [
        { connectionId: a.connectionId, wizardId: a.wizardId, transactionId: "x", password: 1 },
      ]);
      traffic.bodies.push({ url: action.key, text: r.text });
    }
    await page.goto("/banks");
    await page.getByTestId("bank-card").first().getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByTestId("bank-card").first().getByTestId("sync-message")).toContainText(
      /Sync finished|Sync did not complete/,
      { timeout: 60_000 },
    );
    // Errors: XS2A answering 500 and HTML pages must produce generic answers without secrets. The faults
    // are scoped to this test's own search and bank connection: tests run side by side on one sandbox.
    const { rows: conn } = await sql().query<{ xs2aId: string }>(
      'SELECT "xs2aId" FROM "BankConnection" WHERE id = $1',
      [a.connectionId],
    );
    const outageQuery = `Outage ${crypto.randomUUID().slice(0, 8)}`;
    const faults = [
      await sandbox("faults", { scope: { search: outageQuery }, kind: "html", count: 3 }),
      await sandbox("faults", { scope: { connectionId: conn[0]!.xs2aId }, kind: "500", count: 3 }),
    ] as { id: string }[];
    const outageSearch = await page.request.get(`/api/banks/search?q=${encodeURIComponent(outageQuery)}`);
    expect(outageSearch.status(), "the bank search answers an error while XS2A is down").toBeGreaterThanOrEqual(500);
    traffic.bodies.push({ url: "bank search during an XS2A outage", text: await outageSearch.text() });
    const syncNow = discoverActions().find((x) => x.exportedName === "syncNowAction")!;
    traffic.bodies.push({
      url: "sync now during an XS2A outage",
      text: (await callAction(page.request, syncNow, [{ connectionId: a.connectionId }])).text,
    });
    for (const f of faults) {
      await fetch(`http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "4311"}/__sandbox/faults/${f.id}`, {
        method: "DELETE",
        headers: { authorization: "Basic " + basic(e2eEnv.XS2A_SANDBOX_API_KEY) },
      });
    }
    await page.waitForTimeout(1500);

    expect(traffic.bodies.length).toBeGreaterThan(20);
    for (const b of traffic.bodies) {
      expect(hits(b.text, secrets), `secret in the response of ${b.url}`).toEqual([]);
      // Stack traces and internals in answers (the framework's own JS chunks name their sources).
      if (!/javascript/.test(b.type ?? ""))
        expect(b.text, `stack trace in the response of ${b.url}`).not.toMatch(
          /\n\s+at .+\(.+:\d+:\d+\)|PrismaClient|node_modules\//,
        );
    }

    // URLs and Referer headers: no secret, no full IBAN, no session id.
    const { rows: ibans } = await sql().query<{ iban: string }>(
      `SELECT iban FROM "BankAccount" WHERE "userId" = $1 AND iban IS NOT NULL`,
      [a.userId],
    );
    expect(ibans.length).toBeGreaterThan(0);
    for (const u of traffic.urls.filter(Boolean)) {
      expect(hits(u, secrets), `secret in URL ${u}`).toEqual([]);
      for (const { iban } of ibans) expect(u, "IBAN in a URL").not.toContain(iban);
    }

    // Browser storage: only next-auth's cookies, the session one HttpOnly; nothing secret stored.
    const storage = await page.evaluate(async () => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      idb: JSON.stringify((await indexedDB.databases?.()) ?? []),
      documentCookie: document.cookie,
    }));
    expect(hits(JSON.stringify(storage), secrets)).toEqual([]);
    expect(storage.documentCookie, "no session cookie readable by scripts").not.toContain("session-token");
    for (const { iban } of ibans)
      expect(storage.local + storage.session, "account data persisted in the browser").not.toContain(iban);
    const cookies = await page.context().cookies();
    for (const c of cookies) {
      expect(c.name, "unexpected cookie").toMatch(
        /next-auth\.(session-token|csrf-token|callback-url)|saldo-locale|locale/,
      );
      if (/session-token|csrf-token/.test(c.name)) {
        expect(c.httpOnly, c.name).toBe(true);
        expect(c.sameSite, c.name).toBe("Lax");
      }
    }

    // A dump of every table: the canaries never appear in plaintext; secret columns hold ciphertext.
    const { rows: tables } = await sql().query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(tables.length).toBeGreaterThan(8);
    let dump = "";
    for (const { t } of tables) {
      const { rows } = await sql().query(`SELECT row_to_json(x)::text AS j FROM "${t}" x`);
      dump += rows.map((r: { j: string }) => r.j).join("\n");
    }
    expect(hits(dump, secrets, ["session cookie"]), "secret in the database dump").toEqual([]);
    const { rows: cipher } = await sql().query(
      `SELECT "tokenCiphertext" AS c FROM "Xs2aBankUser" UNION ALL SELECT "credentialsCiphertext" FROM "BankConnection" WHERE "credentialsCiphertext" IS NOT NULL`,
    );
    for (const { c } of cipher) expect(c).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);

    // The server log of the whole stack so far (app, workers, sandbox).
    const logPath = path.join(distDir, "e2e-server.log");
    const log = fs.readFileSync(logPath, "utf8");
    expect(log.length, "the server log is being captured").toBeGreaterThan(0);
    expect(hits(log, secrets), `secret in ${logPath}`).toEqual([]);
    for (const { iban } of ibans) expect(log, "full IBAN in the server log").not.toContain(iban);
    expect(log, "Authorization header in the server log").not.toMatch(/authorization["']?\s*[:=]\s*["']?Basic /i);
  });

  test("the download of all my data holds no secret", async ({ browser }) => {
    const a = await createVictim(browser);
    const secrets = await canaries(a);
    const page = a.page;
    await page.goto("/settings");
    await page.getByRole("button", { name: /Prepare my data|Meine Daten vorbereiten/ }).click();
    const link = page.getByRole("link", { name: /Download ZIP|ZIP herunterladen/ });
    await expect(link).toBeVisible({ timeout: 120_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const chunks = await (await download.createReadStream()).toArray();
    const files = unzip(Buffer.concat(chunks));
    expect(files.get("transactions.csv")!.toString("utf8").split("\r\n").length).toBeGreaterThan(2);
    const { rows } = await sql().query(
      `SELECT u."passwordHash", b."tokenCiphertext", c."credentialsCiphertext" FROM "User" u
       JOIN "Xs2aBankUser" b ON b."userId" = u.id JOIN "BankConnection" c ON c."userId" = u.id WHERE u.id = $1`,
      [a.userId],
    );
    const stored = rows[0] as Record<string, string>;
    const all = {
      ...secrets,
      "password hash": stored.passwordHash!,
      "token ciphertext": stored.tokenCiphertext!,
      "half ciphertext": stored.credentialsCiphertext!,
    };
    for (const [name, f] of files) expect(hits(f.toString("utf8"), all), name).toEqual([]);
    // Also the raw archive (names, comments, anything stored uncompressed).
    expect(hits(Buffer.concat(chunks).toString("latin1"), all)).toEqual([]);
  });

  test("the client bundle holds no secret values, no secret variable names and no server-only code", () => {
    const staticDir = path.join(distDir, "static");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(js|css|json|txt|html|map)$/.test(e.name)) files.push(p);
      }
    };
    walk(staticDir);
    expect(files.length).toBeGreaterThan(10);
    const values = [
      e2eEnv.XS2A_SANDBOX_API_KEY,
      e2eEnv.NEXTAUTH_SECRET,
      e2eEnv.SALDO_ENCRYPTION_KEYS.split(":")[1]!,
      process.env.DATABASE_URL ?? "postgres://",
    ];
    const names = [
      "NEXTAUTH_SECRET",
      "SALDO_ENCRYPTION_KEYS",
      "XS2A_API_KEY",
      "XS2A_SANDBOX_API_KEY",
      "DATABASE_URL",
      "SMTP_PASSWORD",
      "SMTP_URL",
    ];
    for (const f of files) {
      const text = fs.readFileSync(f, "utf8");
      for (const v of values) expect(text.includes(v), `${f} contains a secret value`).toBe(false);
      for (const n of names) expect(text.includes(n), `${f} mentions ${n}`).toBe(false);
      // Server-only modules (Prisma client, pg, the crypto helpers) never reach the browser.
      expect(text, `${f} bundles server code`).not.toMatch(
        /createCipheriv|createDecipheriv|PrismaClient|new PgBoss|@node-rs\/argon2|\$queryRaw/,
      );
    }
  });
});

/**
 * Helpers for the security specs: discover every server action (from the build's
 * server-reference manifest) and route handler (from app/**\/route.ts) at run time, call actions
 * the way Next's client does, and snapshot a user's rows to prove nothing changed.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { linkBank, signUp as appSignUp, sql, type SyncModeChoice } from "../fixtures/app";

export const distDir = process.env.NEXT_DIST_DIR || ".next";

export type DiscoveredAction = { id: string; key: string; filename: string; exportedName: string; pagePath: string };

/** "app/(app)/banks/page" → "/banks"; dynamic segments get a placeholder (the action runs before the page). */
function workerToPath(worker: string) {
  const parts = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((p) => p && !/^\(.*\)$/.test(p));
  return "/" + parts.map((p) => (p.startsWith("[") ? "x" : p)).join("/");
}

/** Every server action the production build contains (id, source file and export name). */
export function discoverActions(): DiscoveredAction[] {
  const file = path.join(distDir, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, v]) => {
    const workers = Object.keys(v.workers);
    const page = workers.find((w) => !w.includes("[")) ?? workers[0]!;
    return {
      id,
      key: `${v.filename}#${v.exportedName}`,
      filename: v.filename,
      exportedName: v.exportedName,
      pagePath: workerToPath(page),
    };
  });
}

export type DiscoveredRoute = { file: string; urlPath: string; methods: string[] };

/** Every route handler under app/ with the HTTP methods it exports. */
export function discoverRoutes(): DiscoveredRoute[] {
  const out: DiscoveredRoute[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^route\.(ts|tsx|js)$/.test(e.name)) {
        const src = fs.readFileSync(p, "utf8");
        const methods = new Set<string>();
        for (const m of src.matchAll(
          /export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g,
        ))
          methods.add(m[1]!);
        for (const m of src.matchAll(/export\s*\{([^}]*)\}/g))
          for (const n of m[1]!.matchAll(
            /\bas\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|^\s*(GET|POST|PUT|PATCH|DELETE)\s*$/gm,
          ))
            methods.add((n[1] ?? n[2])!);
        const rel = path.relative(".", p).split(path.sep).join("/");
        const urlPath =
          "/" +
          rel
            .replace(/^app\//, "")
            .replace(/\/?route\.(ts|tsx|js)$/, "")
            .split("/")
            .filter((s) => s && !/^\(.*\)$/.test(s))
            .join("/");
        out.push({ file: rel, urlPath, methods: [...methods].sort() });
      }
    }
  };
  walk("app");
  return out;
}

/** Every page under app/ (for page-level checks such as admin pages and dynamic [id] pages). */
export function discoverPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^page\.(tsx|ts|jsx|js)$/.test(e.name)) out.push(path.relative(".", p).split(path.sep).join("/"));
    }
  };
  walk("app");
  return out.sort();
}

export type ActionResponse = {
  status: number;
  text: string;
  result: Record<string, unknown> | null;
  headers: Record<string, string>;
};

/**
 * Calls a server action as Next's client does: POST to a page that uses it, header Next-Action,
 * the arguments as a JSON array (React's reply encoding for plain JSON values; strings starting
 * with "$" are escaped as "$$" like encodeReply does).
 */
export async function callAction(
  request: APIRequestContext,
  action: Pick<DiscoveredAction, "id" | "pagePath">,
  args: unknown[],
  opts: { origin?: string | null; headers?: Record<string, string>; rawBody?: string; contentType?: string } = {},
): Promise<ActionResponse> {
  const headers: Record<string, string> = {
    "next-action": action.id,
    accept: "text/x-component",
    // A fresh connection per call: a pooled keep-alive socket that the server closed after its
    // idle timeout (5 s, e.g. while the test linked a bank in the browser) fails with ECONNRESET.
    connection: "close",
    "content-type": opts.contentType ?? "text/plain;charset=UTF-8",
    ...(opts.origin === null ? {} : { origin: opts.origin ?? baseURL }),
    ...opts.headers,
  };
  const body =
    opts.rawBody ?? JSON.stringify(args, (_k, v) => (typeof v === "string" && v.startsWith("$") ? "$" + v : v));
  const res = await request.post(action.pagePath, { headers, data: body, maxRedirects: 0, failOnStatusCode: false });
  const text = await res.text();
  return { status: res.status(), text, result: parseActionResult(text), headers: res.headers() };
}

/** The action's return value from an RSC response (the row whose JSON is an {ok, …} object). */
export function parseActionResult(text: string): Record<string, unknown> | null {
  for (const line of text.split("\n")) {
    const m = /^[0-9a-f]+:(.*)$/.exec(line);
    if (!m) continue;
    try {
      const v = JSON.parse(m[1]!) as unknown;
      if (v && typeof v === "object" && !Array.isArray(v) && "ok" in v) return v as Record<string, unknown>;
    } catch {
      // not a JSON row (e.g. a text chunk)
    }
  }
  return null;
}

/** An action result without the parts that differ per call (the logged error id). */
export function comparable(r: ActionResponse) {
  const { errorId: _e, ...rest } = (r.result ?? {}) as Record<string, unknown>;
  return { status: r.status, result: rest };
}

// Not ConsentReminder and OutboxEmail: the daily reminder job writes those for anyone whose consent
// nears its end, and the sandbox clock (shared by every spec) may carry A's consent there mid-test.
const OWNED_TABLES = [
  "User",
  "Xs2aBankUser",
  "BankConnection",
  "WizardSession",
  "BankAccount",
  "Transaction",
  "TransactionMonthly",
  "SyncRun",
  "Contract",
  "Category",
  "Rule",
] as const;

/** Every row a user owns (and their balance snapshots), as JSON text, for before/after checks. */
export async function snapshotUser(userId: string) {
  const out: Record<string, unknown[]> = {};
  for (const t of OWNED_TABLES) {
    const col = t === "User" ? "id" : "userId";
    const { rows } = await sql().query(
      `SELECT row_to_json(t)::text AS j FROM "${t}" t WHERE "${col}" = $1 ORDER BY 1`,
      [userId],
    );
    out[t] = rows.map((r: { j: string }) => r.j);
  }
  const { rows } = await sql().query(
    `SELECT row_to_json(s)::text AS j FROM "BalanceSnapshot" s JOIN "BankAccount" a ON a.id = s."accountId" WHERE a."userId" = $1 ORDER BY 1`,
    [userId],
  );
  out.BalanceSnapshot = rows.map((r: { j: string }) => r.j);
  // Sessions: which exist and whether they were ended (lastSeenAt moves with every request).
  const { rows: sessions } = await sql().query(
    `SELECT id, "revokedAt" FROM "UserSession" WHERE "userId" = $1 ORDER BY id`,
    [userId],
  );
  out.UserSession = sessions;
  return out;
}

/**
 * Waits until contract detection (queued after the import) has run and none is pending, so
 * snapshots are stable; returns one of the user's contracts.
 */
export async function waitForContracts(userId: string): Promise<string> {
  await expect
    .poll(
      async () => {
        const { rows } = await sql().query(
          `SELECT (SELECT count(*)::int FROM "Contract" WHERE "userId" = $1) AS contracts,
                  (SELECT count(*)::int FROM pgboss.job WHERE name = 'detect-contracts' AND singleton_key = $1
                     AND state IN ('created', 'retry', 'active')) AS pending`,
          [userId],
        );
        return rows[0].contracts > 0 && rows[0].pending === 0;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  const { rows } = await sql().query(`SELECT id FROM "Contract" WHERE "userId" = $1 ORDER BY id LIMIT 1`, [userId]);
  return rows[0].id as string;
}

/** Waits until no sync run of the user is queued or running (so snapshots are stable). */
export async function waitForQuietSyncs(userId: string) {
  await expect
    .poll(
      async () =>
        (
          await sql().query(
            `SELECT count(*)::int AS n FROM "SyncRun" WHERE "userId" = $1 AND status IN ('QUEUED','RUNNING')`,
            [userId],
          )
        ).rows[0].n,
      {
        timeout: 60_000,
      },
    )
    .toBe(0);
}

/** Sign-up through the UI, confirmed and signed in: fixtures/app.ts's signUp. */
export async function signUp(page: Page, opts: { email?: string } = {}) {
  return appSignUp(page, opts);
}

export type Victim = {
  email: string;
  userId: string;
  connectionId: string;
  accountId: string;
  transactionId: string;
  wizardId: string;
  contractId: string;
  /** A's own category and rule (issue 17), inserted directly. */
  categoryId: string;
  ruleId: string;
  /** A budget of A's (made in the database: the budgets page has its own spec). */
  budgetId: string;
  /** A's newest session row (its id is what "sign out this one" takes). */
  sessionId: string;
  /** The `shared` credential half xs2a.js handed the page (plaintext, to search for). */
  credentialHalf: string | null;
  page: Page;
};

/** User A: signed up in their own context with one linked bank (shared mode gives a credential half). */
export async function createVictim(
  browser: Browser,
  opts: { syncMode?: SyncModeChoice; bankCode?: string } = {},
): Promise<Victim> {
  const context = await browser.newContext();
  const page = await context.newPage();
  let credentialHalf: string | null = null;
  page.on("request", (req) => {
    if (req.method() === "POST" && req.headers()["next-action"] && req.postData()?.includes("credentials")) {
      try {
        const arg = (JSON.parse(req.postData()!) as { credentials?: string }[])[0];
        if (arg?.credentials) credentialHalf = arg.credentials;
      } catch {
        // multipart or another shape: not the completeWizard call
      }
    }
  });
  const email = await signUp(page);
  await linkBank(page, { syncMode: opts.syncMode ?? "SHARED", bankCode: opts.bankCode ?? "99990001" });
  const { rows: u } = await sql().query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  const userId = u[0]!.id;
  await waitForQuietSyncs(userId);
  const q = async (text: string) => (await sql().query(text, [userId])).rows[0];
  const connectionId = (await q(`SELECT id FROM "BankConnection" WHERE "userId" = $1 ORDER BY "createdAt" LIMIT 1`))
    .id as string;
  const accountId = (await q(`SELECT id FROM "BankAccount" WHERE "userId" = $1 ORDER BY "createdAt" LIMIT 1`))
    .id as string;
  const transactionId = String((await q(`SELECT id FROM "Transaction" WHERE "userId" = $1 ORDER BY id LIMIT 1`)).id);
  const wizardId = (await q(`SELECT id FROM "WizardSession" WHERE "userId" = $1 ORDER BY "createdAt" LIMIT 1`))
    .id as string;
  const contractId = await waitForContracts(userId);
  const categoryId = `cvictim${userId.replace(/[^a-z0-9]/g, "").slice(-16)}`;
  const ruleId = `rvictim${userId.replace(/[^a-z0-9]/g, "").slice(-16)}`;
  await sql().query(`INSERT INTO "Category" (id, "userId", name, color) VALUES ($1, $2, 'Victim', '#123456')`, [
    categoryId,
    userId,
  ]);
  await sql().query(
    `INSERT INTO "Rule" (id, "userId", name, position, match, conditions, actions, "updatedAt")
     VALUES ($1, $2, 'Victim', 1, 'all', '{"counterparty":"zzzz-no-match"}', '{"tags":["victim"]}', now())`,
    [ruleId, userId],
  );
  const budgetId = (
    await q(
      `INSERT INTO "Budget" (id, "userId", category, currency, amount, "startMonth", "updatedAt")
       VALUES ('victimbudget' || md5($1), $1, 'K.2', 'EUR', 100, date_trunc('month', now())::date, now()) RETURNING id`,
    )
  ).id as string;
  const sessionId = (
    await q(
      `SELECT id FROM "UserSession" WHERE "userId" = $1 AND "revokedAt" IS NULL ORDER BY "createdAt" DESC LIMIT 1`,
    )
  ).id as string;
  return {
    email,
    userId,
    connectionId,
    accountId,
    transactionId,
    wizardId,
    contractId,
    categoryId,
    ruleId,
    budgetId,
    sessionId,
    credentialHalf,
    page,
  };
}

/** A second signed-in user in a fresh browser context (its `request` carries the session cookie). */
export async function createOther(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = await signUp(page);
  const { rows } = await sql().query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  return { email, userId: rows[0]!.id, context, page, request: context.request };
}

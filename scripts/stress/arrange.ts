// Shared by the closed-loop load test (load.ts) and the open-loop capacity test (capacity.ts):
// users with a linked sandbox bank (through the headless wizard), signed in over HTTP, and the
// "sync now" server action's id. Reads DATABASE_URL, E2E_PORT, XS2A_SANDBOX_* and NEXT_DIST_DIR.
import fs from "node:fs";
import path from "node:path";

export const base = `http://localhost:${process.env.E2E_PORT}`;
export const sandboxUrl = `http://127.0.0.1:${process.env.XS2A_SANDBOX_PORT}`;
export const sandboxAuth = "Basic " + Buffer.from(`api:${process.env.XS2A_SANDBOX_API_KEY}`).toString("base64");
const PASSWORD = "stress-test-password-2026";
process.env.LOG_LEVEL = "silent";

export const { db } = await import("@/lib/db");
const { hashPassword } = await import("@/lib/auth/password");
const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
type Harness = Parameters<typeof linkSandboxBank>[0];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

function cookieJar() {
  const jar = new Map<string, string>();
  return {
    take(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const eq = pair!.indexOf("=");
        jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
    },
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
    has: (name: string) => [...jar.keys()].some((k) => k.includes(name)),
  };
}

async function signIn(email: string) {
  const jar = cookieJar();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, json: "true" }),
  });
  jar.take(res);
  if (!jar.has("session-token")) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return jar;
}

export type StressUser = {
  id: string;
  email: string;
  connectionId: string;
  accountId: string;
  jar: ReturnType<typeof cookieJar>;
};

/** `count` users, each with one sandbox bank (alternately Testbank and Nordbank), signed in. */
export async function arrangeUsers(count: number): Promise<{ users: StressUser[]; seeded: number }> {
  const t0 = Date.now();
  const passwordHash = await hashPassword(PASSWORD);
  const run = Date.now().toString(36);
  const users: StressUser[] = [];
  const harness = { server: { url: sandboxUrl } } as unknown as Harness;
  await pool(
    Array.from({ length: count }, (_, i) => i),
    6,
    async (i) => {
      const email = `load-${run}-${i}@stress.test`;
      const user = await db.user.create({ data: { email, passwordHash } });
      const { connection } = await linkSandboxBank(harness, {
        userId: user.id,
        syncMode: "FULL",
        bankCode: i % 2 ? "88888888" : "99990002",
        userName: `load${i % 20}`,
      });
      const account = await db.bankAccount.findFirstOrThrow({
        where: { connectionId: connection.id },
        select: { id: true },
      });
      users.push({ id: user.id, email, connectionId: connection.id, accountId: account.id, jar: await signIn(email) });
    },
  );
  const seeded = await db.transaction.count();
  console.log(
    `arranged ${users.length} users with ${seeded} transactions in ${Math.round((Date.now() - t0) / 1000)} s`,
  );
  return { users, seeded };
}

/** The "sync now" action id, from the build's manifest (as the browser would have it). */
export function syncNowActionId(): string {
  const manifest = JSON.parse(
    fs.readFileSync(
      path.join(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"),
      "utf8",
    ),
  ) as { node: Record<string, { filename: string; exportedName: string }> };
  return Object.entries(manifest.node).find(([, v]) => v.exportedName === "syncNowAction")![0];
}

/** Presses "sync now" for one user's bank as the browser does; "queued" or the refusal's code. */
export async function pressSyncNow(u: StressUser, actionId: string): Promise<string> {
  const res = await fetch(`${base}/banks`, {
    method: "POST",
    headers: {
      cookie: u.jar.header(),
      "next-action": actionId,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: base,
    },
    body: JSON.stringify([{ connectionId: u.connectionId }]),
    signal: AbortSignal.timeout(30_000),
  }).catch(() => null);
  const text = res ? await res.text().catch(() => "") : "";
  return /"ok":true/.test(text) ? "queued" : (/"code":"(\w+)"/.exec(text)?.[1] ?? `http ${res?.status ?? "error"}`);
}

/** Moves the sandbox clock a day: every bank has new turnovers for the next sync. */
export async function advanceSandboxDay() {
  await fetch(`${sandboxUrl}/__sandbox/clock/advance`, {
    method: "POST",
    headers: { authorization: sandboxAuth, "content-type": "application/json" },
    body: JSON.stringify({ days: 1 }),
  });
}

/**
 * Waits (at most `ms`) until no sync run is queued or running and, with `jobs`, no background job
 * (imports, contract detection) is due either.
 */
export async function waitForQuiet(opts: { jobs: boolean; ms: number }) {
  const start = Date.now();
  while (Date.now() - start < opts.ms) {
    const runs = await db.syncRun.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } });
    const [jobs] = opts.jobs
      ? await db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now()`
      : [{ n: 0 }];
    if (runs === 0 && (jobs?.n ?? 0) === 0) return;
    await sleep(1000);
  }
}

/** p-th percentile of sorted values. */
export const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

// Load test (catalogue 52, part of 49/53): STRESS_USERS simulated users browse their transactions
// (the infinite list's JSON pages, the transactions page, the dashboard) for STRESS_SECONDS while
// syncs write: every STRESS_SYNC_EVERY seconds the sandbox clock moves one day (new turnovers at
// XS2A) and a tenth of the users press "sync now". Reports p50/p95/p99 per request kind, errors,
// sync outcomes and duplicate rows. Started by scripts/stress.ts against a running stack
// (scripts/e2e-server.ts); reads DATABASE_URL, E2E_PORT, XS2A_SANDBOX_* and NEXT_DIST_DIR.
import fs from "node:fs";
import path from "node:path";

const USERS = Number(process.env.STRESS_USERS ?? 200);
const SECONDS = Number(process.env.STRESS_SECONDS ?? 60);
const SYNC_EVERY = Number(process.env.STRESS_SYNC_EVERY ?? 10);
const base = `http://localhost:${process.env.E2E_PORT}`;
const sandboxUrl = `http://127.0.0.1:${process.env.XS2A_SANDBOX_PORT}`;
const sandboxAuth = "Basic " + Buffer.from(`api:${process.env.XS2A_SANDBOX_API_KEY}`).toString("base64");
const PASSWORD = "stress-test-password-2026";
process.env.LOG_LEVEL = "silent";

const { db } = await import("@/lib/db");
const { hashPassword } = await import("@/lib/auth/password");
const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
type Harness = Parameters<typeof linkSandboxBank>[0];

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

// ── arrange: users with a linked sandbox bank (through the headless wizard), signed in over HTTP ──
const t0 = Date.now();
const passwordHash = await hashPassword(PASSWORD);
const run = Date.now().toString(36);
const users: { id: string; email: string; connectionId: string; jar: ReturnType<typeof cookieJar> }[] = [];
const harness = { server: { url: sandboxUrl } } as unknown as Harness;
await pool(
  Array.from({ length: USERS }, (_, i) => i),
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
    users.push({ id: user.id, email, connectionId: connection.id, jar: await signIn(email) });
  },
);
const seeded = await db.transaction.count();
console.log(`arranged ${users.length} users with ${seeded} transactions in ${Math.round((Date.now() - t0) / 1000)} s`);

// The "sync now" action id, from the build's manifest (as the browser would have it).
const manifest = JSON.parse(
  fs.readFileSync(path.join(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"), "utf8"),
) as {
  node: Record<string, { filename: string; exportedName: string }>;
};
const syncNowId = Object.entries(manifest.node).find(([, v]) => v.exportedName === "syncNowAction")![0];

// ── act: readers and writers together ──
type Sample = { kind: string; ms: number; ok: boolean };
const samples: Sample[] = [];
const errors = new Map<string, number>();
let inconsistentPages = 0;
const end = Date.now() + SECONDS * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timed(kind: string, url: string, init: RequestInit, check?: (res: Response) => Promise<boolean>) {
  const start = performance.now();
  let ok = false;
  try {
    const res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    ok = res.status === 200 && (check ? await check(res) : (await res.arrayBuffer(), true));
    if (!ok) errors.set(`${kind} ${res.status}`, (errors.get(`${kind} ${res.status}`) ?? 0) + 1);
  } catch (err) {
    errors.set(`${kind} ${(err as Error).name}`, (errors.get(`${kind} ${(err as Error).name}`) ?? 0) + 1);
  }
  samples.push({ kind, ms: performance.now() - start, ok });
}

async function reader(u: (typeof users)[number]) {
  await sleep(Math.random() * 2000);
  let cursor: string | null = null;
  const queries = ["", "q=REWE", "q=Miete", "direction=out", "status=PENDING"];
  while (Date.now() < end) {
    const r = Math.random();
    const headers = { cookie: u.jar.header() };
    if (r < 0.6) {
      const q = cursor ? `cursor=${encodeURIComponent(cursor)}` : queries[Math.floor(Math.random() * queries.length)]!;
      await timed("GET /api/transactions", `${base}/api/transactions?${q}`, { headers }, async (res) => {
        const page = (await res.json()) as { items: { id: string; bookingDate: string }[]; nextCursor: string | null };
        // A reader never sees a half-applied sync as duplicates or out-of-order rows in one page.
        const ids = page.items.map((x) => x.id);
        const sorted = page.items.every((x, k) => k === 0 || page.items[k - 1]!.bookingDate >= x.bookingDate);
        if (new Set(ids).size !== ids.length || !sorted) inconsistentPages++;
        cursor = Math.random() < 0.7 ? page.nextCursor : null;
        return true;
      });
    } else if (r < 0.85) await timed("GET /transactions", `${base}/transactions`, { headers });
    else await timed("GET /dashboard", `${base}/dashboard`, { headers });
    await sleep(300 + Math.random() * 700);
  }
}

const syncOutcomes = new Map<string, number>();
async function writer() {
  let round = 0;
  while (Date.now() < end) {
    await sleep(SYNC_EVERY * 1000);
    if (Date.now() >= end) break;
    await fetch(`${sandboxUrl}/__sandbox/clock/advance`, {
      method: "POST",
      headers: { authorization: sandboxAuth, "content-type": "application/json" },
      body: JSON.stringify({ days: 1 }),
    });
    const chosen = users.filter((_, i) => i % 10 === round % 10);
    round++;
    await Promise.all(
      chosen.map(async (u) => {
        const start = performance.now();
        const res = await fetch(`${base}/banks`, {
          method: "POST",
          headers: {
            cookie: u.jar.header(),
            "next-action": syncNowId,
            accept: "text/x-component",
            "content-type": "text/plain;charset=UTF-8",
            origin: base,
          },
          body: JSON.stringify([{ connectionId: u.connectionId }]),
        }).catch(() => null);
        const text = res ? await res.text() : "";
        const code = /"ok":true/.test(text)
          ? "queued"
          : (/"code":"(\w+)"/.exec(text)?.[1] ?? `http ${res?.status ?? "error"}`);
        syncOutcomes.set(code, (syncOutcomes.get(code) ?? 0) + 1);
        samples.push({ kind: "POST sync now", ms: performance.now() - start, ok: code === "queued" });
      }),
    );
  }
}

const loadStart = Date.now();
await Promise.all([...users.map(reader), writer()]);
const loadSeconds = (Date.now() - loadStart) / 1000;

// Let the queue drain, then check the data.
const drainStart = Date.now();
while (Date.now() - drainStart < 180_000) {
  const busy = await db.syncRun.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } });
  if (busy === 0) break;
  await sleep(1000);
}
const runs = await db.syncRun.groupBy({ by: ["status"], _count: true, where: { trigger: "MANUAL" } });
const stuck = await db.syncRun.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } });
const duplicates = await db.$queryRaw<
  { n: bigint }[]
>`SELECT count(*) AS n FROM (SELECT 1 FROM "Transaction" GROUP BY "accountId", identity HAVING count(*) > 1) d`;
const written = (await db.transaction.count()) - seeded;

const pct = (xs: number[], p: number) =>
  xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0;
const lines: string[] = [];
lines.push(
  `LOAD REPORT: ${USERS} users, ${Math.round(loadSeconds)} s, ${samples.length} requests (${(samples.length / loadSeconds).toFixed(1)}/s)`,
);
lines.push(
  `${"kind".padEnd(22)} ${"n".padStart(6)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"errors".padStart(7)}`,
);
for (const kind of [...new Set(samples.map((s) => s.kind))].sort()) {
  const of = samples.filter((s) => s.kind === kind);
  const ms = of.map((s) => s.ms).sort((a, b) => a - b);
  lines.push(
    `${kind.padEnd(22)} ${String(of.length).padStart(6)} ${pct(ms, 50).toFixed(0).padStart(8)} ${pct(ms, 95).toFixed(0).padStart(8)} ${pct(ms, 99).toFixed(0).padStart(8)} ${String(of.filter((s) => !s.ok).length).padStart(7)}`,
  );
}
lines.push(`errors: ${errors.size ? [...errors].map(([k, v]) => `${k} ×${v}`).join(", ") : "none"}`);
lines.push(
  `sync now: ${[...syncOutcomes].map(([k, v]) => `${k} ${v}`).join(", ")}; runs ${runs.map((r) => `${r.status} ${r._count}`).join(", ")}; still queued/running ${stuck}`,
);
lines.push(
  `rows written during the load: ${written}; duplicate rows: ${Number(duplicates[0]!.n)}; inconsistent pages seen: ${inconsistentPages}`,
);
console.log("\n" + lines.join("\n"));
await db.$disconnect();
const readErrors = samples.filter((s) => !s.ok && s.kind.startsWith("GET")).length;
process.exit(readErrors === 0 && Number(duplicates[0]!.n) === 0 && inconsistentPages === 0 && stuck === 0 ? 0 : 1);

// Load test (catalogue 52, part of 49/53): STRESS_USERS simulated users browse their transactions
// (the infinite list's JSON pages, the transactions page, the dashboard) for STRESS_SECONDS while
// syncs write: every STRESS_SYNC_EVERY seconds the sandbox clock moves one day (new turnovers at
// XS2A) and a tenth of the users press "sync now". Reports p50/p95/p99 per request kind, errors,
// sync outcomes and duplicate rows. Started by scripts/stress.ts against a running stack
// (scripts/e2e-server.ts); reads DATABASE_URL, E2E_PORT, XS2A_SANDBOX_* and NEXT_DIST_DIR.
import {
  advanceSandboxDay,
  arrangeUsers,
  base,
  db,
  pct,
  pressSyncNow,
  sleep,
  syncNowActionId,
  waitForQuiet,
} from "./arrange";

const USERS = Number(process.env.STRESS_USERS ?? 200);
const SECONDS = Number(process.env.STRESS_SECONDS ?? 60);
const SYNC_EVERY = Number(process.env.STRESS_SYNC_EVERY ?? 10);

const { users, seeded } = await arrangeUsers(USERS);
const syncNowId = syncNowActionId();

// ── act: readers and writers together ──
type Sample = { kind: string; ms: number; ok: boolean };
const samples: Sample[] = [];
const errors = new Map<string, number>();
let inconsistentPages = 0;
const end = Date.now() + SECONDS * 1000;

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
    await advanceSandboxDay();
    const chosen = users.filter((_, i) => i % 10 === round % 10);
    round++;
    await Promise.all(
      chosen.map(async (u) => {
        const start = performance.now();
        const code = await pressSyncNow(u, syncNowId);
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
await waitForQuiet({ jobs: false, ms: 180_000 });
const runs = await db.syncRun.groupBy({ by: ["status"], _count: true, where: { trigger: "MANUAL" } });
const stuck = await db.syncRun.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } });
const duplicates = await db.$queryRaw<
  { n: bigint }[]
>`SELECT count(*) AS n FROM (SELECT 1 FROM "Transaction" GROUP BY "accountId", identity HAVING count(*) > 1) d`;
const written = (await db.transaction.count()) - seeded;

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

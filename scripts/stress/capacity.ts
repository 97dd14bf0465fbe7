// Open-loop capacity test (issue 21): requests arrive at a fixed rate whatever the server's
// answers (Poisson arrivals), as many independent users would send them, so a saturated server
// shows as growing latency instead of a slower load generator. At each rate of STRESS_RATES
// (requests/s, default 2,5,10,20,40) for STRESS_STEP_SECONDS (30) it sends a mix like real
// sessions — dashboard, transactions page, the transactions API with search and filters, an
// account page, the banks page and "sync now" (the sandbox clock moves a day at each step, so
// syncs write meanwhile) — and reports per kind p50/p95/p99 and errors, the app server's CPU
// milliseconds per request and PostgreSQL's busy milliseconds per request (pg_stat_database
// active_time, syncs included), then the capacity: the highest rate at which every kind's p95
// stays under 300 ms with no error. The app runs with SERVER_TIMING=1: per kind, the p50/p95 of
// its responses' Server-Timing `db` (database) and `app` (render and framework) durations say where
// a request's time went before its headers (the rest of the latency: waiting to be taken,
// the body streamed after the headers, the network).
// Started by scripts/stress.ts (`npm run test:stress -- capacity`).
import { AsyncLocalStorage } from "node:async_hooks";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { parseServerTiming } from "../server-timing.mjs";
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
const RATES = (process.env.STRESS_RATES ?? "2,5,10,20,40").split(",").map(Number);
const STEP_SECONDS = Number(process.env.STRESS_STEP_SECONDS ?? 30);
// A p95 of a dozen samples is their maximum: a low rate's step lasts until about this many requests
// were sent (2/s: 100 s), so each kind's p95 rests on enough samples.
const STEP_MIN_REQUESTS = Number(process.env.STRESS_STEP_MIN_REQUESTS ?? 200);
const stepSeconds = (rate: number) => Math.max(STEP_SECONDS, Math.ceil(STEP_MIN_REQUESTS / rate));
// A freshly started server compiles routes and warms its JIT and caches in its first seconds: that
// is not what users of a running deployment meet, so a warm-up at a low rate comes first, unreported.
const WARMUP_RATE = Number(process.env.STRESS_WARMUP_RATE ?? 5);
const WARMUP_SECONDS = Number(process.env.STRESS_WARMUP_SECONDS ?? 20);
const P95_GOAL_MS = 300;

const { users } = await arrangeUsers(USERS);
const syncNowId = syncNowActionId();

/** The pid of the process listening on the app's port (the Next.js server), or null. */
function appPid(): number | null {
  try {
    const out = execFileSync("ss", ["-ltnpH", `sport = :${process.env.E2E_PORT}`], { encoding: "utf8" });
    const m = /pid=(\d+)/.exec(out);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
const pid = appPid();
const TICK_MS = 1000 / 100; // USER_HZ: clock ticks of /proc/<pid>/stat are 10 ms on Linux
function cpuMs(): number | null {
  if (!pid) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return null;
  }
}
async function dbActiveMs(): Promise<number> {
  const [row] = await db.$queryRaw<{ ms: number }[]>`
    SELECT coalesce(sum(active_time), 0)::float8 AS ms FROM pg_stat_database WHERE datname = current_database()`;
  return row?.ms ?? 0;
}

/**
 * The Server-Timing of the response a request kind's send() fetched: every fetch of this process
 * reports it to the sample in its async context (send() may fetch through arrange.ts's helpers).
 */
type ServerTiming = { db?: number; app?: number; bytes?: number };
const responseTiming = new AsyncLocalStorage<ServerTiming>();
const plainFetch = globalThis.fetch;
globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
  const res = await plainFetch(...args);
  const timing = responseTiming.getStore();
  if (timing) {
    const metrics = parseServerTiming(res.headers.get("server-timing"));
    timing.db = metrics.db?.dur;
    timing.app = metrics.app?.dur;
  }
  return res;
};

const QUERIES = ["", "q=REWE", "q=Miete", "q=3,40", "direction=out", "status=PENDING", "q=rewe&direction=out"];
type Kind = { name: string; weight: number; send: (u: (typeof users)[number]) => Promise<boolean> };
const get = async (u: (typeof users)[number], path: string) => {
  const res = await fetch(`${base}${path}`, {
    headers: { cookie: u.jar.header() },
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  const body = await res.arrayBuffer();
  const timing = responseTiming.getStore();
  if (timing) timing.bytes = body.byteLength;
  return res.status === 200;
};
const kinds: Kind[] = [
  { name: "GET /dashboard", weight: 20, send: (u) => get(u, "/dashboard") },
  { name: "GET /transactions", weight: 15, send: (u) => get(u, "/transactions") },
  {
    name: "GET /api/transactions",
    weight: 30,
    send: (u) => get(u, `/api/transactions?${QUERIES[Math.floor(Math.random() * QUERIES.length)]}`),
  },
  { name: "GET /accounts/[id]", weight: 15, send: (u) => get(u, `/accounts/${u.accountId}`) },
  { name: "GET /banks", weight: 15, send: (u) => get(u, "/banks") },
  // A refusal because a sync of that bank is already queued is an answer, not an error.
  {
    name: "POST sync now",
    weight: 5,
    send: async (u) => ["queued", "rate_limited"].includes(await pressSyncNow(u, syncNowId)),
  },
];
const totalWeight = kinds.reduce((s, k) => s + k.weight, 0);
function pickKind(): Kind {
  let r = Math.random() * totalWeight;
  for (const k of kinds) if ((r -= k.weight) < 0) return k;
  return kinds[kinds.length - 1]!;
}

type Sample = { kind: string; ms: number; ok: boolean; db?: number; app?: number; bytes?: number };
type StepResult = {
  rate: number;
  sent: number;
  achievedRate: number;
  samples: Sample[];
  cpuMsPerRequest: number | null;
  dbMsPerRequest: number;
};

async function step(rate: number, seconds = STEP_SECONDS): Promise<StepResult> {
  await advanceSandboxDay();
  const samples: Sample[] = [];
  const inFlight: Promise<void>[] = [];
  const cpu0 = cpuMs();
  const db0 = await dbActiveMs();
  const start = performance.now();
  const end = start + seconds * 1000;
  let next = start;
  while (next < end) {
    next += (-Math.log(1 - Math.random()) / rate) * 1000; // exponential gaps: Poisson arrivals
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    const kind = pickKind();
    const user = users[Math.floor(Math.random() * users.length)]!;
    const t = performance.now();
    const timing: ServerTiming = {};
    inFlight.push(
      responseTiming.run(timing, () =>
        kind
          .send(user)
          .catch(() => false)
          .then((ok) => {
            samples.push({ kind: kind.name, ms: performance.now() - t, ok, ...timing });
          }),
      ),
    );
  }
  const sendSeconds = (performance.now() - start) / 1000;
  await Promise.all(inFlight);
  const cpu1 = cpuMs();
  const db1 = await dbActiveMs();
  return {
    rate,
    sent: inFlight.length,
    achievedRate: inFlight.length / sendSeconds,
    samples,
    cpuMsPerRequest: cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / inFlight.length : null,
    dbMsPerRequest: (db1 - db0) / inFlight.length,
  };
}

const results: StepResult[] = [];
// The arrangement's first syncs and contract detection must not count against the first rate.
await waitForQuiet({ jobs: true, ms: 300_000 });
if (WARMUP_SECONDS > 0) {
  console.log(`warm-up at ${WARMUP_RATE} requests/s for ${WARMUP_SECONDS} s (not reported)…`);
  await step(WARMUP_RATE, WARMUP_SECONDS);
  await waitForQuiet({ jobs: true, ms: 300_000 });
}
for (const rate of RATES) {
  console.log(`open loop at ${rate} requests/s for ${stepSeconds(rate)} s…`);
  results.push(await step(rate, stepSeconds(rate)));
  await waitForQuiet({ jobs: true, ms: 300_000 });
}

const meets = (r: StepResult) =>
  r.samples.every((s) => s.ok) &&
  kinds.every((k) => {
    const ms = r.samples.filter((s) => s.kind === k.name).map((s) => s.ms);
    return (
      pct(
        ms.sort((a, b) => a - b),
        95,
      ) < P95_GOAL_MS
    );
  });
const lines: string[] = [];
lines.push(
  `CAPACITY REPORT: open loop, ${USERS} users, ${STEP_SECONDS} s per rate (at least ${STEP_MIN_REQUESTS} requests) after a ${WARMUP_SECONDS}-s warm-up at ${WARMUP_RATE}/s; user cache ${process.env.SALDO_USER_CACHE ?? "on"}; app pid ${pid ?? "not found (no CPU figure)"}`,
);
/** "p50/p95" of one Server-Timing duration over the samples that carry it, or "–". */
const timingPct = (of: Sample[], key: "db" | "app") => {
  const ms = of.map((s) => s[key]).filter((v): v is number => v !== undefined);
  if (!ms.length) return "–";
  ms.sort((a, b) => a - b);
  return `${pct(ms, 50).toFixed(0)}/${pct(ms, 95).toFixed(0)}`;
};
/** The median response body of a kind, in kB (the HTML with its inlined RSC payload, or JSON). */
const kB = (of: Sample[]) => {
  const b = of.map((s) => s.bytes).filter((v): v is number => v !== undefined);
  if (!b.length) return "–";
  b.sort((x, y) => x - y);
  return (pct(b, 50) / 1024).toFixed(0);
};
lines.push(
  `${"rate/s".padStart(6)} ${"kind".padEnd(22)} ${"n".padStart(5)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(6)} ${"db p50/p95".padStart(11)} ${"app p50/p95".padStart(11)} ${"kB p50".padStart(7)}`,
);
for (const r of results) {
  for (const k of kinds) {
    const of = r.samples.filter((s) => s.kind === k.name);
    const ms = of.map((s) => s.ms).sort((a, b) => a - b);
    lines.push(
      `${String(r.rate).padStart(6)} ${k.name.padEnd(22)} ${String(of.length).padStart(5)} ${pct(ms, 50).toFixed(0).padStart(7)} ${pct(ms, 95).toFixed(0).padStart(7)} ${pct(ms, 99).toFixed(0).padStart(7)} ${String(of.filter((s) => !s.ok).length).padStart(6)} ${timingPct(of, "db").padStart(11)} ${timingPct(of, "app").padStart(11)} ${kB(of).padStart(7)}`,
    );
  }
  lines.push(
    `${String(r.rate).padStart(6)} ${"all".padEnd(22)} ${String(r.sent).padStart(5)}  sent at ${r.achievedRate.toFixed(1)}/s; app CPU ${r.cpuMsPerRequest === null ? "–" : r.cpuMsPerRequest.toFixed(1)} ms/request; PostgreSQL busy ${r.dbMsPerRequest.toFixed(1)} ms/request; ${meets(r) ? "meets" : "misses"} p95 < ${P95_GOAL_MS} ms with 0 errors`,
  );
}
const capacity = results.filter(meets).reduce((best, r) => Math.max(best, r.rate), 0);
lines.push(
  `capacity: ${capacity ? `${capacity} requests/s` : `below ${RATES[0]} requests/s`} (the highest rate tried with every kind's p95 < ${P95_GOAL_MS} ms and 0 errors)`,
);
console.log("\n" + lines.join("\n"));
await db.$disconnect();
process.exit(0);

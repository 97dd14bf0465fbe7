/**
 * Recovery stress test: real worker processes (scripts/worker.ts) killed with SIGKILL in the middle
 * of their sync runs; every run must be finished by another worker's takeover (a heartbeat stale
 * for 30 s, looked for every 10 s: lib/sync/recover-dead-runs.ts, the production values) within
 * 90 s of the kill, with exactly the rows a clean run writes.
 *
 * Two workers run against this database and the sandbox (a real HTTP service in this process). Each
 * round links RECOVER_PER_ROUND (8) fresh users to the same sandbox login (`volume-N`:
 * RECOVER_VOLUME (1000) turnovers per account, 2,000 rows, so a run lasts seconds), starts their
 * syncs through the real path ("Sync now": enqueueSync → pg-boss → a worker) at random moments over
 * a spread window and, at its end, kills the worker holding more of them: each run is hit at its
 * own random point (before the bank call, following XS2A, mid-import, after it, or still in the
 * queue). A replacement worker starts at once; the round ends when every run has finished. Rounds
 * go on until RECOVER_RUNS (40) runs were held by a killed worker. Runs held by the survivor, or
 * not yet started, are checked the same way but not counted. A worker killed between taking a job
 * and claiming its run counts as "queued on the killed worker".
 *
 * 2 cores shared with other work (load average 14), with the streaming import: 112 runs in 14
 * rounds, 41 killed, kill→finished p50 36.1 s, max 48.9 s, 825 s in all.
 *
 *   npm run test:stress -- recover                        # 40 killed runs, about ten minutes
 *   node prisma/with-db.mjs --fresh npx tsx --conditions=react-server scripts/recover-test.ts
 *   RECOVER_RUNS=100 RECOVER_VOLUME=5000 RECOVER_LOG=1 …   # longer, bigger accounts, worker logs
 */
import os from "node:os";
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { startHarness, linkSandboxBank } from "@/scripts/fixtures/sync-test-harness";
import { sameFingerprint, syncFingerprint } from "@/scripts/fixtures/sync-fingerprint";

const RUNS = Number(process.env.RECOVER_RUNS ?? 40);
const VOLUME = Number(process.env.RECOVER_VOLUME ?? 1000);
const PER_ROUND = Number(process.env.RECOVER_PER_ROUND ?? 8);
/** The issue's bound from a kill to the run's end. */
const BOUND_MS = 90_000;
/** A round that is not finished this long after its kill has failed (and stops the test). */
const ROUND_GIVE_UP_MS = 240_000;
const MAX_ROUNDS = Math.max(10, Math.ceil(RUNS / 2) + 10);

process.env.LOG_LEVEL = "silent";
const h = await startHarness({ timeoutMs: 30_000 });
const { db } = await import("@/lib/db");
const { enqueueSync } = await import("@/lib/sync/enqueue-sync");
const { createUser } = await import("@/scripts/fixtures/test-fixtures");

const t0 = Date.now();
const secondsSince = (t: number) => ((Date.now() - t) / 1000).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The machine is shared: the 1-minute load average, sampled through the test.
const loads: number[] = [];
const sampler = setInterval(() => loads.push(os.loadavg()[0]!), 5000);
sampler.unref();

interface Worker {
  name: string;
  child: ChildProcess;
  /** Run ids this worker claimed ("sync run claimed" in its log), each with when. */
  claimed: Map<string, number>;
  ready: Promise<void>;
  /** Killed by this test (any other exit fails it). */
  killed: boolean;
  tail: string[];
}

const workers: Worker[] = [];
let workerCount = 0;
let unexpectedExit: string | null = null;

function startWorker(): Worker {
  const name = `worker-${++workerCount}`;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const w: Worker = { name, child, claimed: new Map(), ready: Promise.resolve(), killed: false, tail: [] };
  w.ready = new Promise((resolve, reject) => {
    const onLine = (line: string) => {
      w.tail.push(line);
      if (w.tail.length > 50) w.tail.shift();
      if (process.env.RECOVER_LOG) process.stderr.write(`[${name}] ${line}\n`);
      if (!line.startsWith("{")) return;
      let entry: { msg?: string; runId?: string };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg === "worker ready") resolve();
      if (entry.msg === "sync run claimed" && entry.runId) w.claimed.set(entry.runId, Date.now());
    };
    createInterface({ input: child.stdout! }).on("line", onLine);
    createInterface({ input: child.stderr! }).on("line", onLine);
    child.on("exit", (code, signal) => {
      if (!w.killed) {
        unexpectedExit ??= `${name} exited by itself (${code ?? signal}):\n  ${w.tail.slice(-10).join("\n  ")}`;
        reject(new Error(unexpectedExit));
      }
    });
  });
  // Awaited later (a round waits for its replacement); an early exit must not crash the test first.
  w.ready.catch(() => undefined);
  workers.push(w);
  return w;
}

const alive = () => workers.filter((w) => !w.killed);

async function kill(w: Worker) {
  w.killed = true;
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  const exited = new Promise((r) => w.child.once("exit", r));
  w.child.kill("SIGKILL");
  await exited;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`timed out after ${ms / 1000} s: ${what}`)))]);
}

async function cleanUp() {
  clearInterval(sampler);
  for (const w of workers) if (!w.killed) await kill(w);
  await db.$disconnect().catch(() => undefined);
  await h.close().catch(() => undefined);
}

/** Stops here: the workers die with the test (the sandbox and the database connections too). */
function fail(message: string): never {
  console.error(`\nRECOVER FAILED: ${message}`);
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  process.exit(1);
}

async function link() {
  const user = await createUser(db);
  const { connection } = await linkSandboxBank(h, {
    userId: user.id,
    syncMode: "FULL",
    userName: `volume-${VOLUME}`,
    importNow: false,
  });
  return { userId: user.id, connectionId: connection.id };
}

const transactionsOf = (connectionId: string) => db.transaction.count({ where: { account: { connectionId } } });

/** Waits until every run has an end; the runs still open after `ms` are returned. */
async function untilFinished(runIds: string[], ms: number) {
  const end = Date.now() + ms;
  for (;;) {
    if (unexpectedExit) fail(unexpectedExit);
    const open = await db.syncRun.findMany({
      where: { id: { in: runIds }, finishedAt: null },
      select: { id: true, status: true, errorCode: true },
    });
    if (open.length === 0 || Date.now() > end) return open;
    await sleep(250);
  }
}

/** The pg-boss job (queue sync-connection) of each run that is active right now. */
async function activeJobs(runIds: string[]) {
  const rows = await db.$queryRaw<{ id: string; runId: string }[]>`
    SELECT id::text, data->>'runId' AS "runId" FROM pgboss.job
    WHERE name = 'sync-connection' AND state = 'active' AND data->>'runId' = ANY(${runIds})`;
  return new Map(rows.map((r) => [r.runId, r.id]));
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

// ── two workers and a clean run ────────────────────────────────────────────────────────────────
startWorker();
startWorker();
await withTimeout(Promise.all(workers.map((w) => w.ready)), 180_000, "two workers to start").catch((e) =>
  fail(String(e)),
);
console.log(`two workers ready after ${secondsSince(t0)} s`);

const clean = await link();
const cleanEnq = await enqueueSync({ connectionId: clean.connectionId, userId: clean.userId, trigger: "MANUAL" });
const notClean = await untilFinished([cleanEnq.runId], 120_000);
const cleanRun = await db.syncRun.findUniqueOrThrow({ where: { id: cleanEnq.runId } });
if (notClean.length || cleanRun.status !== "SUCCEEDED")
  fail(`the clean run ended ${cleanRun.status} (${cleanRun.errorCode}: ${cleanRun.errorMessage})`);
const expected = await syncFingerprint(db, clean.connectionId);
const expectedTx = await transactionsOf(clean.connectionId);
const cleanMs = cleanRun.finishedAt!.getTime() - cleanRun.startedAt!.getTime();
// Starts spread over this window, the kill at its end: the first runs are well on, the last ones
// barely claimed or still queued. Several runs at once on a worker take longer than one alone.
const SPREAD_MS = Number(process.env.RECOVER_SPREAD_MS ?? Math.min(20_000, Math.max(3000, cleanMs * 2)));
console.log(`clean run: ${expected.length} rows (${expectedTx} transactions) in ${cleanMs} ms; spread ${SPREAD_MS} ms`);

// ── rounds ─────────────────────────────────────────────────────────────────────────────────────
type Phase =
  "queued on the killed worker" | "before the bank call" | "following XS2A" | "importing" | "after the import";
interface Killed {
  runId: string;
  round: number;
  phase: Phase;
  killToEndMs: number;
}
const killedRuns: Killed[] = [];
const failures: string[] = [];
let reported = 0;
let runsTotal = 0;
let round = 0;

while (killedRuns.length < RUNS) {
  if (++round > MAX_ROUNDS) fail(`only ${killedRuns.length} of ${RUNS} runs killed in ${MAX_ROUNDS} rounds`);
  const [a, b] = alive();
  if (!a || !b) fail("fewer than two workers alive at the start of a round");
  const conns: { userId: string; connectionId: string }[] = [];
  for (let i = 0; i < PER_ROUND; i++) conns.push(await link());
  const roundStart = Date.now();
  const runIds = await Promise.all(
    conns.map(async (c) => {
      await sleep(Math.random() * SPREAD_MS);
      const r = await enqueueSync({ connectionId: c.connectionId, userId: c.userId, trigger: "MANUAL" });
      if (!r.created) fail(`"Sync now" reattached to run ${r.runId} of a fresh connection`);
      return r.runId;
    }),
  );
  await sleep(Math.max(0, roundStart + SPREAD_MS - Date.now()));
  runsTotal += runIds.length;

  // The worker holding more of this round's unfinished runs dies.
  const open = new Set(
    (await db.syncRun.findMany({ where: { id: { in: runIds }, finishedAt: null }, select: { id: true } })).map(
      (r) => r.id,
    ),
  );
  const holding = (w: Worker) => runIds.filter((id) => open.has(id) && w.claimed.has(id)).length;
  const victim = holding(a) === holding(b) ? (Math.random() < 0.5 ? a : b) : holding(a) > holding(b) ? a : b;
  const survivor = victim === a ? b : a;
  await kill(victim);
  const killedAt = Date.now();
  const replacement = startWorker();

  // Where each run was when its worker died.
  const at = await db.syncRun.findMany({ where: { id: { in: runIds } } });
  const jobs = await activeJobs(runIds);
  const hit = new Map<string, Phase>();
  for (const r of at) {
    if (r.finishedAt) continue;
    if (r.status === "RUNNING" && victim.claimed.has(r.id) && !survivor.claimed.has(r.id)) {
      const imported = await transactionsOf(r.connectionId);
      hit.set(
        r.id,
        !r.bankSyncRequestedAt
          ? "before the bank call"
          : imported === 0
            ? "following XS2A"
            : imported < expectedTx
              ? "importing"
              : "after the import",
      );
    } else if (r.status === "QUEUED" && jobs.has(r.id)) {
      // Fetched by a worker, not claimed yet: the victim's if the survivor never ran that job.
      hit.set(r.id, "queued on the killed worker");
    }
  }

  const stillOpen = await untilFinished(runIds, ROUND_GIVE_UP_MS);
  for (const r of stillOpen)
    failures.push(`round ${round}: run ${r.id} not finished ${ROUND_GIVE_UP_MS / 1000} s after the kill (${r.status})`);
  const done = await db.syncRun.findMany({ where: { id: { in: runIds } } });
  for (const r of done) {
    const phase = hit.get(r.id);
    // A job the survivor fetched itself (and claimed under that job id) was never the victim's.
    const wasVictims = phase && !(phase === "queued on the killed worker" && r.jobId === jobs.get(r.id));
    if (wasVictims && r.finishedAt) {
      const ms = r.finishedAt.getTime() - killedAt;
      killedRuns.push({ runId: r.id, round, phase, killToEndMs: ms });
      if (ms > BOUND_MS)
        failures.push(
          `round ${round}: run ${r.id} (killed ${phase}) finished ${(ms / 1000).toFixed(1)} s after the kill`,
        );
    }
    const conn = conns[runIds.indexOf(r.id)]!;
    const got = await syncFingerprint(db, conn.connectionId);
    if (r.finishedAt && (r.status !== "SUCCEEDED" || !sameFingerprint(got, expected)))
      failures.push(
        `round ${round}: run ${r.id} (${phase ?? "not killed"}) ended ${r.status}/${r.errorCode ?? "-"}: ${got.length} vs ${expected.length} rows`,
      );
    const runs = await db.syncRun.count({ where: { connectionId: conn.connectionId } });
    if (runs !== 1) failures.push(`round ${round}: connection ${conn.connectionId} has ${runs} sync runs, not 1`);
  }
  const mine = killedRuns.filter((k) => k.round === round);
  console.log(
    `round ${round}: ${runIds.length} runs, killed ${victim.name} holding ${mine.length} ` +
      `(${mine.map((k) => k.phase).join(", ") || "none"}); kill→finished max ` +
      `${mine.length ? Math.max(...mine.map((k) => k.killToEndMs / 1000)).toFixed(1) : "-"} s; ` +
      `${killedRuns.length}/${RUNS} killed so far; load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  for (const f of failures.slice(reported)) console.log(`  FAIL ${f}`);
  reported = failures.length;
  // Two workers again before the next round.
  await withTimeout(replacement.ready, 180_000, `${replacement.name} to start`).catch((e) => fail(String(e)));
}

// ── report ─────────────────────────────────────────────────────────────────────────────────────
const secs = killedRuns.map((k) => k.killToEndMs / 1000);
const phases = new Map<string, number>();
for (const k of killedRuns) phases.set(k.phase, (phases.get(k.phase) ?? 0) + 1);
loads.push(os.loadavg()[0]!);
console.log("\nRECOVER REPORT");
console.log(
  `${runsTotal} runs in ${round} rounds, ${killedRuns.length} killed mid-run, ${failures.length} differing or late; ` +
    `kill→finished p50 ${percentile(secs, 50).toFixed(1)} s, max ${Math.max(...secs).toFixed(1)} s (bound 90 s); ` +
    `${secondsSince(t0)} s; load average 1 min mean ${(loads.reduce((s, x) => s + x, 0) / loads.length).toFixed(2)}, ` +
    `max ${Math.max(...loads).toFixed(2)} on ${os.cpus().length} cores`,
);
console.log(`  killed at: ${[...phases].map(([p, n]) => `${p} ${n}`).join(", ")}`);
for (const f of failures) console.log("  FAIL " + f);
await cleanUp();
process.exit(failures.length === 0 ? 0 : 1);

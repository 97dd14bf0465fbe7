/**
 * Crash test: a worker killed with SIGKILL at a random point of a sync run (before the XS2A call,
 * while following it, while reading, inside an account's write transaction, after commit) must
 * leave data that a rerun completes to exactly what a clean run writes.
 *
 * Each iteration links the same sandbox login for a fresh user, starts the run in a child process,
 * kills it after a random delay, resumes the run in this process and compares every account,
 * balance and transaction (ids aside) with a clean run's.
 *
 *   node prisma/with-db.mjs --fresh npx tsx scripts/crash-test.ts            # 50 runs (a few minutes)
 *   CRASH_RUNS=500 node prisma/with-db.mjs --fresh npx tsx scripts/crash-test.ts   # longer
 *   CRASH_VOLUME=5000 …                                                          # bigger accounts
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { startHarness, linkSandboxBank } from "@/scripts/fixtures/sync-test-harness";
import { syncFingerprint } from "@/scripts/fixtures/sync-fingerprint";

const RUNS = Number(process.env.CRASH_RUNS ?? 50);
const VOLUME = Number(process.env.CRASH_VOLUME ?? 200);
process.env.LOG_LEVEL = process.env.CRASH_LOG ?? "silent";
const h = await startHarness({ timeoutMs: 10_000 });
const { db } = await import("@/lib/db");
const { runSync } = await import("@/lib/sync/run-sync");
const { createUser } = await import("@/scripts/fixtures/test-fixtures");

async function prepare() {
  const user = await createUser(db);
  const { connection } = await linkSandboxBank(h, {
    userId: user.id,
    syncMode: "FULL",
    userName: `volume-${VOLUME}`,
    importNow: false,
  });
  const run = await db.syncRun.create({
    data: { connectionId: connection.id, userId: user.id, trigger: "MANUAL", status: "QUEUED" },
  });
  return { connectionId: connection.id, runId: run.id };
}

const fingerprint = (connectionId: string) => syncFingerprint(db, connectionId);

function runChild(runId: string, killAfterMs: number): Promise<{ killed: boolean; ranMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/crash-test-child.ts", runId],
      {
        env: process.env,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let timer: NodeJS.Timeout | undefined;
    let killed = false;
    let readyAt = Date.now();
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line === "ready") readyAt = Date.now();
      if (line === "ready") timer = setTimeout(() => ((killed = child.kill("SIGKILL")), undefined), killAfterMs);
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === "SIGKILL" || killed, ranMs: Date.now() - readyAt });
    });
  });
}

const t0 = Date.now();
const clean = await prepare();
// Kill points are spread over the time a run takes once its process is ready.
const { ranMs: cleanMs } = await runChild(clean.runId, 3_600_000);
const cleanRun = await db.syncRun.findUniqueOrThrow({ where: { id: clean.runId } });
if (cleanRun.status !== "SUCCEEDED") throw new Error(`clean run ended ${cleanRun.status}: ${cleanRun.errorMessage}`);
const expected = await fingerprint(clean.connectionId);
console.log(`clean run: ${expected.length} rows in ${cleanMs} ms`);

let killedCount = 0;
const failures: string[] = [];
for (let i = 1; i <= RUNS; i++) {
  const { connectionId, runId } = await prepare();
  const killAfter = Math.floor(Math.random() * cleanMs);
  const { killed } = await runChild(runId, killAfter);
  if (killed) killedCount++;
  // The job's retry: the same run resumes (its dead owner's heartbeat counts as stale here).
  const resumed = await runSync({ runId, pollIntervalMs: 20, staleAfterMs: 0 });
  const got = await fingerprint(connectionId);
  const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
  const same = got.length === expected.length && got.every((line, k) => line === expected[k]);
  if (!same || run.status !== "SUCCEEDED")
    failures.push(
      `run ${i} (kill after ${killAfter} ms, ${resumed.outcome}/${run.status}): ${got.length} vs ${expected.length} rows`,
    );
  process.stdout.write(`${same ? "." : "F"}`);
}
console.log(
  `\n${RUNS} runs, ${killedCount} killed mid-run, ${failures.length} differing, ${Math.round((Date.now() - t0) / 1000)} s`,
);
for (const f of failures) console.log("  " + f);
await db.$disconnect();
await h.close();
process.exit(failures.length === 0 ? 0 : 1);

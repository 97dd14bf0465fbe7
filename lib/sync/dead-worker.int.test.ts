/**
 * A worker killed with SIGKILL in the middle of a sync: another worker takes its run over within
 * 60 s (the heartbeat goes stale after 30 s; every worker looks for such runs every 10 s), the run
 * finishes with exactly the rows a clean run writes, and "Sync now" on a dead run starts a fresh
 * run instead of reattaching to it. Real worker processes (scripts/worker.ts) on this suite's
 * PostgreSQL, the sandbox as a real HTTP service.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "@/scripts/fixtures/sync-test-harness";

let h: Harness;
let db: typeof import("@/lib/db").db;
const children: ChildProcess[] = [];

beforeAll(async () => {
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness({ timeoutMs: 30_000 });
  ({ db } = await import("@/lib/db"));
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await db?.$disconnect().catch(() => undefined);
  await h?.close();
});

interface Worker {
  child: ChildProcess;
  /** Every log line so far. */
  lines: string[];
}

/** Starts a worker process; resolves once it handles jobs. */
function startWorker(): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const lines: string[] = [];
    const timer = setTimeout(() => reject(new Error("worker did not start in 90 s")), 90_000);
    const onLine = (line: string) => {
      lines.push(line);
      if (line.includes('"worker ready"')) {
        clearTimeout(timer);
        resolve({ child, lines });
      }
    };
    // The log goes to stderr.
    createInterface({ input: child.stdout! }).on("line", onLine);
    createInterface({ input: child.stderr! }).on("line", onLine);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL") reject(new Error(`worker exited (${code ?? signal})`));
    });
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Everything a run writes for a connection, without row ids. */
async function fingerprint(connectionId: string) {
  const accounts = await db.bankAccount.findMany({ where: { connectionId }, orderBy: { iban: "asc" } });
  const out: string[] = [];
  for (const a of accounts) {
    out.push(`A|${a.iban}|${a.balance?.toFixed(2)}|${a.available?.toFixed(2)}`);
    const txs = await db.transaction.findMany({
      where: { accountId: a.id },
      orderBy: { identity: "asc" },
      select: { identity: true, status: true, amount: true, bookingDate: true },
    });
    for (const t of txs)
      out.push(
        `T|${a.iban}|${t.identity}|${t.status}|${t.amount.toFixed(2)}|${t.bookingDate.toISOString().slice(0, 10)}`,
      );
  }
  return out;
}

async function link(userName: string, importNow: boolean) {
  const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
  const { createUser } = await import("@/scripts/fixtures/test-fixtures");
  const user = await createUser(db);
  const { connection } = await linkSandboxBank(h, { userId: user.id, syncMode: "FULL", userName, importNow });
  return { user, connection };
}

describe("a worker killed mid-sync", () => {
  it("is taken over by another worker within 60 s, with no duplicates", async () => {
    const clean = await link("deadworker", true);
    const { user, connection } = await link("deadworker", false);
    const { enqueueSync } = await import("./enqueue-sync.ts");

    const workers = await Promise.all([startWorker(), startWorker()]);
    // Holds the worker inside its first XS2A call of the run (the sandbox hangs for 10 s).
    await h.fault({ scope: { connectionId: connection.xs2aId }, kind: "timeout", count: 1 });
    const { runId } = await enqueueSync({ connectionId: connection.id, userId: user.id, trigger: "MANUAL" });
    const holder = await waitFor(
      "a worker to claim the run",
      async () => workers.find((w) => w.lines.some((l) => l.includes(runId) && l.includes('"sync run claimed"'))),
      90_000,
    );
    const running = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(running.status).toBe("RUNNING");
    await killed(holder.child);
    const killedAt = Date.now();
    // The other worker claims it again (a stale heartbeat after 30 s, looked for every 10 s): the
    // bound is structural, so it holds on a loaded machine; the re-run's own length is not timed.
    const other = workers.find((w) => w !== holder)!;
    await waitFor(
      "the other worker to take the run over",
      async () => other.lines.some((l) => l.includes(runId) && l.includes('"sync run claimed"')),
      90_000,
    );
    const tookMs = Date.now() - killedAt;
    expect(tookMs, `taken over ${tookMs} ms after the kill`).toBeLessThan(60_000);

    const done = await waitFor(
      "the run to finish",
      async () => {
        const r = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
        return r.finishedAt ? r : null;
      },
      90_000,
    );
    expect(done.status).toBe("SUCCEEDED");
    expect(done.jobId, "a new job ran it").not.toBe(running.jobId);
    // The dead worker's job no longer holds the connection's slot.
    const [dead] = await db.$queryRaw<{ state: string }[]>`
      SELECT state::text FROM pgboss.job WHERE id = ${running.jobId}::uuid`;
    expect(dead?.state).toBe("cancelled");
    // One run, and exactly what a clean run writes.
    expect(await db.syncRun.count({ where: { connectionId: connection.id } })).toBe(1);
    const got = await fingerprint(connection.id);
    expect(got.length).toBeGreaterThan(3);
    expect(got).toEqual(await fingerprint(clean.connection.id));
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) await killed(w.child);
  }, 360_000);

  it('"Sync now" on a dead run starts a fresh run', async () => {
    const { user, connection } = await link("deadworker2", false);
    const dead = await db.syncRun.create({
      data: {
        connectionId: connection.id,
        userId: user.id,
        trigger: "MANUAL",
        status: "RUNNING",
        startedAt: new Date(Date.now() - 60_000),
        heartbeatAt: new Date(Date.now() - 31_000),
      },
    });
    const { enqueueSync } = await import("./enqueue-sync.ts");
    const again = await enqueueSync({ connectionId: connection.id, userId: user.id, trigger: "MANUAL" });
    expect(again.created).toBe(true);
    expect(again.runId).not.toBe(dead.id);
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: "FAILED",
      errorCode: "interrupted",
    });
    // A live run (fresh heartbeat) is reattached to, as before.
    await db.syncRun.update({ where: { id: again.runId }, data: { status: "RUNNING", heartbeatAt: new Date() } });
    expect(await enqueueSync({ connectionId: connection.id, userId: user.id, trigger: "MANUAL" })).toEqual({
      runId: again.runId,
      created: false,
    });
  });
});

describe("a worker killed outside its run", () => {
  it("frees the connection's queue slot, and re-queues a run it took but never claimed", async () => {
    const { startBoss } = await import("@/lib/jobs/boss");
    const { recoverDeadRuns } = await import("./recover-dead-runs.ts");
    const { sendSyncJob } = await import("./sync-queue.ts");
    const boss = await startBoss({ supervise: false, schedule: false });
    const jobState = async (id: string) =>
      (await db.$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE id = ${id}::uuid`)[0]?.state;
    /** A worker took the job `agoMs` ago (as pg-boss's fetch marks it) and, unless recent, died. */
    const taken = (id: string, agoMs: number) => db.$executeRaw`
      UPDATE pgboss.job SET state = 'active', started_on = now() - ${agoMs}::int * interval '1 millisecond'
      WHERE id = ${id}::uuid`;
    const runIds: string[] = [];
    const queuedRun = async (userName: string, status: "QUEUED" | "SUCCEEDED") => {
      const { user, connection } = await link(userName, false);
      const run = await db.syncRun.create({
        data: {
          connectionId: connection.id,
          userId: user.id,
          trigger: "MANUAL",
          status,
          ...(status === "SUCCEEDED" ? { startedAt: new Date(), finishedAt: new Date() } : {}),
        },
      });
      const jobId = await sendSyncJob({ runId: run.id, connectionId: connection.id }, { boss });
      runIds.push(run.id);
      return { run, connection, jobId: jobId! };
    };
    try {
      // Died after taking the job, before claiming the run: the run is still QUEUED.
      const unclaimed = await queuedRun("orphan-unclaimed", "QUEUED");
      await taken(unclaimed.jobId, 31_000);
      // Died after the run's end (pairing transfers): the job still holds the connection's slot,
      // and the next "Sync now" of that connection waits behind it.
      const ended = await queuedRun("orphan-ended", "SUCCEEDED");
      await taken(ended.jobId, 31_000);
      // A live worker that took its job a moment ago: left alone.
      const live = await queuedRun("orphan-live", "QUEUED");
      await taken(live.jobId, 1_000);

      const r = await recoverDeadRuns({ boss });
      expect(r.orphanedJobs).toBeGreaterThanOrEqual(2);
      expect(await jobState(unclaimed.jobId)).toBe("cancelled");
      expect(await jobState(ended.jobId)).toBe("cancelled");
      expect(await jobState(live.jobId)).toBe("active");
      // The unclaimed run has a new job, ready for any worker; the ended run has none.
      const jobsOf = (runId: string) => db.$queryRaw<{ id: string; state: string; priority: number }[]>`
        SELECT id::text, state::text, priority FROM pgboss.job WHERE name = 'sync-connection' AND data->>'runId' = ${runId}`;
      const again = (await jobsOf(unclaimed.run.id)).filter((j) => j.id !== unclaimed.jobId);
      // Ahead of the waiting jobs: it was taken already.
      expect(again.map((j) => [j.state, j.priority])).toEqual([["created", 10]]);
      expect((await jobsOf(ended.run.id)).map((j) => j.state)).toEqual(["cancelled"]);
      expect(await db.syncRun.findUniqueOrThrow({ where: { id: ended.run.id } })).toMatchObject({
        status: "SUCCEEDED",
      });
      // The ended connection's slot is free: its next job can be taken.
      const next = await sendSyncJob({ runId: "next-run", connectionId: ended.connection.id }, { boss });
      expect(next).not.toBeNull();
      await taken(next!, 0);
      expect(await jobState(next!)).toBe("active");
    } finally {
      // Nothing of this test is left for the workers of later files.
      await db.$executeRaw`
        UPDATE pgboss.job SET state = 'cancelled', completed_on = now()
        WHERE name = 'sync-connection' AND state <= 'active' AND singleton_key IN (
          SELECT id FROM "BankConnection" WHERE "userId" IN (
            SELECT "userId" FROM "SyncRun" WHERE id = ANY(${runIds})))`;
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    }
  });
});

/**
 * SIGTERM to a worker in the middle of a sync: the worker stops taking jobs, hands the run back to
 * the queue at a safe point and exits 0 well within its timeout; a second worker then finishes the
 * same run, and nothing is lost. Real worker processes (scripts/worker.ts), pg-boss on PostgreSQL
 * and the sandbox over HTTP. XS2A is held "still syncing" (the sync call answers 204 without
 * syncing) while the first worker follows it, so the SIGTERM lands mid-run every time.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_KEY, type Harness } from "@/scripts/fixtures/sync-test-harness";
import { killWorkerProcesses, startWorkerProcess, until } from "@/scripts/fixtures/worker-process";

let h: Harness;
let boss: PgBoss;
let db: typeof import("@/lib/db").db;
let holdSyncs = true;

beforeAll(async () => {
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness({ timeoutMs: 5_000 });
  const handle = h.server.sandbox.handle.bind(h.server.sandbox);
  h.server.sandbox.handle = async (req: Request) => {
    const isSync = req.method === "POST" && /\/v1\/api\/connections\/[^/]+\/sync$/.test(new URL(req.url).pathname);
    // XS2A accepted the sync and works on it in the background (last_synced does not move yet).
    if (isSync && holdSyncs) return new Response(null, { status: 204 });
    return handle(req);
  };
  ({ db } = await import("@/lib/db"));
  boss = await (await import("@/lib/jobs/define-job")).producerBoss();
});

afterAll(async () => {
  killWorkerProcesses();
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await db?.$disconnect();
  await h?.close();
});

const startWorker = () =>
  startWorkerProcess({
    XS2A_API_URL: h.server.url,
    XS2A_API_KEY: SANDBOX_KEY,
    SALDO_CLOCK: "sandbox",
    WORKER_SHUTDOWN_TIMEOUT_MS: "20000",
  });

describe("graceful worker shutdown", () => {
  it("a SIGTERM mid-sync hands the run back; another worker finishes it and nothing is lost", async () => {
    const { createUser } = await import("@/scripts/fixtures/test-fixtures");
    const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
    const { sendSyncJob } = await import("@/lib/sync/sync-queue");
    const user = await createUser(db);
    const { connection } = await linkSandboxBank(h, { userId: user.id, syncMode: "FULL", importNow: false });
    const run = await db.syncRun.create({
      data: { connectionId: connection.id, userId: user.id, trigger: "MANUAL", status: "QUEUED" },
    });
    expect(await sendSyncJob({ runId: run.id, connectionId: connection.id }, { boss })).toBeTruthy();

    const first = startWorker();
    // The first worker claimed the run, stored its checkpoint, asked XS2A and now follows it.
    await until("the first worker to be mid-run", () =>
      db.syncRun.findFirst({ where: { id: run.id, status: "RUNNING", bankSyncRequestedAt: { not: null } } }),
    );
    const t0 = Date.now();
    first.child.kill("SIGTERM");
    const code = await first.exited;
    const stopMs = Date.now() - t0;
    expect(code, first.output()).toBe(0);
    expect(stopMs).toBeLessThan(20_000);
    expect(first.output()).toContain("sync run handed back to the queue");

    // Handed back: QUEUED again, with a job waiting for it; nothing imported yet, nothing failed.
    const back = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(back).toMatchObject({ status: "QUEUED", heartbeatAt: null, finishedAt: null, errorCode: null });
    const [waiting] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pgboss.job
      WHERE name = 'sync-connection' AND data->>'runId' = ${run.id} AND state IN ('created', 'retry')`;
    expect(Number(waiting!.n)).toBe(1);
    expect(await db.transaction.count({ where: { userId: user.id } })).toBe(0);

    // XS2A finishes syncs again; a second worker takes the same run over and finishes it.
    holdSyncs = false;
    const second = startWorker();
    const done = await until("the run to finish", () =>
      db.syncRun.findFirst({ where: { id: run.id, status: { notIn: ["QUEUED", "RUNNING"] } } }),
    );
    expect(done.status, second.output()).toBe("SUCCEEDED");
    const rows = await db.transaction.count({ where: { userId: user.id } });
    expect(rows).toBeGreaterThan(0);
    expect(done.added).toBe(rows);
    // One run for the connection, never a failed or duplicated one.
    expect(await db.syncRun.count({ where: { connectionId: connection.id } })).toBe(1);

    second.child.kill("SIGTERM");
    expect(await second.exited, second.output()).toBe(0);
  }, 180_000);
});

// The background worker: pg-boss job handlers (sync, scheduled imports, reminders).
// Run as many as you like, on as many machines as you like: pg-boss hands each job to one.
//
// SIGTERM / SIGINT: stop taking jobs; the jobs in hand finish, or hand their work back to the
// queue at a safe point (a sync run goes back to QUEUED for another worker); whatever still runs
// after WORKER_SHUTDOWN_TIMEOUT_MS (default 25 s) is handed back too; then the process exits 0.
import os from "node:os";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { startBoss } from "@/lib/jobs/boss";
import { beginShutdown, handBackUnfinished } from "@/lib/jobs/shutdown";
import { log } from "@/lib/log";
import { registerAllJobs } from "@/lib/worker/all-jobs";
import { startWorkerMetricsServer } from "@/lib/worker/metrics-server";

const timeoutMs = Number(process.env.WORKER_SHUTDOWN_TIMEOUT_MS ?? 25_000);

// Imports and contract detection yield the CPU to requests on a machine shared with the web server
// (Linux nice; threads started after this inherit it). Raising one's own niceness needs no privilege.
try {
  os.setPriority(env().sync.workerNice);
} catch (err) {
  log.warn({ err: { message: (err as Error).message } }, "worker: could not lower its CPU priority");
}

const boss = await startBoss();
await registerAllJobs(boss);
const closeMetrics = await startWorkerMetricsServer();
log.info({ pid: process.pid, nice: os.getPriority() }, "worker ready");

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    const t0 = Date.now();
    log.info({ pid: process.pid, signal: sig }, "worker stopping: no new jobs");
    beginShutdown();
    // Last resort: never outlive the timeout by much, whatever hangs.
    setTimeout(() => process.exit(1), timeoutMs + 10_000).unref();
    // Waits for the handlers in flight (up to the timeout), then fails what still runs so pg-boss retries it.
    await boss.stop({ graceful: true, timeout: timeoutMs, wait: true }).catch((err) => log.error({ err }, "stop"));
    const handedBack = await handBackUnfinished();
    await closeMetrics?.();
    await db.$disconnect().catch(() => undefined);
    log.info({ pid: process.pid, ms: Date.now() - t0, handedBack }, "worker stopped");
    process.exit(0);
  });
}

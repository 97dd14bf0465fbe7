// The background worker: pg-boss job handlers (sync, scheduled imports, reminders).
// Run as many as you like, on as many machines as you like: pg-boss hands each job to one.
import { startBoss } from "@/lib/jobs/boss";
import { registerAllJobs } from "@/lib/worker/all-jobs";
import { log } from "@/lib/log";

const boss = await startBoss();
await registerAllJobs(boss);
log.info({ pid: process.pid }, "worker ready");

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    await boss.stop({ graceful: true, timeout: 10_000 }).catch(() => undefined);
    process.exit(0);
  });
}

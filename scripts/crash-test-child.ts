// Child of scripts/crash-test.ts: runs one sync run and is killed with SIGKILL at a random point.
import { db } from "@/lib/db";
import { runSync } from "@/lib/sync/run-sync";

const runId = process.argv[2];
if (!runId) throw new Error("usage: crash-test-child <runId>");
// Warm up the database client first, so kill points fall inside the run, not in start-up.
await db.$queryRaw`SELECT 1`;
process.stdout.write("ready\n");
const r = await runSync({ runId, pollIntervalMs: 20, staleAfterMs: 0 });
process.stdout.write(`done ${JSON.stringify(r)}\n`);
if (process.env.CRASH_DEBUG) process.stderr.write(`child ran ${Math.round(performance.now())} ms since start\n`);
process.exit(0);

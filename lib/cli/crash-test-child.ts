// Child of lib/cli/crash-test.ts: runs one sync run and is killed with SIGKILL at a random point.
import { runSync } from "@/lib/sync/run-sync";

const runId = process.argv[2];
if (!runId) throw new Error("usage: crash-test-child <runId>");
process.stdout.write("ready\n");
const r = await runSync({ runId, pollIntervalMs: 20, staleAfterMs: 0 });
process.stdout.write(`done ${JSON.stringify(r)}\n`);
process.exit(0);

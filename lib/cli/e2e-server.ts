// The stack the browser tests run against (started by playwright.config.ts):
// the XS2A sandbox (fresh, in memory), the job worker and `next start` of the production build.
// DATABASE_URL comes from the test runner (a fresh PostgreSQL).
import path from "node:path";
import { ProcessGroup } from "./processes";

const group = new ProcessGroup();
const env = { ...process.env };
const stop = async (code: number) => {
  await group.stopAll();
  await sandbox?.close();
  process.exit(code);
};
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

const { env: appEnv } = await import("@/lib/env");
const config = appEnv();
const { startSandboxServer } = await import("@/lib/xs2a-sandbox/server");
const sandbox = await startSandboxServer({ port: config.xs2a.sandboxPort, apiKey: config.xs2a.apiKey, statePath: "memory" });
console.log(`sandbox at ${sandbox.url}`);

const workers = Number(process.env.E2E_WORKERS ?? 2);
for (let i = 0; i < workers; i++) {
  group.start(`worker${i + 1}`, path.resolve("node_modules/.bin/tsx"), ["lib/cli/worker.ts"], env, { onExit: (c) => void stop(c ?? 1) });
}
group.start("next", path.resolve("node_modules/.bin/next"), ["start", "-p", String(process.env.E2E_PORT ?? 3311)], env, { onExit: (c) => void stop(c ?? 1) });

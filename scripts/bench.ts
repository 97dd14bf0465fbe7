// `npm run bench`: how fast Saldo imports, lists, searches and renders, each against a baseline
// measured in the same run. Run through package.json, which gives it a fresh PostgreSQL
// (prisma/with-db.mjs --fresh, migrated) and the react-server condition (lib/data starts with
// `import "server-only"`). Sizes: see scripts/bench/config.ts (BENCH_SCALE=small for a quick run).
import { startSandboxServer } from "@/lib/xs2a-sandbox/server";
import { benchConfig } from "@/scripts/bench/config";

if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
  console.error("bench: DATABASE_URL is not set. Run `npm run bench`: it starts a fresh PostgreSQL for the run.");
  process.exit(2);
}

const SANDBOX_KEY = "bench-sandbox-api-key";
const sandbox = await startSandboxServer({ port: 0, apiKey: SANDBOX_KEY, statePath: "memory" });

// Saldo's configuration for this process, the import child and `next start`. Set before anything
// calls lib/env's env(). The sandbox clock is never advanced, so it equals the system clock; the
// app server uses the system clock (as in production) instead of asking the sandbox per request.
const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
  SALDO_ENCRYPTION_KEYS: "bench1:" + Buffer.alloc(32, 11).toString("base64"),
  XS2A_API_URL: sandbox.url,
  XS2A_API_KEY: SANDBOX_KEY,
  XS2A_TIMEOUT_MS: "60000",
  SALDO_CLOCK: "system",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  NEXT_TELEMETRY_DISABLED: "1",
};
Object.assign(process.env, { ...appEnv, NODE_ENV: process.env.NODE_ENV ?? "development", SALDO_CLOCK: "sandbox" });

const { runBench } = await import("@/scripts/bench/run-bench");
let code = 0;
try {
  await runBench({ config: benchConfig(), sandboxUrl: sandbox.url, appEnv });
} catch (err) {
  console.error("bench failed:", err);
  code = 1;
} finally {
  await sandbox.close();
}
process.exit(code);

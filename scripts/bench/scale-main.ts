/**
 * The scale section in a process of its own (scripts/bench/scale-bench.ts): its own sandbox (whose
 * clock it advances) and the database of DATABASE_URL, which no other section may use (run-bench
 * gives it a fresh PostgreSQL, or the bench's own fresh one with BENCH_ONLY=scale). Prints its
 * figures as one `BENCH_RESULT <json>` line on stdout.
 */
import { startSandboxServer } from "@/lib/xs2a-sandbox/server";
import { benchConfig } from "@/scripts/bench/config";

const databaseUrl = process.env.DATABASE_URL ?? "";
if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
  console.error("bench scale: DATABASE_URL is not set (run it through `npm run bench`).");
  process.exit(2);
}
const SANDBOX_KEY = "bench-scale-sandbox-api-key";
const server = await startSandboxServer({ port: 0, apiKey: SANDBOX_KEY, statePath: "memory" });
// Saldo's configuration for this process and its workers (set before anything calls lib/env).
Object.assign(process.env, {
  NEXTAUTH_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
  SALDO_ENCRYPTION_KEYS: "bench1:" + Buffer.alloc(32, 11).toString("base64"),
  XS2A_API_URL: server.url,
  XS2A_API_KEY: SANDBOX_KEY,
  XS2A_TIMEOUT_MS: "60000",
  SALDO_CLOCK: "sandbox",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});

const { runScaleBench } = await import("@/scripts/bench/scale-bench");
const { db } = await import("@/lib/db");
let code = 0;
try {
  const result = await runScaleBench({
    cfg: benchConfig().scaleBench,
    sandbox: { url: server.url, apiKey: SANDBOX_KEY, requests: () => server.sandbox.requests },
    databaseUrl,
  });
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
} catch (err) {
  console.error("bench scale failed:", err);
  code = 1;
} finally {
  await db.$disconnect().catch(() => undefined);
  await server.close();
}
process.exit(code);

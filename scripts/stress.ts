// npm run test:stress — the long loops and the load test, too slow for `npm test`:
//   crash    SIGKILL of a sync mid-run, CRASH_RUNS (200) rounds, each resumed in the test process:
//            the data a killed run leaves is completed to a clean run's  (scripts/crash-test.ts)
//   recover  SIGKILL of real worker processes (scripts/worker.ts) mid-sync, RECOVER_RUNS (40) runs:
//            another worker takes each over (30 s stale heartbeat, 10 s scan), every run finishes
//            within 90 s of its kill, equal to a clean run; reports kill→finished p50/max and the
//            load average (scripts/recover-test.ts; RECOVER_VOLUME, RECOVER_PER_ROUND)
//   restart  PostgreSQL restarted mid-sync, PG_RESTARTS (10) rounds  (lib/sync/postgres-restart.int.test.ts)
//   load     STRESS_USERS (200) simulated users browsing transactions for STRESS_SECONDS (60) while
//            syncs write (the sandbox clock moves a day and "sync now" runs for a tenth of the users
//            every STRESS_SYNC_EVERY seconds); reports p50/p95/p99 latency per request kind and errors.
//   capacity the open-loop test (scripts/stress/capacity.ts): requests at fixed rates (STRESS_RATES,
//            default 10,20,40,80/s), a mix like real sessions while syncs write; p50/p95/p99 per
//            kind, CPU and database ms per request, the Server-Timing db/app p50/p95 per kind, and the
//            capacity (highest rate with p95 < 300 ms). Both run the app with SERVER_TIMING=1.
// `npm run test:stress -- load` runs one part (`-- crash recover` two). The load part needs a
// production build in NEXT_DIST_DIR (default .next-stress); it builds one if there is none.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { dataDirFor, ensureDatabase, freePort, startEmbeddedPostgres } from "../prisma/embedded-pg.mjs";
import { e2eEnv } from "../playwright.config";
import { findChromium } from "./chromium";
import { run, waitForHttp } from "./processes";

const only = process.argv.slice(2);
const wanted = (n: string) => only.length === 0 || only.includes(n);
const bin = (n: string) => path.resolve("node_modules/.bin", n);
const results: { name: string; ok: boolean; seconds: number; summary: string }[] = [];

const pgDir = dataDirFor(`stress-${process.pid}`);
fs.rmSync(pgDir, { recursive: true, force: true });
const pg = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort() });
const base = pg.url("").replace(/\/$/, "");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void pg.stop().finally(() => {
      fs.rmSync(pgDir, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

async function freshDatabase(name: string) {
  await ensureDatabase(`${base}/postgres`, name);
  const url = `${base}/${name}`;
  if ((await run(process.execPath, ["prisma/db.mjs", "deploy"], { ...process.env, DATABASE_URL: url })) !== 0)
    throw new Error(`migrations failed on ${name}`);
  return url;
}

/** Runs a command, shows its output and keeps the last lines for the summary. */
function runCapture(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; tail: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const onData = (d: Buffer) => {
      process.stdout.write(d);
      out = (out + d.toString()).slice(-4000);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => resolve({ code: code ?? 1, tail: out }));
  });
}

async function step(name: string, fn: () => Promise<{ ok: boolean; summary: string }>) {
  if (!wanted(name)) return;
  console.log(`\n━━━ ${name} ━━━`);
  const t0 = Date.now();
  try {
    const r = await fn();
    results.push({ name, ...r, seconds: Math.round((Date.now() - t0) / 1000) });
  } catch (err) {
    results.push({ name, ok: false, summary: String(err), seconds: Math.round((Date.now() - t0) / 1000) });
  }
}

await step("crash", async () => {
  const url = await freshDatabase(`saldo_crash_${process.pid}`);
  const r = await runCapture(bin("tsx"), ["--conditions=react-server", "scripts/crash-test.ts"], {
    ...process.env,
    DATABASE_URL: url,
    CRASH_RUNS: process.env.CRASH_RUNS ?? "200",
    NODE_ENV: "test",
  });
  const line = r.tail.split("\n").find((l) => /runs, .* killed mid-run/.test(l)) ?? "";
  return { ok: r.code === 0, summary: line.trim() };
});

await step("recover", async () => {
  const url = await freshDatabase(`saldo_recover_${process.pid}`);
  const r = await runCapture(bin("tsx"), ["--conditions=react-server", "scripts/recover-test.ts"], {
    ...process.env,
    DATABASE_URL: url,
    NODE_ENV: "test",
  });
  const report = r.tail.slice(r.tail.indexOf("RECOVER REPORT"));
  return { ok: r.code === 0, summary: r.tail.includes("RECOVER REPORT") ? report.trim() : r.tail.slice(-800) };
});

await step("restart", async () => {
  const url = await freshDatabase(`saldo_restart_${process.pid}`);
  const r = await runCapture(
    bin("vitest"),
    ["run", "--project", "integration", "lib/sync/postgres-restart.int.test.ts"],
    {
      ...process.env,
      DATABASE_URL: url,
      NODE_ENV: "test",
      PG_RESTARTS: process.env.PG_RESTARTS ?? "10",
    },
  );
  const rounds = r.tail.split("\n").filter((l) => l.startsWith("restart after")).length;
  return {
    ok: r.code === 0,
    summary: `${process.env.PG_RESTARTS ?? "10"} restarts mid-sync${rounds ? "" : ""}, ${r.code === 0 ? "every retry equal to a clean run" : "FAILED"}`,
  };
});

/** Runs a script of scripts/stress against a fresh app stack (production build, workers, sandbox). */
async function againstStack(script: string, marker: string) {
  const distDir = process.env.NEXT_DIST_DIR || ".next-stress";
  // Free ports by default: other test stacks may be running on this machine.
  const port = Number(process.env.STRESS_PORT ?? (await freePort()));
  const sandboxPort = Number(process.env.STRESS_SANDBOX_PORT ?? (await freePort()));
  const url = await freshDatabase(`saldo_load_${process.pid}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...e2eEnv,
    DATABASE_URL: url,
    NEXT_DIST_DIR: distDir,
    APP_URL: `http://localhost:${port}`,
    NEXTAUTH_URL: `http://localhost:${port}`,
    E2E_PORT: String(port),
    XS2A_SANDBOX_PORT: String(sandboxPort),
    E2E_WORKERS: process.env.STRESS_WORKERS ?? "2",
    LOG_LEVEL: "warn",
    // The e2e stack follows the sandbox's clock, one HTTP call to the sandbox per request; under
    // load that call (and a clock advance syncing every connection) stalls every page. Production
    // reads the system clock, so the load test does too (STRESS_CLOCK=sandbox to measure the other).
    SALDO_CLOCK: process.env.STRESS_CLOCK ?? "system",
    CHROMIUM_PATH: (await findChromium()) ?? "",
    // A Server-Timing header on every response (db, app, total): capacity.ts reports its db and app
    // figures per request kind.
    SERVER_TIMING: "1",
  };
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    // `next build` with another distDir rewrites tsconfig.json's include list: keep the committed one.
    const tsconfig = fs.readFileSync("tsconfig.json", "utf8");
    const built = await run(bin("next"), ["build"], env);
    fs.writeFileSync("tsconfig.json", tsconfig);
    if (built !== 0) return { ok: false, summary: "next build failed" };
  }
  const server = spawn(bin("tsx"), ["scripts/e2e-server.ts"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    await waitForHttp(`http://localhost:${port}/signin`, 180_000);
    if (server.exitCode !== null) return { ok: false, summary: "the app stack did not start (see above)" };
    const r = await runCapture(bin("tsx"), ["--conditions=react-server", script], env);
    const report = r.tail.slice(r.tail.indexOf(marker));
    return { ok: r.code === 0, summary: report.includes(marker) ? report.trim() : r.tail.slice(-800) };
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 3000));
  }
}

await step("load", () => againstStack("scripts/stress/load.ts", "LOAD REPORT"));
await step("capacity", () => againstStack("scripts/stress/capacity.ts", "CAPACITY REPORT"));

await pg.stop();
fs.rmSync(pgDir, { recursive: true, force: true });
console.log("\n━━━ stress summary ━━━");
for (const r of results)
  console.log(
    `${r.ok ? "PASS" : "FAIL"}  ${r.name.padEnd(8)} ${String(r.seconds).padStart(5)} s  ${r.summary.split("\n").join("\n" + " ".repeat(24))}`,
  );
process.exit(results.length > 0 && results.every((r) => r.ok) ? 0 : 1);

// npm run dev: everything Saldo needs on one laptop, stopped together with Ctrl-C.
//   embedded PostgreSQL (unless DATABASE_URL is set) → migrations → XS2A sandbox →
//   demo users → job worker → next dev (through scripts/start.mjs, with Server-Timing), then prints
//   where to sign in.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { dataDirFor, ensureDatabase, startEmbeddedPostgres } from "../prisma/embedded-pg.mjs";
import { ProcessGroup, run, waitForHttp } from "./processes";

const PORT = Number(process.env.PORT ?? 3000);
const group = new ProcessGroup();
const cleanups: (() => Promise<void>)[] = [];
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log("\nStopping Saldo …");
  await group.stopAll();
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function assertPortFree(port: number, what: string, variable: string) {
  const free = await new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
  if (!free)
    throw new Error(
      `Port ${port} (${what}) is already in use: is Saldo already running? Stop it, or choose another port with ${variable}=…`,
    );
}

async function main() {
  await assertPortFree(PORT, "the app", "PORT");
  const env: NodeJS.ProcessEnv = { NEXTAUTH_URL: `http://localhost:${PORT}`, ...process.env, NODE_ENV: "development" };
  // The worker's and Next's log lines are readable in development (lib/log-format.ts); they reach
  // this terminal through a pipe, so say whether it shows colours.
  if (process.stderr.isTTY && !env.NO_COLOR && env.FORCE_COLOR === undefined) env.FORCE_COLOR = "1";
  // The sandbox's state (its bank users, connections, clock) lives beside the database that
  // refers to it, so the two are kept or lost together: as root the embedded PostgreSQL's data is
  // outside the clone (/var/tmp/saldo-pg/<clone hash>), and a fresh clone at the same path must
  // not meet a database full of bank users its sandbox never heard of.
  let sandboxDir = path.resolve(".data/sandbox");
  if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? "")) {
    const dataDir = dataDirFor("dev");
    sandboxDir = path.join(path.dirname(dataDir), "sandbox");
    const pg = await startEmbeddedPostgres({ dataDir, port: Number(env.EMBEDDED_PG_PORT ?? 54330), detached: true });
    cleanups.push(() => pg.stop());
    await ensureDatabase(pg.url("postgres"), "saldo");
    env.DATABASE_URL = pg.url("saldo");
    console.log(`PostgreSQL (embedded) running, data in ${dataDir}`);
  }
  process.env.DATABASE_URL = env.DATABASE_URL;
  if ((await run(process.execPath, ["prisma/db.mjs", "deploy"], env)) !== 0) throw new Error("migrations failed");

  let freshSandbox = false;
  const { env: appEnv } = await import("@/lib/env");
  const config = appEnv();
  if (config.xs2a.usesSandbox) {
    await assertPortFree(config.xs2a.sandboxPort, "the XS2A sandbox", "XS2A_SANDBOX_PORT");
    const { startSandboxServer } = await import("@/lib/xs2a-sandbox/server");
    fs.mkdirSync(sandboxDir, { recursive: true });
    const statePath = path.join(sandboxDir, "state.json");
    freshSandbox = !fs.existsSync(statePath);
    const sandbox = await startSandboxServer({ port: config.xs2a.sandboxPort, apiKey: config.xs2a.apiKey, statePath });
    cleanups.push(() => sandbox.close());
    console.log(`XS2A sandbox running at ${sandbox.url} (API key ${config.xs2a.apiKey})`);
  }

  const { ensureDemoUsers, DEMO_ADMIN, DEMO_USER } = await import("@/scripts/demo/ensure-demo-users");
  const { created } = await ensureDemoUsers();
  if (!created && freshSandbox)
    console.warn(
      "The XS2A sandbox starts without state, but the database already holds the demo users: syncs of banks linked\n" +
        `before will fail. To start over, stop Saldo and delete ${path.dirname(sandboxDir)} (database and sandbox).`,
    );
  if (created && config.xs2a.usesSandbox) {
    const { linkDemoBanks } = await import("@/scripts/demo/link-demo-banks");
    await linkDemoBanks({ email: DEMO_USER.email }).catch((err: unknown) =>
      console.error("Could not link the demo banks:", err),
    );
  }

  const tsx = path.resolve("node_modules/.bin/tsx");
  group.start("worker", tsx, ["--conditions=react-server", "scripts/worker.ts"], env, {
    quiet: true,
    onExit: (c) => {
      console.error(`worker stopped (${c})`);
      void shutdown(1);
    },
  });
  // `next dev` behind scripts/start.mjs, which adds a Server-Timing header to every response
  // (SERVER_TIMING=0 turns it off). -H: all interfaces like `next dev`, never a HOSTNAME from the
  // environment (a container's own name).
  group.start(
    "next",
    process.execPath,
    ["scripts/start.mjs", "--dev", "-p", String(PORT), "-H", "0.0.0.0"],
    { ...env, SERVER_TIMING: env.SERVER_TIMING ?? "1" },
    {
      quiet: true,
      onExit: (c) => {
        console.error(`next stopped (${c})`);
        void shutdown(1);
      },
    },
  );
  await waitForHttp(`http://localhost:${PORT}/signin`, 180_000);

  console.log(`
  Saldo is running:   http://localhost:${PORT}
  Demo login:         ${DEMO_USER.email} / ${DEMO_USER.password}
  Admin login:        ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}
  Press Ctrl-C to stop everything.
`);
}

main().catch(async (err) => {
  console.error(err);
  await shutdown(1);
});

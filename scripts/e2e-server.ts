// The stack the browser tests run against (started by playwright.config.ts):
// the XS2A sandbox (fresh, in memory), the job worker and `npm start` (scripts/start.mjs) of the
// production build.
// DATABASE_URL comes from the test runner (a fresh PostgreSQL).
import fs from "node:fs";
import path from "node:path";
import { ProcessGroup } from "./processes";

// Playwright ignores this server's stdout; keep everything the stack prints (app, workers,
// sandbox) in <distDir>/e2e-server.log so e2e/security/secrets.spec.ts can search it for secrets.
const logFile = fs.createWriteStream(path.join(process.env.NEXT_DIST_DIR || ".next", "e2e-server.log"), { flags: "w" });
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    logFile.write(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array));
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

// Playwright stops the webServer by killing its process group: keep the children in it.
const group = new ProcessGroup({ detached: false });
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
const sandbox = await startSandboxServer({
  port: config.xs2a.sandboxPort,
  apiKey: config.xs2a.apiKey,
  statePath: "memory",
});
console.log(`sandbox at ${sandbox.url}`);

const workers = Number(process.env.E2E_WORKERS ?? 2);
for (let i = 0; i < workers; i++) {
  group.start(
    `worker${i + 1}`,
    path.resolve("node_modules/.bin/tsx"),
    ["--conditions=react-server", "scripts/worker.ts"],
    env,
    {
      onExit: (c) => void stop(c ?? 1),
    },
  );
}
// `npm start`'s server (scripts/start.mjs), as in production. SERVER_TIMING=1 from the caller (the
// load tests set it) adds a Server-Timing header to every response; the browser tests run without.
// -H: all interfaces, never a HOSTNAME from the environment (a container's own name).
group.start(
  "next",
  process.execPath,
  ["scripts/start.mjs", "-p", String(process.env.E2E_PORT ?? 3311), "-H", "0.0.0.0"],
  env,
  { onExit: (c) => void stop(c ?? 1) },
);

// `npm run sandbox`: the XS2A sandbox on its own.
//   XS2A_SANDBOX_PORT (4010) · XS2A_SANDBOX_API_KEY (sandbox-dev-api-key) ·
//   XS2A_SANDBOX_STATE (.data/sandbox/state.json, or "memory") · XS2A_SANDBOX_PUBLIC_URL (optional)
// Refuses NODE_ENV=production unless XS2A_SANDBOX_ALLOW_PRODUCTION=1.
// The sandbox is a standalone developer tool, so it reads its own variables here rather than lib/env.ts.

import { startSandboxServer } from "../lib/xs2a-sandbox/server";

const env = process.env;

if (env.NODE_ENV === "production" && env.XS2A_SANDBOX_ALLOW_PRODUCTION !== "1") {
  console.error(
    "The XS2A sandbox refuses to start with NODE_ENV=production (set XS2A_SANDBOX_ALLOW_PRODUCTION=1 to override).",
  );
  process.exit(1);
}

const port = Number(env.XS2A_SANDBOX_PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid XS2A_SANDBOX_PORT: ${env.XS2A_SANDBOX_PORT}`);
  process.exit(1);
}
const apiKey = env.XS2A_SANDBOX_API_KEY || "sandbox-dev-api-key";
const statePath = env.XS2A_SANDBOX_STATE || ".data/sandbox/state.json";

const server = await startSandboxServer({
  port,
  apiKey,
  statePath,
  publicUrl: env.XS2A_SANDBOX_PUBLIC_URL || undefined,
  host: env.XS2A_SANDBOX_HOST || "127.0.0.1",
});

console.log(`XS2A sandbox listening on ${server.url}`);
console.log(`  API key:  ${apiKey}   (Basic auth user "api")`);
console.log(`  State:    ${statePath}`);
console.log(`  Widget:   ${server.url}/xs2a.js   Controls: ${server.url}/__sandbox/clock`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}

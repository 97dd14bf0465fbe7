// `npm start`: the production build behind Node's own HTTP server, so that a SIGTERM drains it
// (`next start` exits at once, cutting requests in flight).
//   PORT (default 3000) or -p <port>; HOSTNAME (default 0.0.0.0) or -H <host>;
//   WEB_SHUTDOWN_TIMEOUT_MS (default 25 s): how long requests in flight may take after a SIGTERM.
//   SERVER_TIMING=1: a Server-Timing header on every response (database, render and framework,
//     total; scripts/server-timing.mjs). `npm run dev` and the load tests turn it on; production
//     leaves it off (timings are a side channel).
//   --dev (or SALDO_DEV_SERVER=1): `next dev` behind the same server (scripts/dev.ts uses it).
// On SIGTERM / SIGINT: stop accepting connections, close idle keep-alive ones, let requests in
// flight finish (up to the timeout), then exit 0.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import { withServerTiming } from "./server-timing.mjs";

const arg = (flag) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dev = process.argv.includes("--dev") || process.env.SALDO_DEV_SERVER === "1";
const port = Number(arg("-p") ?? arg("--port") ?? process.env.PORT ?? 3000);
const hostname = arg("-H") ?? arg("--hostname") ?? process.env.HOSTNAME ?? "0.0.0.0";
const timeoutMs = Number(process.env.WEB_SHUTDOWN_TIMEOUT_MS ?? 25_000);
const serverTiming = process.env.SERVER_TIMING === "1";

// As `next dev` does; set before Next loads.
if (dev) process.env.NODE_ENV = "development";
// lib/db.ts looks for the storage when it creates the pool: publish it before Next loads anything.
const timingStorage = serverTiming ? new AsyncLocalStorage() : undefined;
if (timingStorage) globalThis.__saldoRequestTiming = timingStorage;
const { default: next } = await import("next");

let inFlight = 0;
let stopping = false;
let handle;
const server = http.createServer((req, res) => {
  inFlight++;
  // Behind a keep-alive proxy, tell it this connection ends with this response.
  if (stopping) res.setHeader("connection", "close");
  res.on("close", () => inFlight--);
  handle(req, res);
});
// Development only: Next's hot reload holds WebSockets open, which would keep close() waiting.
const upgraded = new Set();
if (dev)
  server.on("upgrade", (_req, socket) => {
    upgraded.add(socket);
    socket.on("close", () => upgraded.delete(socket));
  });

const app = next({ dev, dir: process.cwd(), hostname, port, httpServer: server });
await app.prepare();
const nextHandle = app.getRequestHandler();
handle = timingStorage ? withServerTiming(nextHandle, timingStorage) : nextHandle;
server.listen(port, hostname, () =>
  console.log(
    `saldo web${dev ? " (development)" : ""} listening on http://${hostname}:${port}${serverTiming ? ", with Server-Timing" : ""}`,
  ),
);

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    const t0 = Date.now();
    console.log(`saldo web stopping (${sig}): ${inFlight} request(s) in flight`);
    server.close(async () => {
      await app.close?.().catch(() => undefined);
      console.log(`saldo web stopped after ${Date.now() - t0} ms`);
      process.exit(0);
    });
    for (const socket of upgraded) socket.destroy();
    // Idle keep-alive connections would hold close() open; those with a request finish first.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    idle.unref();
    setTimeout(() => {
      console.log(`saldo web: ${inFlight} request(s) still running after ${timeoutMs} ms; closing`);
      server.closeAllConnections();
      process.exit(1);
    }, timeoutMs).unref();
  });
}

// `npm start`: the production build behind Node's own HTTP server, so that a SIGTERM drains it
// (`next start` exits at once, cutting requests in flight).
//   PORT (default 3000) or -p <port>; HOSTNAME (default 0.0.0.0) or -H <host>;
//   WEB_SHUTDOWN_TIMEOUT_MS (default 25 s): how long requests in flight may take after a SIGTERM.
// On SIGTERM / SIGINT: stop accepting connections, close idle keep-alive ones, let requests in
// flight finish (up to the timeout), then exit 0.
import http from "node:http";
import next from "next";

const arg = (flag) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg("-p") ?? arg("--port") ?? process.env.PORT ?? 3000);
const hostname = arg("-H") ?? arg("--hostname") ?? process.env.HOSTNAME ?? "0.0.0.0";
const timeoutMs = Number(process.env.WEB_SHUTDOWN_TIMEOUT_MS ?? 25_000);

const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

let inFlight = 0;
let stopping = false;
const server = http.createServer((req, res) => {
  inFlight++;
  // Behind a keep-alive proxy, tell it this connection ends with this response.
  if (stopping) res.setHeader("connection", "close");
  res.on("close", () => inFlight--);
  handle(req, res);
});
server.listen(port, hostname, () => console.log(`saldo web listening on http://${hostname}:${port}`));

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

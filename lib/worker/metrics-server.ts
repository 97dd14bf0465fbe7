import "server-only";
import http from "node:http";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { metricsAccess, scrapeProcessMetrics } from "@/lib/ops/metrics";

/**
 * A worker's own counters (XS2A requests and errors, sync jobs handled) at
 * http://<host>:WORKER_METRICS_PORT/metrics, behind the same Bearer METRICS_TOKEN as the web's.
 * Not started unless both are set. Returns a function that closes it.
 */
export async function startWorkerMetricsServer(): Promise<(() => Promise<void>) | null> {
  const { workerMetricsPort, metricsToken } = env();
  if (!workerMetricsPort || !metricsToken) return null;
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/metrics") return void res.writeHead(404).end();
    const access = metricsAccess(req.headers.authorization ?? null);
    if (access !== "ok") return void res.writeHead(401).end();
    scrapeProcessMetrics().then(
      ({ contentType, body }) => res.writeHead(200, { "content-type": contentType }).end(body),
      (err) => {
        log.error({ err }, "worker metrics scrape failed");
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(workerMetricsPort, resolve));
  log.info({ port: workerMetricsPort }, "worker metrics listening");
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

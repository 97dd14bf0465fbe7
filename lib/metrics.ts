import { Counter, Histogram, Registry } from "prom-client";

/**
 * Process-local Prometheus metrics (prom-client). Web and worker are separate processes, so each
 * keeps its own counters here:
 *  - the web serves them at /api/metrics, together with gauges computed from the database at
 *    scrape time (lib/ops/metrics.ts: sync runs, import rows, queues, consents, reminders), which
 *    cover work done by any worker;
 *  - a worker serves its own at METRICS_PORT (scripts/worker.ts) when that is set.
 * Labels are bounded sets (endpoint templates, status codes, kinds, triggers): nothing per user.
 */
const g = globalThis as unknown as { __saldoMetrics?: ReturnType<typeof create> };

function create() {
  const registry = new Registry();
  return {
    registry,
    xs2aDuration: new Histogram({
      name: "saldo_xs2a_request_duration_seconds",
      help: "XS2A request attempts by endpoint template and HTTP status (0: no response).",
      labelNames: ["endpoint", "status"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
      registers: [registry],
    }),
    xs2aErrors: new Counter({
      name: "saldo_xs2a_errors_total",
      help: "XS2A request attempts that failed, by error kind.",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    syncRunsHandled: new Counter({
      name: "saldo_sync_runs_handled_total",
      help: "Sync jobs this process handled, by outcome (a status, or retry / busy / handback).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    signInFailures: new Counter({
      name: "saldo_sign_in_failures_total",
      help: "Failed sign-ins (wrong email or password, disabled account).",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    signInLockouts: new Counter({
      name: "saldo_sign_in_lockouts_total",
      help: "Sign-ins refused because the account or source is throttled after failures.",
      registers: [registry],
    }),
  };
}

export const metrics = () => (g.__saldoMetrics ??= create());

/** An XS2A path as a bounded label: resource words kept, ids replaced (`/v1/api/connections/:id/sync`). */
export function endpointTemplate(method: string, path: string): string {
  const parts = path
    .split("?")[0]!
    .split("/")
    .map((seg) => (seg === "" || /^([a-z][a-z_-]*|v\d+)$/.test(seg) ? seg : ":id"));
  return `${method} ${parts.join("/")}`.slice(0, 120);
}

/** The XS2A client's `observe` hook. */
export function observeXs2aRequest(o: {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  errorKind: string | null;
}) {
  const m = metrics();
  m.xs2aDuration.observe(
    { endpoint: endpointTemplate(o.method, o.path), status: String(o.status) },
    o.durationMs / 1000,
  );
  if (o.errorKind) m.xs2aErrors.inc({ kind: o.errorKind });
}

import "server-only";
import crypto from "node:crypto";
import { Gauge, Registry } from "prom-client";
import { userCacheStats } from "@/lib/cache/user-cache";
import { BANNER_FROM_DAYS } from "@/lib/consent/consent-status";
import { today } from "@/lib/clock";
import { pgPool } from "@/lib/db";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";

/**
 * Whether a request may read metrics: METRICS_TOKEN is set and the request carries it as a Bearer
 * token (compared in constant time). Unset: metrics are off and the endpoint looks absent.
 */
export function metricsAccess(authorization: string | null): "ok" | "off" | "denied" {
  const token = env().metricsToken;
  if (!token) return "off";
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(token).digest();
  return crypto.timingSafeEqual(a, b) ? "ok" : "denied";
}

/**
 * Gauges computed from the database at scrape time: they count what every worker did, whichever
 * process scrapes them (the web). A handful of grouped counts over indexed columns.
 */
async function databaseGauges(registry: Registry) {
  const q = <T extends object>(sql: string, params: unknown[] = []) =>
    pgPool()
      .query(sql, params)
      .then((r) => r.rows as T[]);
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers: [registry] });

  const runs = gauge("saldo_sync_runs", "Sync runs by trigger and status (outcome), as stored.", ["trigger", "status"]);
  for (const r of await q<{ trigger: string; status: string; n: string }>(
    `SELECT "trigger"::text, "status"::text, count(*) AS n FROM "SyncRun" GROUP BY 1, 2`,
  ))
    runs.set({ trigger: r.trigger, status: r.status }, Number(r.n));

  const rows = gauge("saldo_import_rows_written", "Transaction rows finished sync runs wrote, by kind.", ["kind"]);
  const [sums] = await q<{ added: string | null; updated: string | null; removed: string | null }>(
    `SELECT sum(added) AS added, sum(updated) AS updated, sum(removed) AS removed FROM "SyncRun"`,
  );
  for (const kind of ["added", "updated", "removed"] as const) rows.set({ kind }, Number(sums?.[kind] ?? 0));

  const depth = gauge("saldo_queue_depth", "Jobs waiting per queue (created or waiting to retry).", ["queue"]);
  const age = gauge("saldo_queue_oldest_job_age_seconds", "Age of the oldest due job per queue.", ["queue"]);
  const queues = await q<{ name: string; waiting: string; oldest: number | null }>(
    `SELECT q.name, count(j.id) FILTER (WHERE j.state IN ('created', 'retry')) AS waiting,
            extract(epoch FROM now() - min(j.created_on) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now()))::float8 AS oldest
     FROM pgboss.queue q LEFT JOIN pgboss.job j ON j.name = q.name GROUP BY q.name`,
  ).catch(() => []); // no queue schema yet: no queue gauges
  for (const r of queues) {
    depth.set({ queue: r.name }, Number(r.waiting));
    age.set({ queue: r.name }, r.oldest ?? 0);
  }

  const consents = gauge("saldo_consents", "Active bank connections by consent state.", ["state"]);
  const [c] = await q<{ ok: string; ending: string; expired: string }>(
    `SELECT count(*) FILTER (WHERE "consentValidUntil" IS NULL OR "consentValidUntil" > $1::date + $2::int) AS ok,
            count(*) FILTER (WHERE "consentValidUntil" >= $1::date AND "consentValidUntil" <= $1::date + $2::int) AS ending,
            count(*) FILTER (WHERE "consentValidUntil" < $1::date) AS expired
     FROM "BankConnection" WHERE status = 'ACTIVE'`,
    [await today(), BANNER_FROM_DAYS],
  );
  for (const state of ["ok", "ending", "expired"] as const) consents.set({ state }, Number(c?.[state] ?? 0));

  const reminders = gauge("saldo_consent_reminder_emails_sent", "Consent reminder emails sent, by threshold (days).", [
    "threshold",
  ]);
  for (const r of await q<{ threshold: number; n: string }>(
    `SELECT threshold, count(*) AS n FROM "ConsentReminder" GROUP BY 1`,
  ))
    reminders.set({ threshold: String(r.threshold) }, Number(r.n));
}

/** This web process's per-user cache (lib/cache/user-cache.ts): is it on, how well does it serve. */
function userCacheGauges(registry: Registry) {
  const c = userCacheStats();
  const gauge = (name: string, help: string, value: number) =>
    new Gauge({ name, help, registers: [registry] }).set(value);
  gauge(
    "saldo_user_cache_listening",
    "1 while this web process receives change notifications (else it caches nothing).",
    c.listening ? 1 : 0,
  );
  gauge("saldo_user_cache_users", "Users with cached data in this web process.", c.users);
  gauge("saldo_user_cache_hits", "Cached reads served from memory since the process started.", c.hits);
  gauge("saldo_user_cache_misses", "Cached reads that asked the database since the process started.", c.misses);
  gauge("saldo_user_cache_invalidations", "Change notifications received since the process started.", c.invalidations);
}

/** The web's scrape: this process's counters plus the database gauges, in Prometheus text format. */
export async function scrapeWebMetrics(): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  await databaseGauges(registry);
  userCacheGauges(registry);
  const merged = Registry.merge([metrics().registry, registry]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}

/** A worker's scrape: its own counters only (the database gauges come from the web). */
export async function scrapeProcessMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

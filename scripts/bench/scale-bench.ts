/**
 * The bench's scale section (issue 15): the daily run over many `full` connections, timed with
 * real worker processes (scripts/worker.ts) against the sandbox over HTTP.
 *
 * Runs in a process of its own (scripts/bench/scale-main.ts) with its own sandbox, whose clock it
 * advances, and on a database no other section uses. The order:
 *
 *  1. Link the latency set (the first `latencyConnections`) and import it once (2 workers).
 *  2. At `latencyMs` per XS2A call, one daily run per setting of workers × SYNC_CONCURRENCY ×
 *     XS2A_MAX_REQUESTS_PER_SECOND, over the latency set only (the other connections do not
 *     exist yet, so the daily run is exactly that set).
 *  3. Link the rest, and bring every connection up to date with one daily run (not timed).
 *  4. No latency: the daily run over all connections with 1 worker, then with 2.
 *
 * Each timed run: workers started and ready, the sandbox clock advanced one day, the workers' own
 * sandbox-clock tick (`sync-daily`, lib/sync/schedule-daily-syncs.ts) claims the day and queues
 * every connection at once (window 0), and the run lasts from its first run queued to its last
 * finished. A report, never a test: it records what happened, whatever the figures.
 *
 * Connections are linked the way the product links them (scripts/bench/link-volume-bank.ts: the
 * XS2A bank user and token through withUserApi, the wizard through the sandbox's /jsonp, the
 * BankConnection row refreshed from XS2A). Only the Saldo users are written in bulk (one SQL
 * statement, one shared password hash: argon2 for thousands of users would take minutes).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import type { ScaleConfig, ScaleSetting } from "./config";
import { linkVolumeBank } from "./link-volume-bank";
import { fmt, type Row } from "./report";
import { since } from "./stats";
import { benchWorker } from "./worker-launch";

const say = (msg: string) => process.stderr.write(`[bench:scale] ${msg}\n`);

/** Sandbank Plus: giro, savings and credit card on one login. */
const THREE_ACCOUNT_BANK = "99990001";
const PASSWORD = "bench-Passw0rd-2026-saldo";

export interface ScaleSandbox {
  url: string;
  apiKey: string;
  /** Real-API requests the sandbox answered so far. */
  requests: () => number;
}

export type WorkerSetting = ScaleSetting;

export interface DailyRunFigures {
  label: string;
  latencyMs: number;
  setting: WorkerSetting;
  connections: number;
  queued: number;
  /** First run queued → last run finished. */
  ms: number;
  /** Clock advanced → last run finished (includes the workers' tick noticing the new day, ≤ 3 s). */
  msFromAdvance: number | null;
  perMinute: number;
  xs2aCalls: number;
  callsPerConnection: number;
  callsPerSecond: number;
  rowsWritten: { added: number; updated: number; removed: number; quarantined: number };
  statuses: Record<string, number>;
  /** What the setting allows at this latency: min(workers × concurrency / (calls × latency), budget / calls). */
  predictedPerMinute: number | null;
  loadAvg: number[];
  /** Contract detection and the like, queued by the runs, drained after the last run (not in `ms`). */
  drainMs: number;
  /**
   * CPU per run from the clock's advance to the last run finished (Linux /proc): the worker
   * processes, the bench's PostgreSQL (postmaster and its backends) and this process (the sandbox).
   */
  cpuMsPerRun: { workers: number; postgres: number; benchAndSandbox: number } | null;
}

export async function runScaleBench(opts: { cfg: ScaleConfig; sandbox: ScaleSandbox; databaseUrl: string }) {
  const { cfg, sandbox } = opts;
  const t0 = process.hrtime.bigint();
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: {
        authorization: "Basic " + Buffer.from(`api:${sandbox.apiKey}`).toString("base64"),
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: HTTP ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const passwordHash = await hashPassword(PASSWORD);
  const latencySet = Math.min(cfg.latencyConnections, cfg.connections);
  const runs: DailyRunFigures[] = [];
  const seeding: { connections: number; ms: number }[] = [];

  const link = async (from: number, to: number) => {
    const s0 = process.hrtime.bigint();
    await linkConnections({
      pool,
      from,
      to,
      perUser: cfg.perUser,
      days: cfg.days,
      sandboxUrl: sandbox.url,
      passwordHash,
    });
    seeding.push({ connections: to - from, ms: since(s0) });
    say(`linked connections ${from}–${to - 1} in ${fmt.ms(since(s0))}`);
  };
  const daily = (
    label: string,
    setting: WorkerSetting,
    o: { advance: boolean; latencyMs: number; connections: number; timed: boolean },
  ) =>
    dailyRun({ pool, control, sandbox, databaseUrl: opts.databaseUrl, label, setting, ...o }).then((r) => {
      if (o.timed) runs.push(r);
      say(
        `${label}: ${r.queued} runs in ${fmt.ms(r.ms)} = ${Math.round(r.perMinute)}/min, ${r.xs2aCalls} XS2A calls, ` +
          `statuses ${JSON.stringify(r.statuses)}, load ${r.loadAvg.join(" ")}, CPU ms per run ${JSON.stringify(r.cpuMsPerRun)}`,
      );
      return r;
    });

  // 1–2. The latency set alone.
  await link(0, latencySet);
  await daily(
    "initial import (latency set)",
    { workers: 2, concurrency: 4, budget: null },
    {
      advance: false,
      latencyMs: 0,
      connections: latencySet,
      timed: false,
    },
  );
  for (const setting of cfg.latencySettings)
    await daily(`${cfg.latencyMs} ms per call`, setting, {
      advance: true,
      latencyMs: cfg.latencyMs,
      connections: latencySet,
      timed: true,
    });

  // 3–4. Everything.
  if (cfg.connections > latencySet) await link(latencySet, cfg.connections);
  await daily(
    "initial import (all)",
    { workers: 2, concurrency: 4, budget: null },
    {
      advance: true,
      latencyMs: 0,
      connections: cfg.connections,
      timed: false,
    },
  );
  for (const workers of [1, 2])
    await daily(
      `no latency, ${workers} worker${workers > 1 ? "s" : ""}`,
      {
        workers,
        concurrency: cfg.concurrency,
        budget: null,
      },
      { advance: true, latencyMs: 0, connections: cfg.connections, timed: true },
    );

  await pool.end();
  return { config: cfg, seeding, runs, rows: scaleRows(runs), totalMs: since(t0) };
}

/** Saldo users (bulk), their XS2A bank users (withUserApi) and connections `from`…`to − 1` (linked for real). */
async function linkConnections(o: {
  pool: pg.Pool;
  from: number;
  to: number;
  perUser: number;
  days: number;
  sandboxUrl: string;
  passwordHash: string;
}) {
  const userOf = (i: number) => `scaleu${String(Math.floor(i / o.perUser)).padStart(7, "0")}`;
  const users = [...new Set(Array.from({ length: o.to - o.from }, (_, k) => userOf(o.from + k)))];
  await o.pool.query(
    `INSERT INTO "User" (id, email, "passwordHash", name, locale, "emailVerifiedAt", "updatedAt")
     SELECT u, u || '@scale.saldo.local', $2, 'Scale', 'en', now(), now() FROM unnest($1::text[]) AS u
     ON CONFLICT (id) DO NOTHING`,
    [users, o.passwordHash],
  );
  // The bank user first (once per user), so a user's connections never race to create it.
  await inParallel(users, 8, (u) => withUserApi(u, async () => undefined));
  const indexes = Array.from({ length: o.to - o.from }, (_, k) => o.from + k);
  let done = 0;
  await inParallel(indexes, 8, async (i) => {
    await linkVolumeBank({
      sandboxUrl: o.sandboxUrl,
      userId: userOf(i),
      login: `scale-${i}`,
      bankCode: THREE_ACCOUNT_BANK,
      days: o.days,
    });
    if (++done % 1000 === 0) say(`  ${done} / ${indexes.length} linked`);
  });
}

async function inParallel<T>(items: readonly T[], width: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

type Control = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/**
 * One daily run with `setting.workers` fresh worker processes: started and ready first, then the
 * clock advanced (or, for the first import, today's run left to their start-up tick).
 */
async function dailyRun(o: {
  pool: pg.Pool;
  control: Control;
  sandbox: ScaleSandbox;
  databaseUrl: string;
  label: string;
  setting: WorkerSetting;
  advance: boolean;
  latencyMs: number;
  connections: number;
}): Promise<DailyRunFigures> {
  await o.control("PUT", "/__sandbox/latency", { ms: o.latencyMs });
  const [{ mark }] = (await o.pool.query<{ mark: Date }>("SELECT clock_timestamp() AS mark")).rows as [{ mark: Date }];
  const workers = await startWorkers(o.setting, o.sandbox, o.databaseUrl);
  try {
    await workers.ready();
    const postmaster = await postmasterPid(o.pool);
    const cpu0 = cpuSnapshot(workers.pids(), postmaster);
    const calls0 = o.sandbox.requests();
    let advancedAt: number | null = null;
    if (o.advance) {
      advancedAt = Date.now();
      await o.control("POST", "/__sandbox/clock/advance", { days: 1 });
    }
    // The tick that claimed the day wrote how many runs it queued.
    const day = await poll(`${o.label}: the daily run queued`, 120_000, async () => {
      const r = await o.pool.query<{ queued: number | null }>(
        `SELECT (result->>'queued')::int AS queued FROM "ScheduledDay"
         WHERE job = 'sync-daily' AND "ranAt" >= $1 AND result ? 'queued' ORDER BY "ranAt" DESC LIMIT 1`,
        [mark],
      );
      return r.rows[0]?.queued ?? null;
    }).catch(async (err: unknown) => {
      const days = await o.pool.query(`SELECT * FROM "ScheduledDay" WHERE job = 'sync-daily' ORDER BY "ranAt"`);
      const jobs = await o.pool.query(
        `SELECT state, count(*)::int AS n, min(started_on) AS started FROM pgboss.job WHERE name = 'sync-daily' GROUP BY state`,
      );
      say(`${JSON.stringify({ days: days.rows, jobs: jobs.rows })}\n${workers.output()}`);
      throw err;
    });
    if (day < o.connections) say(`${o.label}: ${day} runs queued for ${o.connections} connections`);
    const finished = await poll(`${o.label}: every run finished`, 60 * 60_000, async () => {
      const r = await o.pool.query<{ open: number; total: number }>(
        `SELECT count(*) FILTER (WHERE status IN ('QUEUED', 'RUNNING'))::int AS open, count(*)::int AS total
         FROM "SyncRun" WHERE trigger = 'SCHEDULED' AND "queuedAt" >= $1`,
        [mark],
      );
      const { open, total } = r.rows[0]!;
      return total >= day && open === 0 ? true : null;
    });
    void finished;
    const cpu1 = cpuSnapshot(workers.pids(), postmaster);
    const xs2aCalls = o.sandbox.requests() - calls0;
    const loadAvg = os.loadavg().map((x) => Math.round(x * 10) / 10);
    const d0 = process.hrtime.bigint();
    await drainQueues(o.pool);
    const drainMs = since(d0);
    const stats = await o.pool.query<{
      status: string;
      n: number;
      first: Date;
      last: Date;
      added: number;
      updated: number;
      removed: number;
      quarantined: number;
    }>(
      `SELECT status::text, count(*)::int AS n, min("queuedAt") AS first, max("finishedAt") AS last,
              sum(added)::int AS added, sum(updated)::int AS updated, sum(removed)::int AS removed,
              sum(quarantined)::int AS quarantined
       FROM "SyncRun" WHERE trigger = 'SCHEDULED' AND "queuedAt" >= $1 GROUP BY status`,
      [mark],
    );
    const first = Math.min(...stats.rows.map((r) => r.first.getTime()));
    const last = Math.max(...stats.rows.map((r) => r.last.getTime()));
    const queued = stats.rows.reduce((a, r) => a + r.n, 0);
    const ms = last - first;
    const sum = (k: "added" | "updated" | "removed" | "quarantined") => stats.rows.reduce((a, r) => a + r[k], 0);
    const callsPerConnection = queued ? xs2aCalls / queued : 0;
    const { workers: w, concurrency: c, budget } = o.setting;
    const predictedPerMinute =
      o.latencyMs > 0 && callsPerConnection > 0
        ? Math.min(
            (w * c * 60_000) / (callsPerConnection * o.latencyMs),
            budget ? (budget * 60) / callsPerConnection : Infinity,
          )
        : null;
    return {
      label: o.label,
      latencyMs: o.latencyMs,
      setting: o.setting,
      connections: o.connections,
      queued,
      ms,
      msFromAdvance: advancedAt === null ? null : last - advancedAt,
      perMinute: ms > 0 ? (queued * 60_000) / ms : 0,
      xs2aCalls,
      callsPerConnection: Math.round(callsPerConnection * 100) / 100,
      callsPerSecond: ms > 0 ? Math.round((xs2aCalls * 1000 * 10) / ms) / 10 : 0,
      rowsWritten: {
        added: sum("added"),
        updated: sum("updated"),
        removed: sum("removed"),
        quarantined: sum("quarantined"),
      },
      statuses: Object.fromEntries(stats.rows.map((r) => [r.status, r.n])),
      predictedPerMinute,
      loadAvg,
      drainMs,
      cpuMsPerRun:
        cpu0 && cpu1 && queued
          ? {
              workers: Math.round((cpu1.workers - cpu0.workers) / queued),
              postgres: Math.round((cpu1.postgres - cpu0.postgres) / queued),
              benchAndSandbox: Math.round((cpu1.self - cpu0.self) / queued),
            }
          : null,
    };
  } finally {
    await workers.stop();
  }
}

/**
 * The jobs the runs queued themselves (contract detection per user) done, so the next timed run
 * starts on an idle queue. Later consequences (alert digests, one job per user each taking a
 * poll interval) are not waited for: they are no part of the daily run.
 */
async function drainQueues(pool: pg.Pool) {
  await poll("the job queue drained", 10 * 60_000, async () => {
    const r = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job
       WHERE state IN ('created', 'retry', 'active') AND name IN ('sync-connection', 'detect-contracts')
         AND start_after <= now() + interval '1 minute'`,
    );
    return r.rows[0]!.n === 0 ? true : null;
  }).catch((err: Error) => say(`${err.message}; going on`));
}

/** utime + stime (+ reaped children's, with `children`) of one process in ms, from /proc; null if unreadable. */
function procCpuMs(pid: number, children = false): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    const ticks = Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;

async function postmasterPid(pool: pg.Pool): Promise<number | null> {
  const r = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  try {
    const stat = fs.readFileSync(`/proc/${r.rows[0]!.pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** CPU so far of the workers, of PostgreSQL (the postmaster, its reaped and its live backends) and of this process. */
function cpuSnapshot(workerPids: number[], postmaster: number | null) {
  if (postmaster === null) return null;
  let postgres = procCpuMs(postmaster, true) ?? 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster)
        postgres += procCpuMs(Number(entry)) ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  const u = process.cpuUsage();
  return {
    workers: workerPids.reduce((a, pid) => a + (procCpuMs(pid) ?? 0), 0),
    postgres,
    self: (u.user + u.system) / 1000,
  };
}

async function poll<T>(what: string, ms: number, fn: () => Promise<T | null>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The workers' DB_POOL_SIZE: the default 10, or two connections per concurrent sync and a few. */
const poolSize = (s: WorkerSetting) => Math.max(10, 2 * s.concurrency + 4);

const METRICS_TOKEN = "bench-scale-metrics-token-0123456789";

/** The daily run's workers: compiled and started as `npm run start:worker`, or as `npm run worker` with BENCH_SCALE_WORKER=dev. */
const devWorkers = () => process.env.BENCH_SCALE_WORKER === "dev";
const WORKER_BUNDLE = "dist/bench/worker.mjs";

/** `setting.workers` processes of scripts/worker.ts, started as production starts them (worker-launch.ts). */
async function startWorkers(setting: WorkerSetting, sandbox: ScaleSandbox, databaseUrl: string) {
  const launch = await benchWorker("scripts/worker.ts", WORKER_BUNDLE, devWorkers());
  const children: { child: ChildProcess; port: number; out: string[] }[] = [];
  for (let k = 0; k < setting.workers; k++) {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...launch.env,
      DATABASE_URL: databaseUrl,
      XS2A_API_URL: sandbox.url,
      XS2A_API_KEY: sandbox.apiKey,
      SALDO_CLOCK: "sandbox",
      SALDO_DAILY_SYNC_WINDOW_MINUTES: "0",
      SYNC_CONCURRENCY: String(setting.concurrency),
      // Each running import holds one pooled connection for its staging table and needs more for
      // the rest of the run: a pool no larger than SYNC_CONCURRENCY can leave every run waiting.
      DB_POOL_SIZE: String(poolSize(setting)),
      // The bench measures throughput: the workers are the only thing meant to run.
      WORKER_NICE: "0",
      WORKER_METRICS_PORT: String(port),
      METRICS_TOKEN,
      LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? "warn",
    };
    if (setting.budget) env.XS2A_MAX_REQUESTS_PER_SECOND = String(setting.budget);
    else delete env.XS2A_MAX_REQUESTS_PER_SECOND;
    // BENCH_WORKER_NODE_OPTIONS: extra node flags for the workers (e.g. --cpu-prof --cpu-prof-dir=…,
    // or, with BENCH_SCALE_WORKER=dev since it patches node_modules' pg, which the compiled worker
    // bundles, --import ./scripts/bench/scale-query-count.ts), to see where a daily sync's time goes.
    const extra = (process.env.BENCH_WORKER_NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, [...launch.flags, ...extra, launch.file], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: string[] = [];
    const keep = (d: Buffer) => {
      out.push(String(d));
      if (out.length > 50) out.shift();
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    children.push({ child, port, out });
  }
  return {
    pids: () => children.map((w) => w.child.pid!).filter(Boolean),
    /** Every worker answers on its metrics port: its jobs are registered (scripts/worker.ts). */
    async ready() {
      for (const w of children)
        await poll("a worker to start", 120_000, async () => {
          if (w.child.exitCode !== null) throw new Error(`worker exited ${w.child.exitCode}: ${w.out.join("")}`);
          return fetch(`http://127.0.0.1:${w.port}/metrics`).then(
            () => true,
            () => null,
          );
        });
    },
    /** The last lines each worker printed: what a bench that timed out says about why. */
    output: () => children.map((w, k) => `worker ${k + 1}:\n${w.out.join("")}`).join("\n"),
    async stop() {
      await Promise.all(
        children.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
              child.once("exit", () => {
                clearTimeout(timer);
                resolve();
              });
              child.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const settingText = (s: WorkerSetting) =>
  `${s.workers} worker${s.workers > 1 ? "s" : ""} × SYNC_CONCURRENCY ${s.concurrency} (DB_POOL_SIZE ${poolSize(s)}), ` +
  `XS2A_MAX_REQUESTS_PER_SECOND ${s.budget ?? "unset"}`;

/** The scale section's rows of the bench table. */
export function scaleRows(runs: readonly DailyRunFigures[]): Row[] {
  const rows: Row[] = [];
  const one = runs.find((r) => r.latencyMs === 0 && r.setting.workers === 1);
  const two = runs.find((r) => r.latencyMs === 0 && r.setting.workers === 2);
  const allOk = (r: DailyRunFigures) => Object.keys(r.statuses).every((s) => s === "SUCCEEDED");
  const detail = (r: DailyRunFigures) =>
    `${r.queued.toLocaleString("en")} runs in ${fmt.ms(r.ms)}; ${r.xs2aCalls.toLocaleString("en")} XS2A calls ` +
    `(${r.callsPerConnection}/connection, ${r.callsPerSecond}/s); rows written ${(r.rowsWritten.added + r.rowsWritten.updated + r.rowsWritten.removed).toLocaleString("en")} ` +
    `(+${r.rowsWritten.added} ~${r.rowsWritten.updated} −${r.rowsWritten.removed}); ` +
    `${Object.entries(r.statuses)
      .map(([s, n]) => `${n} ${s}`)
      .join(", ")}; load ${r.loadAvg.join(" ")}`;
  if (one)
    rows.push({
      id: "8",
      what: `Daily run, ${one.connections.toLocaleString("en")} full connections (3 accounts), no XS2A latency, ${settingText(one.setting)}: ${detail(one)}`,
      saldo: `${Math.round(one.perMinute).toLocaleString("en")} connections/min`,
      baseline: "–",
      ratio: null,
      goal: "≥ 1,500/min",
      met: one.perMinute >= 1500 && allOk(one),
    });
  if (two)
    rows.push({
      id: "8",
      what: `Same, ${settingText(two.setting)}: ${detail(two)}`,
      saldo: `${Math.round(two.perMinute).toLocaleString("en")} connections/min`,
      baseline: one ? `${Math.round(one.perMinute).toLocaleString("en")}/min (1 worker)` : "–",
      ratio: one ? two.perMinute / one.perMinute : null,
      goal: "≥ 1.7× 1 worker",
      met: one ? two.perMinute >= 1.7 * one.perMinute && allOk(two) : null,
    });
  for (const r of runs.filter((x) => x.latencyMs > 0))
    rows.push({
      id: "8l",
      what: `Daily run at ${r.latencyMs} ms per XS2A call, ${r.connections.toLocaleString("en")} connections, ${settingText(r.setting)}: ${detail(r)}`,
      saldo: `${Math.round(r.perMinute).toLocaleString("en")} connections/min`,
      baseline: r.predictedPerMinute
        ? `${Math.round(r.predictedPerMinute).toLocaleString("en")}/min allowed by the setting`
        : "–",
      ratio: r.predictedPerMinute ? r.perMinute / r.predictedPerMinute : null,
      goal: "limited only by SYNC_CONCURRENCY and the call budget (ratio near 1)",
      met: r.predictedPerMinute ? r.perMinute >= 0.8 * r.predictedPerMinute && allOk(r) : null,
    });
  return rows;
}

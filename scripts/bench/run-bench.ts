/**
 * `npm run bench`: seeds its own data into the (fresh) database named by DATABASE_URL through the
 * sandbox and Saldo's real import path, measures each figure next to a baseline taken in the same
 * run, prints a Markdown table and writes JSON. A report, never a test: it fails only when it
 * cannot measure, never on a timing.
 *
 * Saldo's configuration must be in process.env before this module's imports call `env()`;
 * scripts/bench.ts sets it and then imports this file.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { signUp } from "@/lib/auth/sign-up";
import { xs2aImportSource } from "@/lib/bank-gateway/import-source";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import type { Viewer } from "@/lib/auth/viewer";
import { listVisibleAccounts } from "@/lib/data/accounts";
import { getDashboard, monthlySumsSql, shiftMonth } from "@/lib/data/dashboard";
import { today as berlinToday } from "@/lib/clock";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { normalizeTurnovers } from "@/lib/import/normalize-turnover";
import { EMPTY_FILTERS } from "@/lib/transactions/filters";
import { baselineInsert } from "./baseline-insert";
import type { BenchConfig } from "./config";
import { benchDashboard, buildApp, firstLoadJs, freePort, hasBuild, signIn, startApp } from "./dashboard-bench";
import { importNow } from "./import-now";
import { linkVolumeBank } from "./link-volume-bank";
import { benchFirstPage, benchListParts, benchSearch, explainList } from "./list-bench";
import { contractsBench } from "./contracts-bench";
import { applyRuleBench, createRules, fiftyRules, seedBudgets } from "./rules-bench";
import { getBudgets } from "@/lib/data/budgets";
import { getNetWorth } from "@/lib/data/net-worth";
import { fmt, markdownTable, type Row } from "./report";
import type { runScaleBench } from "./scale-bench";
import { seedSqlAccount } from "./seed-sql";
import { benchWorker, workerLaunch } from "./worker-launch";
import { ratio, since, summarize, timeOnce } from "./stats";

type ScaleResult = Awaited<ReturnType<typeof runScaleBench>>;

export const BENCH_PASSWORD = "bench-Passw0rd-2026-saldo";
export const SEARCH_TERMS = ["rewe", "miete", "gehalt", "zalando", "kunde beispiel", "xylophon"];

const say = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

interface ChildImport {
  ms: number;
  fetchMs: number;
  normalizeMs: number;
  added: number;
  updated: number;
  removed: number;
  cpuMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  sampledPeakRssMb: number;
  heapBeforeMb: number;
  heapPeakMb: number;
  externalPeakMb: number;
  /** 1-, 5- and 15-minute load averages when the import ended. */
  loadAvg: number[];
}

const loadNow = () => os.loadavg().map((x) => Math.round(x * 10) / 10);

/**
 * The import child is run the production way (worker-launch.ts) unless BENCH_IMPORT_CHILD=dev:
 * compiled by the same bundleWorker() and started with the same flags and environment, so the
 * memory it reports is the production worker's.
 */
const devChild = () => process.env.BENCH_IMPORT_CHILD === "dev";

const IMPORT_CHILD_BUNDLE = "dist/bench/import-child.mjs";

async function importInChild(connectionId: string, profileDir: string | null = null): Promise<ChildImport> {
  const launch = await benchWorker("scripts/bench/import-child.ts", IMPORT_CHILD_BUNDLE, devChild());
  return new Promise((resolve, reject) => {
    const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    const child = spawn(process.execPath, ["--expose-gc", ...launch.flags, ...profile, launch.file, connectionId], {
      env: { ...process.env, ...launch.env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code !== 0 || !line) return reject(new Error(`import child exited with ${code}: ${out.slice(-500)}`));
      // The machines here are shared: each import says the load it ran under.
      resolve({ ...(JSON.parse(line.slice("BENCH_RESULT ".length)) as ChildImport), loadAvg: loadNow() });
    });
  });
}

/**
 * The scale section (scripts/bench/scale-main.ts) in a child process. `ownDatabase`: on a fresh
 * PostgreSQL of its own (prisma/with-db.mjs --fresh), since its daily runs take every connection
 * of the database; otherwise on DATABASE_URL (BENCH_ONLY=scale: the bench's database is fresh).
 */
function scaleInChild(ownDatabase: boolean): Promise<ScaleResult> {
  return new Promise((resolve, reject) => {
    const node = [process.execPath, "--conditions=react-server", "--import", "tsx", "scripts/bench/scale-main.ts"];
    const env = { ...process.env };
    if (ownDatabase) delete env.DATABASE_URL;
    const [cmd, ...args] = ownDatabase ? [process.execPath, "prisma/with-db.mjs", "--fresh", ...node] : node;
    const child = spawn(cmd!, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code !== 0 || !line) return reject(new Error(`scale bench exited with ${code}: ${out.slice(-500)}`));
      resolve(JSON.parse(line.slice("BENCH_RESULT ".length)) as ScaleResult);
    });
  });
}

export async function runBench(opts: { config: BenchConfig; sandboxUrl: string; appEnv: NodeJS.ProcessEnv }) {
  const cfg = opts.config;
  if (cfg.only === "scale") return runScaleOnly(cfg);
  if (cfg.only === "import") return runImportOnly(cfg, opts.sandboxUrl);
  const t0 = process.hrtime.bigint();
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const rows: Row[] = [];
  const pgVersion =
    (await pool.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "?";
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "?",
    memGb: Math.round(os.totalmem() / 1e9),
    node: process.version,
    postgres: pgVersion,
    platform: `${os.platform()} ${os.release()}`,
    // The machines here are shared: the load says how much the absolute figures can be trusted.
    loadAvgAtStart: os.loadavg().map((x) => Math.round(x * 10) / 10),
  };
  const results: Record<string, unknown> = { startedAt: new Date().toISOString(), config: cfg, machine };
  say(
    `scale ${cfg.scale}: import ${cfg.importRows}, list ${cfg.accounts} accounts (${cfg.importRows} + ${cfg.accounts - 1} × ${cfg.rowsPerAccount}, seed ${cfg.seed})`,
  );

  // ---- Users: the bench user (imports, list, dashboard) and a throwaway one for the baseline insert.
  const { user, other } = await benchUsers();
  const viewerOf = (u: { id: string; email: string }): Viewer => ({
    id: u.id,
    email: u.email,
    name: "Bench",
    role: "USER",
    locale: "en",
  });
  const viewer = viewerOf(user);

  // ---- 1–2. First import and re-import through the real path, against a plain INSERT.
  await importSection({ cfg, pool, sandboxUrl: opts.sandboxUrl, user, other, rows, results });

  // ---- 7i. Rules at import (issue 17): the same import for fresh users without rules and with
  // fifty, in the order without, with, with, without (so a growing table weighs on both alike).
  say("import without rules and with 50 rules, twice each (child processes)…");
  const rules50 = await fiftyRules(pool, user.id);
  const ruleRuns: { rules: number; ms: number; ruled: number }[] = [];
  for (const [k, withRules] of [false, true, true, false].entries()) {
    const u = await newUser({ email: `rules-${k}@saldo.local`, password: BENCH_PASSWORD });
    if (withRules) await createRules(viewerOf(u), rules50);
    const c = await linkVolumeBank({ sandboxUrl: opts.sandboxUrl, userId: u.id, login: `volume-${cfg.importRows}` });
    const r = await importInChild(c.id);
    const ruled = Number(
      (
        await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM "Transaction" WHERE "userId" = $1
             AND ("categoryRuleId" IS NOT NULL OR "ruleTags" <> '{}' OR "ruleCounterparty" IS NOT NULL)`,
          [u.id],
        )
      ).rows[0]!.n,
    );
    ruleRuns.push({ rules: withRules ? rules50.length : 0, ms: r.ms, ruled });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const plainMs = mean(ruleRuns.filter((r) => r.rules === 0).map((r) => r.ms));
  const ruledMs = mean(ruleRuns.filter((r) => r.rules > 0).map((r) => r.ms));
  const ruledRows = ruleRuns.find((r) => r.rules > 0)!.ruled;
  results.importWithRules = { rules: rules50.length, runs: ruleRuns };
  rows.push({
    id: "7i",
    what: `Import of ${cfg.importRows.toLocaleString("en")} turnovers with ${rules50.length} rules (${ruledRows.toLocaleString("en")} rows changed by a rule), mean of 2`,
    saldo: fmt.ms(ruledMs),
    baseline: `${fmt.ms(plainMs)} (same import, no rules, mean of 2)`,
    ratio: ratio(ruledMs, plainMs),
    goal: "≤ 1.2×",
    met: ruledMs <= 1.2 * plainMs && ruledRows > 0,
  });

  // ---- Seed the list user's further accounts.
  const seedTimes: number[] = [];
  for (let k = 1; k < cfg.accounts; k++) {
    const s0 = process.hrtime.bigint();
    if (cfg.seed === "real") {
      // Different login strings → different accounts (IBANs); the volume is the number.
      const c = await linkVolumeBank({
        sandboxUrl: opts.sandboxUrl,
        userId: user.id,
        login: `volume-${"0".repeat(k)}${cfg.rowsPerAccount}`,
      });
      const r = await importNow({ connectionId: c.id });
      if (r.added !== cfg.rowsPerAccount) throw new Error(`seed import ${k} added ${r.added}`);
    } else {
      await seedSqlAccount({ pool, userId: user.id, index: k, rows: cfg.rowsPerAccount });
    }
    seedTimes.push(since(s0));
    say(`seeded account ${k + 1}/${cfg.accounts} in ${fmt.ms(seedTimes.at(-1)!)}`);
  }
  // What autovacuum does shortly after a bulk load; without it the planner guesses row counts.
  await pool.query(`VACUUM ANALYZE "Transaction"`);
  const total = Number(
    (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Transaction" WHERE "userId" = $1`, [user.id])).rows[0]!
      .n,
  );
  results.seed = {
    method: cfg.seed,
    accounts: cfg.accounts,
    transactions: total,
    perAccountMs: seedTimes.length ? summarize(seedTimes) : null,
  };
  say(`list user has ${total.toLocaleString("en")} transactions over ${cfg.accounts} accounts`);

  // ---- 3. First page of the combined list.
  const page = await benchFirstPage({ pool, viewer, samples: cfg.samples, warmup: cfg.warmup });
  rows.push({
    id: "3",
    what: `First page of the list (${page.rows} rows of ${total.toLocaleString("en")}), p50 / p95`,
    saldo: fmt.pct(page.saldo),
    baseline: `${fmt.pct(page.baseline)} (keyset SQL)`,
    ratio: ratio(page.saldo.p50, page.baseline.p50),
    goal: "≤ 1.5× (p50), p95 < 50 ms",
    met: page.saldo.p50 <= 1.5 * page.baseline.p50 && page.saldo.p95 < 50,
  });
  const parts = await benchListParts({
    pool,
    viewer,
    samples: Math.max(10, Math.round(cfg.samples / 2)),
    warmup: cfg.warmup,
  });
  rows.push({
    id: "3d",
    what: "List parts, p50: the data layer's statement through Prisma / pg · `SELECT 1` through Prisma / pg",
    saldo: `${fmt.ms(parts.prismaStatement.p50)} / ${fmt.ms(parts.pgStatement.p50)} · ${fmt.ms(parts.prismaSelect1.p50)}`,
    baseline: `${fmt.ms(parts.pgSelect1.p50)} (pg SELECT 1)`,
    ratio: null,
    goal: "(diagnostic)",
    met: null,
  });
  const plans: Record<string, string> = { firstPage: await explainList(viewer, EMPTY_FILTERS) };

  // ---- 4. Full-text search.
  const searches: Record<string, unknown> = {};
  const allSearch: number[] = [];
  let worst = { term: "", p95: -1 };
  for (const term of SEARCH_TERMS) {
    const s = await benchSearch({
      pool,
      viewer,
      term,
      samples: Math.max(10, Math.round(cfg.samples / 4)),
      warmup: Math.min(cfg.warmup, 5),
    });
    searches[term] = s;
    allSearch.push(s.saldo.p95);
    if (s.saldo.p95 > worst.p95) worst = { term, p95: s.saldo.p95 };
    rows.push({
      id: "4",
      what: `Search "${term}" (${s.hits.toLocaleString("en")} hits), p50 / p95`,
      saldo: fmt.pct(s.saldo),
      baseline: `${fmt.pct(s.baseline)} (same tsquery, pg)`,
      ratio: ratio(s.saldo.p50, s.baseline.p50),
      goal: "p95 < 150 ms",
      met: s.saldo.p95 < 150,
    });
  }
  plans[`search:${worst.term}`] = await explainList(viewer, { ...EMPTY_FILTERS, q: worst.term });
  results.list = { firstPage: page, parts, search: searches };

  // Budgets of the 1,000,000-row user, for the dashboard's card and the budgets page (7b).
  const budgetCount = await seedBudgets(viewer, await berlinToday());

  // ---- 5. Dashboard: data layer in-process (to tell the database from rendering), then HTTP.
  const dashSamples: number[] = [];
  // Seconds per call at full size: a few samples say enough.
  const dashWarmup = Math.min(cfg.warmup, 3);
  for (let i = 0; i < dashWarmup + Math.min(20, Math.max(10, Math.round(cfg.samples / 4))); i++) {
    const r = await timeOnce(() => getDashboard(viewer));
    if (i >= dashWarmup) dashSamples.push(r.ms);
  }
  const dashData = summarize(dashSamples);
  results.dashboardData = dashData;
  await explainDashboard(viewer, plans);

  let dashboard: Record<string, unknown>;
  const dashRow = (saldo: string, baseline: string, r: number | null, met: boolean | null): Row => ({
    id: "5",
    what: "Dashboard over HTTP (`next start`), p50 / p95",
    saldo,
    baseline,
    ratio: r,
    goal: "p95 < 200 ms",
    met,
  });
  const jsRow = (saldo: string, met: boolean | null): Row => ({
    id: "5j",
    what: "First-load JS of the dashboard (gzip)",
    saldo,
    baseline: "–",
    ratio: null,
    goal: "< 180 kB",
    met,
  });
  let distReady = cfg.dashboard !== "skip" && hasBuild(cfg.distDir) && cfg.dashboard === "reuse";
  let buildNote = distReady ? "reused existing build" : "";
  if (cfg.dashboard === "build" || (cfg.dashboard === "reuse" && !distReady && cfg.scale === "full")) {
    say(`next build into ${cfg.distDir} (log: bench-results/next-build.log)…`);
    const b = await buildApp({ distDir: cfg.distDir, logFile: "bench-results/next-build.log", env: opts.appEnv });
    distReady = b.ok;
    buildNote = b.ok ? `built in ${fmt.ms(b.ms)}` : "next build failed (see bench-results/next-build.log)";
    say(buildNote);
  }
  if (distReady) {
    const port = await freePort();
    const app = await startApp({
      distDir: cfg.distDir,
      port,
      env: { ...opts.appEnv, APP_URL: `http://localhost:${port}`, NEXTAUTH_URL: `http://localhost:${port}` },
    });
    try {
      const cookie = await signIn(app.url, user.email, BENCH_PASSWORD);
      const d = await benchDashboard({
        url: app.url,
        cookie,
        samples: Math.min(40, Math.max(20, Math.round(cfg.samples / 2))),
        warmup: Math.min(cfg.warmup, 5),
      });
      const js = await firstLoadJs(app.url, cookie);
      const budgetsPage = await benchDashboard({
        url: app.url,
        cookie,
        path: "/budgets",
        samples: Math.min(40, Math.max(20, Math.round(cfg.samples / 2))),
        warmup: Math.min(cfg.warmup, 5),
      });
      dashboard = { ...d, firstLoadJs: js, build: buildNote, budgetsPage };
      rows.push({
        id: "7b",
        what: `Budgets page over HTTP (${budgetCount} budgets, ${total.toLocaleString("en")} transactions), p50 / p95`,
        saldo: fmt.pct(budgetsPage.dashboard),
        baseline: `${fmt.pct(budgetsPage.baseline)} (/signin)`,
        ratio: ratio(budgetsPage.dashboard.p95, budgetsPage.baseline.p95),
        goal: "p95 < 200 ms",
        met: budgetsPage.dashboard.p95 < 200,
      });
      rows.push(
        dashRow(
          fmt.pct(d.dashboard),
          `${fmt.pct(d.baseline)} (/signin)`,
          ratio(d.dashboard.p95, d.baseline.p95),
          d.dashboard.p95 < 200,
        ),
      );
      rows.push(jsRow(`${js.gzipKb} kB (${js.scripts.length} scripts, ${js.rawKb} kB raw)`, js.gzipKb < 180));
    } finally {
      await app.stop();
    }
  } else {
    const why =
      cfg.dashboard === "skip"
        ? "skipped (BENCH_DASHBOARD=skip)"
        : buildNote || `not measured: no build in ${cfg.distDir} (BENCH_DASHBOARD=build)`;
    dashboard = { skipped: true, reason: why };
    rows.push(dashRow(why, "–", null, null));
    rows.push(jsRow(why, null));
  }
  rows.push({
    id: "5d",
    what: "Dashboard data (`getDashboard`, in-process), p50 / p95",
    saldo: fmt.pct(dashData),
    baseline: "–",
    ratio: null,
    goal: "(diagnostic)",
    met: null,
  });
  results.dashboard = dashboard;

  // ---- 7n. Net worth (drawn on the dashboard, timed above) and budgets, data layer in-process.
  const timeMany = async (fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < dashWarmup + 20; i++) {
      const r = await timeOnce(fn);
      if (i >= dashWarmup) xs.push(r.ms);
    }
    return summarize(xs);
  };
  const netWorthData = await timeMany(() => getNetWorth(viewer));
  const budgetsData = await timeMany(() => getBudgets(viewer));
  results.netWorthData = netWorthData;
  results.budgetsData = budgetsData;
  rows.push({
    id: "7n",
    what: "Net worth, 12 months daily (`getNetWorth`, in-process; part of the dashboard above), p50 / p95",
    saldo: fmt.pct(netWorthData),
    baseline: "–",
    ratio: null,
    goal: "(part of 5: p95 < 200 ms)",
    met: netWorthData.p95 < 200,
  });
  rows.push({
    id: "7d",
    what: "Budgets data (`getBudgets`, in-process), p50 / p95",
    saldo: fmt.pct(budgetsData),
    baseline: "–",
    ratio: null,
    goal: "(diagnostic)",
    met: null,
  });

  // ---- 7a. Applying a rule to every stored transaction of the 1,000,000-row user (issue 17).
  // K.2.1 is "Groceries: Supermarket" (lib/categories).
  const applied: unknown[] = [];
  results.applyRule = applied;
  for (const spec of [
    {
      label: 'counterparty contains "rewe" → category',
      rule: { match: "all" as const, conditions: { counterparty: "rewe" }, actions: { category: "K.2.1" } },
      baselineSql: `UPDATE "Transaction" SET "userCategory" = 'K.2.1', "updatedAt" = now() WHERE "userId" = $1
        AND strpos(translate(lower(coalesce("counterpartyName", '')), 'ÄÖÜ', 'äöü'), 'rewe') > 0`,
    },
    {
      label: "every outgoing payment → tag",
      rule: { match: "all" as const, conditions: { direction: "out" as const }, actions: { tags: ["spending"] } },
      baselineSql: `UPDATE "Transaction" SET "ruleTags" = '{spending}', "updatedAt" = now() WHERE "userId" = $1 AND amount < 0`,
    },
  ]) {
    say(`applying a rule (${spec.label}) to ${total.toLocaleString("en")} transactions…`);
    const a = await applyRuleBench({ pool, viewer, rule: spec.rule, baselineSql: spec.baselineSql });
    applied.push({ label: spec.label, ...a });
    rows.push({
      id: "7a",
      what: `Apply a rule (${spec.label}) to ${total.toLocaleString("en")} transactions: ${a.changed.toLocaleString("en")} changed in ${a.statements} statements`,
      saldo: fmt.ms(a.ms),
      baseline: `${fmt.ms(a.baseline.ms)} (one plain UPDATE of ${a.baseline.rows.toLocaleString("en")} rows, pg)`,
      ratio: ratio(a.ms, a.baseline.ms),
      goal: "< 5 s, a statement per batch",
      met: a.ms < 5000 && a.changed === a.baseline.rows,
    });
  }

  // ---- 6. Contract detection for one user with 1,000,000 transactions (pure, in-process).
  say("contract detection on 1,000,000 transactions…");
  const detection = contractsBench(cfg.scale === "small" ? 100_000 : 1_000_000);
  results.contracts = detection;
  rows.push({
    id: "6",
    what: `Contract detection, one user with ${detection.transactions.toLocaleString("en")} transactions (${detection.contracts} contracts found); heap growth`,
    saldo: `${fmt.ms(detection.ms)} (CPU ${fmt.ms(detection.cpuMs)}); ${detection.heapDeltaMb.toFixed(0)} MB`,
    baseline: "–",
    ratio: null,
    goal: "< 10 s, < 250 MB",
    met: detection.ms < 10_000 && detection.heapDeltaMb < 250,
  });

  // ---- 8. The daily run at scale (issue 15), last and on a database of its own.
  if (!cfg.skipScale) {
    say("scale section (own PostgreSQL, own sandbox, worker processes)…");
    const scale = await scaleInChild(true);
    results.scale = scale;
    rows.push(...scale.rows);
  }

  results.rows = rows;
  results.plans = plans;
  results.totalMs = since(t0);
  results.loadAvgAtEnd = os.loadavg().map((x) => Math.round(x * 10) / 10);
  fs.mkdirSync(path.dirname(cfg.out), { recursive: true });
  fs.writeFileSync(cfg.out, JSON.stringify(results, null, 2));
  const header = `Saldo bench (${cfg.scale}) · ${machine.cpus} cores ${machine.cpuModel} · Node ${machine.node} · PostgreSQL ${machine.postgres} · ${new Date().toISOString().slice(0, 10)} · ${fmt.ms(since(t0))} · load avg ${machine.loadAvgAtStart[0]} → ${os.loadavg()[0]!.toFixed(1)}`;
  process.stdout.write(`\n${header}\n\n${markdownTable(rows)}\n\nJSON: ${cfg.out}\n`);
  for (const [k, plan] of Object.entries(plans))
    process.stdout.write(`\n<details><summary>EXPLAIN ANALYZE ${k}</summary>\n\n\`\`\`\n${plan}\n\`\`\`\n</details>\n`);
  await pool.end();
  await db.$disconnect();
}

/** signUp answers the same for new and known emails (no id): the rows are read back, verified. */
async function newUser(input: Parameters<typeof signUp>[0]) {
  await signUp(input);
  return db.user.update({
    where: { email: input.email },
    data: { emailVerifiedAt: new Date() },
    select: { id: true, email: true },
  });
}

/** The bench user (imports, list, dashboard) and a throwaway one for the baseline insert. */
async function benchUsers() {
  const user = await newUser({ email: "bench@saldo.local", password: BENCH_PASSWORD, name: "Bench", locale: "en" });
  const other = await newUser({ email: "baseline@saldo.local", password: BENCH_PASSWORD });
  return { user, other };
}

type BenchUser = Awaited<ReturnType<typeof newUser>>;

/**
 * 1–2: the first import of `cfg.importRows` turnovers through the real path (child process) against
 * a plain batched INSERT of the same rows, its peak memory, and the re-import of the same data.
 */
async function importSection(opts: {
  cfg: BenchConfig;
  pool: pg.Pool;
  sandboxUrl: string;
  user: BenchUser;
  other: BenchUser;
  rows: Row[];
  results: Record<string, unknown>;
}) {
  const { cfg, pool, user, other, rows, results } = opts;
  // ---- 1. First import through the real path vs a plain batched INSERT of the same rows.
  say("linking the import account (sandbox wizard)…");
  const conn = await linkVolumeBank({
    sandboxUrl: opts.sandboxUrl,
    userId: user.id,
    login: `volume-${cfg.importRows}`,
  });
  const sourceRows = await withUserApi(user.id, async (api) => {
    const source = xs2aImportSource(api, conn.xs2aId!);
    const [account] = await source.listAccounts();
    return normalizeTurnovers({
      turnovers: (await source.turnovers(account!.id, {})).turnovers,
      accountCurrency: "EUR",
    }).turnovers;
  });
  await pool.query(
    `INSERT INTO "BankAccount" (id, "userId", "xs2aId", type, currency, "updatedAt") VALUES ('bench-baseline', $1, 'bench-baseline', 'GIRO', 'EUR', now())`,
    [other.id],
  );
  say(`baseline: INSERT … ON CONFLICT of ${sourceRows.length} rows…`);
  const base = await timeOnce(() =>
    baselineInsert({ pool, userId: other.id, accountId: "bench-baseline", rows: sourceRows }),
  );
  await pool.query(`DELETE FROM "Transaction" WHERE "accountId" = 'bench-baseline'`);
  await pool.query(`VACUUM ANALYZE "Transaction"`);

  say("first import through the real path (child process)…");
  const first = await importInChild(conn.id, cfg.importProfileDir);
  say(`first import ${fmt.ms(first.ms)} (baseline ${fmt.ms(base.ms)}), load avg ${loadNow().join(" ")}`);
  const importTargetMet = first.ms <= 1.5 * base.ms;
  rows.push({
    id: "1",
    what: `First import, ${first.added.toLocaleString("en")} turnovers (sandbox HTTP → client → normalise → write)`,
    saldo: `${fmt.ms(first.ms)} (XS2A read ${fmt.ms(first.fetchMs)}, normalise ${fmt.ms(first.normalizeMs)}, CPU ${fmt.ms(first.cpuMs)})`,
    baseline: `${fmt.ms(base.ms)} (pg INSERT … ON CONFLICT)`,
    ratio: ratio(first.ms, base.ms),
    goal: "≤ 1.5×",
    met: importTargetMet && first.added === cfg.importRows,
  });
  rows.push({
    id: "1m",
    what: "Peak memory of the import process (VmHWM)",
    saldo: `${Math.round(first.peakRssMb)} MB`,
    baseline: `${Math.round(first.rssBeforeMb)} MB before the import`,
    ratio: null,
    goal: "< 250 MB",
    met: first.peakRssMb < 250,
  });

  // ---- 2. Re-import of the same data: nothing to write.
  say("re-import (child process)…");
  const before = (await pool.query<{ t: Date }>("SELECT clock_timestamp() AS t")).rows[0]!.t;
  const again = await importInChild(conn.id, cfg.importProfileDir);
  say(`re-import ${fmt.ms(again.ms)}, load avg ${loadNow().join(" ")}`);
  const written =
    Number(
      (
        await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM "Transaction" t JOIN "BankAccount" a ON a.id = t."accountId" WHERE a."connectionId" = $1 AND t."updatedAt" >= $2`,
          [conn.id, before],
        )
      ).rows[0]!.n,
    ) + again.removed;
  rows.push({
    id: "2",
    what: `Re-import of the same ${cfg.importRows.toLocaleString("en")} (rows written: ${written})`,
    saldo: `${fmt.ms(again.ms)} (XS2A read ${fmt.ms(again.fetchMs)}, normalise ${fmt.ms(again.normalizeMs)}, CPU ${fmt.ms(again.cpuMs)})`,
    baseline: `${fmt.ms(first.ms)} (first import)`,
    ratio: ratio(again.ms, first.ms),
    goal: "≤ 0.35×, 0 rows written",
    met: again.ms <= 0.35 * first.ms && written === 0 && again.added === 0 && again.updated === 0,
  });
  results.import = {
    baselineMs: base.ms,
    baselineRows: sourceRows.length,
    first,
    reimport: { ...again, rowsWritten: written },
    worker: {
      ...workerLaunch(devChild() ? "worker" : "start:worker"),
      how: devChild() ? "tsx (BENCH_IMPORT_CHILD=dev)" : "compiled",
    },
  };
}

/** `BENCH_ONLY=import`: the first import, its baseline, its memory and the re-import alone. */
async function runImportOnly(cfg: BenchConfig, sandboxUrl: string) {
  const t0 = process.hrtime.bigint();
  const loadAvgAtStart = loadNow();
  say(`import section only (BENCH_ONLY=import): ${cfg.importRows} turnovers…`);
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const rows: Row[] = [];
  const results: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    config: cfg,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "?", node: process.version, loadAvgAtStart },
  };
  const { user, other } = await benchUsers();
  await importSection({ cfg, pool, sandboxUrl, user, other, rows, results });
  results.rows = rows;
  results.totalMs = since(t0);
  results.loadAvgAtEnd = loadNow();
  fs.mkdirSync(path.dirname(cfg.out), { recursive: true });
  fs.writeFileSync(cfg.out, JSON.stringify(results, null, 2));
  const header = `Saldo bench (import only) · ${os.cpus().length} cores ${os.cpus()[0]?.model ?? "?"} · Node ${process.version} · ${new Date().toISOString().slice(0, 10)} · ${fmt.ms(since(t0))} · load avg ${loadAvgAtStart[0]} → ${os.loadavg()[0]!.toFixed(1)}`;
  process.stdout.write(`\n${header}\n\n${markdownTable(rows)}\n\nJSON: ${cfg.out}\n`);
  await pool.end();
  await db.$disconnect();
}

/** `BENCH_ONLY=scale`: the scale section alone, its table and JSON like a full run's. */
async function runScaleOnly(cfg: BenchConfig) {
  const t0 = process.hrtime.bigint();
  const loadAvgAtStart = os.loadavg().map((x) => Math.round(x * 10) / 10);
  say("scale section only (BENCH_ONLY=scale)…");
  const scale = await scaleInChild(false);
  const results = {
    startedAt: new Date().toISOString(),
    config: cfg,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "?", node: process.version, loadAvgAtStart },
    scale,
    rows: scale.rows,
    totalMs: since(t0),
    loadAvgAtEnd: os.loadavg().map((x) => Math.round(x * 10) / 10),
  };
  fs.mkdirSync(path.dirname(cfg.out), { recursive: true });
  fs.writeFileSync(cfg.out, JSON.stringify(results, null, 2));
  const header = `Saldo bench (scale only) · ${os.cpus().length} cores ${results.machine.cpuModel} · Node ${process.version} · ${new Date().toISOString().slice(0, 10)} · ${fmt.ms(since(t0))} · load avg ${loadAvgAtStart[0]} → ${os.loadavg()[0]!.toFixed(1)}`;
  process.stdout.write(`\n${header}\n\n${markdownTable(scale.rows)}\n\nJSON: ${cfg.out}\n`);
  await db.$disconnect();
}

/** The dashboard's 12-month sums (the statement getDashboard runs) with their plan, for the report. */
async function explainDashboard(viewer: Viewer, plans: Record<string, string>) {
  const accounts = await listVisibleAccounts(viewer);
  const day = await berlinToday();
  const sql = monthlySumsSql({
    userId: viewer.id,
    accountIds: accounts.map((a) => a.id),
    firstMonth: `${shiftMonth(day.slice(0, 7), -11)}-01`,
    lastMonth: `${day.slice(0, 7)}-01`,
  });
  const rows = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
  plans.dashboardMonths = rows.map((r) => r["QUERY PLAN"]).join("\n");
}

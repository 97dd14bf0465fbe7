// npm test: every suite, in order, against real parts.
//   0. lint: ESLint (boundaries) and Prettier (format)
//   1. unit tests (vitest)
//   2. integration tests against a fresh PostgreSQL (embedded, unless DATABASE_URL is set)
//   3. a production build, then browser tests in Chromium (Playwright) against `next start`
//   4. the production smoke test (scripts/prod-smoke.sh): Debian's PostgreSQL, `npm start`, two
//      workers, health/readiness/metrics, backup and restore, SIGTERM to every process
// Runs all three even if one fails, then prints a summary and exits non-zero on any failure.
import path from "node:path";
import { dataDirFor, ensureDatabase, freePort, startEmbeddedPostgres } from "../prisma/embedded-pg.mjs";
import { CHROMIUM_HELP, findChromium } from "./chromium";
import { run } from "./processes";
import { E2E_REPORT, e2eEnv } from "../playwright.config";
import fs from "node:fs";
import { stripVTControlCharacters } from "node:util";

const bin = (n: string) => path.resolve("node_modules/.bin", n);
const npmBin = () => (process.platform === "win32" ? "npm.cmd" : "npm");
const results: { name: string; ok: boolean; seconds: number; note?: string }[] = [];
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const wanted = (name: string) => only.length === 0 || only.includes(name);

async function step(name: string, fn: () => Promise<number | { code: number; note?: string }>) {
  if (!wanted(name)) return;
  console.log(`\n━━━ ${name} ━━━`);
  const t0 = Date.now();
  const r = await fn();
  const { code, note } = typeof r === "number" ? { code: r, note: undefined } : r;
  results.push({ name, ok: code === 0, seconds: Math.round((Date.now() - t0) / 1000), note });
}

let stopPg: (() => Promise<void>) | null = null;
let freshDir: string | null = null;
async function serverUrl() {
  if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? ""))
    return process.env.DATABASE_URL!.replace(/\/[^/]*$/, "");
  freshDir = dataDirFor(`test-${process.pid}`);
  fs.rmSync(freshDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({ dataDir: freshDir, port: await freePort() });
  stopPg = () => pg.stop();
  return pg.url("").replace(/\/$/, "");
}

async function freshDatabase(base: string, name: string) {
  await ensureDatabase(`${base}/postgres`, name);
  const url = `${base}/${name}`;
  const code = await run(process.execPath, ["prisma/db.mjs", "deploy"], { ...process.env, DATABASE_URL: url });
  if (code !== 0) throw new Error(`migrations failed on ${name}`);
  return url;
}

async function main() {
  // The layout's boundaries (no import cycle, imports one way, client code without server code) and the format.
  await step("lint", () => run(npmBin(), ["run", "lint"], process.env));
  await step("unit", () => run(bin("vitest"), ["run", "--project", "unit"], { ...process.env, NODE_ENV: "test" }));

  const needsDb = wanted("integration") || wanted("e2e");
  const base = needsDb ? await serverUrl() : "";
  const suffix = `${process.pid}`;

  await step("integration", async () => {
    const url = await freshDatabase(base, `saldo_it_${suffix}`);
    return run(bin("vitest"), ["run", "--project", "integration"], {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: url,
    });
  });

  await step("e2e", async () => {
    const chromium = await findChromium();
    if (!chromium) {
      console.error(CHROMIUM_HELP);
      return { code: 1, note: "no Chromium" };
    }
    const url = await freshDatabase(base, `saldo_e2e_${suffix}`);
    const env = { ...process.env, ...e2eEnv, DATABASE_URL: url, CHROMIUM_PATH: chromium };
    const built = await run(bin("next"), ["build"], env);
    if (built !== 0) return { code: built, note: "next build failed" };
    // E2E_ARGS passes extra Playwright arguments, e.g. E2E_ARGS="e2e/banks.spec.ts --grep abort".
    // With a spec filter, only those specs run (not the "clock" project's dependencies in full).
    const args = (process.env.E2E_ARGS ?? "").split(" ").filter(Boolean);
    fs.rmSync(E2E_REPORT, { force: true });
    return run(bin("playwright"), ["test", ...(args.length ? ["--no-deps", ...args] : [])], env);
  });

  await step("production", async () => {
    const chromium = await findChromium();
    if (!chromium) {
      console.error(CHROMIUM_HELP);
      return { code: 1, note: "no Chromium" };
    }
    return run("bash", ["scripts/prod-smoke.sh"], { ...process.env, CHROMIUM_PATH: chromium });
  });
}

type ReportSuite = {
  title: string;
  specs?: {
    title: string;
    file: string;
    line: number;
    tests: { projectName: string; status: string; results: { error?: { message?: string } }[] }[];
  }[];
  suites?: ReportSuite[];
};

/** After the summary, so the end of a CI log says which browser tests failed and why. */
function printFailedBrowserTests() {
  if (!fs.existsSync(E2E_REPORT)) return;
  const report = JSON.parse(fs.readFileSync(E2E_REPORT, "utf8")) as { suites: ReportSuite[] };
  const failed: string[] = [];
  const visit = (suite: ReportSuite, titles: string[]) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests)
        if (t.status === "unexpected" || t.status === "flaky") {
          const message = t.results.map((r) => r.error?.message).find(Boolean) ?? "";
          const lines = stripVTControlCharacters(message).split("\n").slice(0, 8);
          failed.push(
            `${t.status === "flaky" ? "FLAKY" : "FAIL"}  [${t.projectName}] ${spec.file}:${spec.line} › ${[...titles, spec.title].join(" › ")}\n` +
              lines.map((l) => `      ${l}`).join("\n"),
          );
        }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of report.suites) visit(suite, []);
  if (failed.length) console.log(`\n━━━ failed browser tests ━━━\n${failed.join("\n")}`);
}

main()
  .catch((err) => {
    console.error(err);
    results.push({ name: "runner", ok: false, seconds: 0, note: String(err) });
  })
  .finally(async () => {
    await stopPg?.();
    if (freshDir) fs.rmSync(freshDir, { recursive: true, force: true });
    console.log("\n━━━ summary ━━━");
    for (const r of results)
      console.log(
        `${r.ok ? "PASS" : "FAIL"}  ${r.name.padEnd(12)} ${String(r.seconds).padStart(4)} s${r.note ? `  (${r.note})` : ""}`,
      );
    if (results.some((r) => r.name === "e2e" && !r.ok)) printFailedBrowserTests();
    process.exit(results.every((r) => r.ok) && results.length > 0 ? 0 : 1);
  });

// Run a command with DATABASE_URL pointing at a migrated PostgreSQL.
//   node prisma/with-db.mjs <command…>           dev database, kept in .data/ between runs
//   node prisma/with-db.mjs --fresh <command…>   a new, empty server for this run only (tests)
// With DATABASE_URL already set to a postgres:// URL, that server is used and nothing is started.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { dataDirFor, ensureDatabase, freePort, startEmbeddedPostgres } from "./embedded-pg.mjs";

const args = process.argv.slice(2);
const fresh = args[0] === "--fresh" ? (args.shift(), true) : false;
let url = process.env.DATABASE_URL;
let pg = null;
let freshDir = null;

if (!/^postgres(ql)?:\/\//.test(url ?? "")) {
  const t0 = Date.now();
  const dataDir = fresh ? (freshDir = dataDirFor(`test-${process.pid}-${Date.now()}`)) : dataDirFor("dev");
  const port = fresh ? await freePort() : Number(process.env.EMBEDDED_PG_PORT ?? 54330);
  pg = await startEmbeddedPostgres({ dataDir, port });
  url = pg.url("saldo");
  await ensureDatabase(pg.url("postgres"), "saldo");
  console.error(`[with-db] PostgreSQL ready in ${Date.now() - t0} ms (${fresh ? "fresh" : dataDir})`);
}

let child;
const cleanup = async () => {
  await pg?.stop();
  if (freshDir) fs.rmSync(freshDir, { recursive: true, force: true });
};
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child?.kill(sig));
const run = (cmd, argv, env) =>
  new Promise((res) => {
    child = spawn(cmd, argv, { stdio: "inherit", env });
    child.on("exit", (code, signal) => res(code ?? (signal ? 1 : 0)));
  });
const env = { ...process.env, DATABASE_URL: url };
let code = await run(process.execPath, ["prisma/db.mjs", "deploy"], env);
if (code === 0 && args.length) code = await run(args[0], args.slice(1), env);
await cleanup();
process.exit(code);

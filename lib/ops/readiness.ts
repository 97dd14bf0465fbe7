import "server-only";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { producerBoss } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";

/** What /api/ready reports: a yes/no per dependency, never a message, host, version or count. */
export interface Readiness {
  ready: boolean;
  checks: { database: boolean; migrations: boolean; queue: boolean };
}

/** The migrations this build ships (prisma/migrations beside the running app). */
const shipped = new Map<string, string[]>();
function shippedMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): string[] {
  let names = shipped.get(dir);
  if (!names) {
    // The folder is read at run time only: the bundler must not trace the project through it.
    names = fs
      .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    shipped.set(dir, names);
  }
  return names;
}

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref?.())]);

/**
 * Database reachable, every shipped migration applied (and none failed), pg-boss's schema
 * present. Three cheap queries, each bounded by `timeoutMs`; failures are logged here, the
 * caller only learns which check failed.
 */
export async function checkReadiness(opts: { timeoutMs?: number; migrationsDir?: string } = {}): Promise<Readiness> {
  const ms = opts.timeoutMs ?? 2_000;
  const checks = { database: false, migrations: false, queue: false };
  try {
    await within(ms, db.$queryRaw`SELECT 1`);
    checks.database = true;
  } catch (err) {
    log.warn({ err: { message: (err as Error).message } }, "readiness: database unreachable");
    return { ready: false, checks };
  }
  try {
    const rows = await within(
      ms,
      db.$queryRaw<{ migration_name: string; finished: boolean; rolled_back: boolean }[]>`
        SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
        FROM _prisma_migrations`,
    );
    const applied = new Set(rows.filter((r) => r.finished && !r.rolled_back).map((r) => r.migration_name));
    const failed = rows.some((r) => !r.finished && !r.rolled_back);
    checks.migrations = !failed && shippedMigrations(opts.migrationsDir).every((m) => applied.has(m));
    if (!checks.migrations) log.warn("readiness: migrations missing or failed (run npm run db:deploy)");
  } catch (err) {
    log.warn({ err: { message: (err as Error).message } }, "readiness: migrations table unreadable");
  }
  try {
    // The web's producer instance (started once, then cached) installs pg-boss's schema if needed.
    await within(ms, producerBoss());
    await within(ms, db.$queryRaw`SELECT version FROM pgboss.version LIMIT 1`);
    checks.queue = true;
  } catch (err) {
    log.warn({ err: { message: (err as Error).message } }, "readiness: job queue unreachable");
  }
  return { ready: checks.database && checks.migrations && checks.queue, checks };
}

import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/** pg-boss on Saldo's own PostgreSQL (schema `pgboss`): safe with many workers on many machines. */
export async function startBoss(opts: { supervise?: boolean; schedule?: boolean } = {}) {
  const url = env().databaseUrl;
  if (!url) throw new Error("DATABASE_URL is not set");
  const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 5, supervise: opts.supervise ?? true, schedule: opts.schedule ?? true });
  // Only what explains the error: a pg error also carries its whole client object.
  boss.on("error", (err: Error & { code?: string }) => log.error({ err: { type: err.name, message: err.message, code: err.code, stack: err.stack } }, "pg-boss error"));
  await boss.start();
  return boss;
}

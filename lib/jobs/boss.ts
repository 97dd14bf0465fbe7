import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/** pg-boss on Saldo's own PostgreSQL (schema `pgboss`): safe with many workers on many machines. */
export async function startBoss(opts: { supervise?: boolean; schedule?: boolean } = {}) {
  const url = env().databaseUrl;
  if (!url) throw new Error("DATABASE_URL is not set");
  const boss = new PgBoss({
    connectionString: url,
    schema: "pgboss",
    max: 5,
    supervise: opts.supervise ?? true,
    schedule: opts.schedule ?? true,
  });
  boss.on("error", (err) => log.error({ err }, "pg-boss error"));
  await boss.start();
  return boss;
}

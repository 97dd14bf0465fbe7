import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { requestTimingStorage, timePoolQueries } from "@/lib/query-timing";

export type Db = PrismaClient;

function makeClients() {
  const { databaseUrl: url, databasePoolSize } = env();
  if (!url)
    throw new Error("DATABASE_URL is not set: start Saldo with `npm run dev` (it starts PostgreSQL), or set it.");
  // One pool for both: Prisma for the model, and plain pg for the few hot raw reads (the
  // transaction list), which then skip Prisma's per-row conversion into Decimal, BigInt and Date.
  const pool = new pg.Pool({ connectionString: url, max: databasePoolSize });
  // An idle connection dropped by the server (a restart) must not crash the process.
  pool.on("error", (err) => log.warn({ err: { message: err.message } }, "idle database connection closed"));
  // SERVER_TIMING=1 (scripts/start.mjs): each query's time counts for its request's Server-Timing.
  const timing = requestTimingStorage();
  if (timing) timePoolQueries(pool, timing);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  return { prisma, pool };
}

// One client per process: Next bundles route handlers and pages as separate module graphs.
const g = globalThis as unknown as { saldoDb?: ReturnType<typeof makeClients> };
const clients = () => (g.saldoDb ??= makeClients());

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const client = clients().prisma;
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** The pg pool behind `db`, for raw reads where Prisma's row conversion is the cost. */
export const pgPool = (): pg.Pool => clients().pool;

import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type Db = PrismaClient;

function makeClient() {
  const url = env().databaseUrl;
  if (!url) throw new Error("DATABASE_URL is not set: start Saldo with `npm run dev` (it starts PostgreSQL), or set it.");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10) }) });
}

// One client per process: Next bundles route handlers and pages as separate module graphs.
const g = globalThis as unknown as { saldoPrisma?: PrismaClient };
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const client = (g.saldoPrisma ??= makeClient());
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

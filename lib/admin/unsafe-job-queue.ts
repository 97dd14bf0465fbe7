import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

export interface QueueRow {
  name: string;
  queued: number;
  active: number;
  failed: number;
  /** When the oldest job still waiting (created or waiting for a retry) was created. */
  oldestWaiting: Date | null;
}

/**
 * Jobs per queue from pg-boss's own table (pg-boss 10: `pgboss.job`). Read defensively: before
 * a worker has started once, the schema does not exist, which is "no queues", not an error.
 */
export async function unsafeJobQueue({
  admin,
}: {
  admin: Viewer;
}): Promise<{ available: boolean; queues: QueueRow[] }> {
  assertAdmin(admin);
  const [probe] = await db.$queryRaw<{ exists: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS "exists"`;
  if (!probe?.exists) return { available: false, queues: [] };
  const rows = await db.$queryRaw<
    { name: string; queued: number; active: number; failed: number; oldest_waiting: Date | null }[]
  >`
    SELECT name,
      count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS queued,
      count(*) FILTER (WHERE state = 'active')::int AS active,
      count(*) FILTER (WHERE state = 'failed')::int AS failed,
      min(created_on) FILTER (WHERE state IN ('created', 'retry')) AS oldest_waiting
    FROM pgboss.job
    GROUP BY name
    ORDER BY name`;
  return {
    available: true,
    queues: rows.map((r) => ({
      name: r.name,
      queued: r.queued,
      active: r.active,
      failed: r.failed,
      oldestWaiting: r.oldest_waiting,
    })),
  };
}

import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { summarizeBankHealth } from "@/lib/admin/bank-health";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

export const HEALTH_DAYS = 7;

/** Success rate and last error per bank over the last 7 days of sync runs (all users). */
export async function unsafeBankHealth({ admin }: { admin: Viewer }) {
  assertAdmin(admin);
  // SyncRun timestamps are system time, so the window is on the system clock too.
  const since = new Date(Date.now() - HEALTH_DAYS * 86_400_000);
  const runs = await db.syncRun.findMany({
    where: { queuedAt: { gte: since } },
    select: {
      status: true,
      queuedAt: true,
      finishedAt: true,
      errorCode: true,
      errorMessage: true,
      connection: { select: { bankCode: true, bankName: true } },
    },
  });
  return summarizeBankHealth(
    runs.map((r) => ({
      bankCode: r.connection.bankCode,
      bankName: r.connection.bankName,
      status: r.status,
      at: r.finishedAt ?? r.queuedAt,
      errorCode: r.errorCode,
      errorMessage: r.errorMessage,
    })),
  );
}

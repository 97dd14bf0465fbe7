import "server-only";
import { db } from "@/lib/db";
import type { SyncTrigger } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { runSync } from "./run-sync.ts";
import { sendSyncJob } from "./sync-queue.ts";

/**
 * Imports what XS2A holds for one connection now, in this process, and returns the finished run:
 * for an admin's "re-run import" (who wants the outcome on the spot) and for tests and tooling.
 * It goes through the same claim as every run, so it never runs beside another sync of the
 * connection; when one holds it (or XS2A answers "try later") the run is handed to the queue.
 * Users' imports (after a wizard) are queued instead: enqueue-sync.ts with `importOnly`.
 */
export async function importNow(opts: { connectionId: string; trigger: SyncTrigger; triggeredBy?: string | null }) {
  const connection = await db.bankConnection.findUniqueOrThrow({
    where: { id: opts.connectionId },
    select: { id: true, userId: true },
  });
  const run = await db.syncRun.create({
    data: {
      connectionId: connection.id,
      userId: connection.userId,
      trigger: opts.trigger,
      triggeredBy: opts.triggeredBy ?? null,
      status: "QUEUED",
    },
  });
  const result = await runSync({ runId: run.id, importOnly: true });
  if (result.outcome !== "done") {
    const delay = result.outcome === "retry" ? result.delayMs / 1000 : 5;
    await sendSyncJob(
      { runId: run.id, connectionId: connection.id, importOnly: true, attempt: 2 },
      { startAfterSeconds: delay },
    ).catch((err) => log.error({ err, runId: run.id }, "could not queue the import"));
  }
  return db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
}

import { db } from "@/lib/db";
import type { SyncTrigger } from "@/lib/generated/prisma/client";
import { sendSyncJob } from "@/lib/jobs/send";
import { log } from "@/lib/log";
import { runSync } from "@/lib/sync/run-sync";

/**
 * Import what XS2A holds for one connection now (no XS2A sync is triggered here), e.g. right
 * after a wizard finished, and record the run. It goes through the same claim as every sync, so
 * it never runs beside another sync of the connection: when one is running (or XS2A answers
 * "try later"), the import is handed to the worker instead. Returns the SyncRun row.
 */
export async function runImport(opts: {
  connectionId: string;
  trigger: SyncTrigger;
  triggeredBy?: string | null;
  runId?: string;
}) {
  const connection = await db.bankConnection.findUniqueOrThrow({
    where: { id: opts.connectionId },
    select: { id: true, userId: true },
  });
  const run = opts.runId
    ? await db.syncRun.findUniqueOrThrow({ where: { id: opts.runId } })
    : await db.syncRun.create({
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

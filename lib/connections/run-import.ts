import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { xs2aImportSource } from "@/lib/connections/import-source";
import { applyXs2aConnection } from "@/lib/connections/refresh-connection";
import { withUserApi } from "@/lib/connections/xs2a";
import type { SyncTrigger } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { importConnection } from "@/lib/sync/import-connection";
import { berlinToday, isXs2aError } from "@/lib/xs2a";

/** Re-read this many days before the last import: pending items book late, texts change. */
const OVERLAP_DAYS = 30;

/**
 * Import what XS2A holds for one connection (no XS2A sync is triggered here) and record the
 * run. Returns the finished SyncRun row.
 */
export async function runImport(opts: { connectionId: string; trigger: SyncTrigger; triggeredBy?: string | null; runId?: string }) {
  const connection = await db.bankConnection.findUniqueOrThrow({ where: { id: opts.connectionId } });
  if (!connection.xs2aId) throw new Error(`connection ${connection.id} has no XS2A id yet`);
  const xs2aId = connection.xs2aId;
  const run = opts.runId
    ? await db.syncRun.update({ where: { id: opts.runId }, data: { status: "RUNNING", startedAt: new Date(), heartbeatAt: new Date() } })
    : await db.syncRun.create({
        data: { connectionId: connection.id, userId: connection.userId, trigger: opts.trigger, triggeredBy: opts.triggeredBy ?? null, status: "RUNNING", startedAt: new Date(), heartbeatAt: new Date() },
      });
  try {
    const from = connection.lastImportedAt ? berlinToday(new Date(connection.lastImportedAt.getTime() - OVERLAP_DAYS * 86_400_000)) : undefined;
    const result = await withUserApi(connection.userId, async (api) => {
      const fresh = await applyXs2aConnection(connection.id, await api.connections.get(xs2aId));
      return importConnection({ db, connection: fresh, source: xs2aImportSource(api, xs2aId), from, log });
    });
    const failed = result.status === "failed";
    const at = await now();
    await db.bankConnection.update({ where: { id: connection.id }, data: failed ? {} : { lastImportedAt: at } });
    const firstError = result.errors[0];
    return db.syncRun.update({
      where: { id: run.id },
      data: {
        status: result.status === "succeeded" ? "SUCCEEDED" : result.status === "partial" ? "PARTIAL" : "FAILED",
        finishedAt: new Date(),
        added: result.added,
        updated: result.updated,
        removed: result.removed,
        errorCode: firstError ? "import_failed" : null,
        errorMessage: firstError ? String(firstError.message).slice(0, 1000) : null,
      },
    });
  } catch (err) {
    log.warn({ err, connectionId: connection.id }, "import failed");
    return db.syncRun.update({
      where: { id: run.id },
      data: {
        status: "FAILED",
        finishedAt: new Date(),
        errorCode: isXs2aError(err) ? `xs2a_${err.kind}` : "internal",
        errorMessage: (err instanceof Error ? err.message : String(err)).slice(0, 1000),
        requestIds: isXs2aError(err) ? [err.requestId] : [],
      },
    });
  }
}

import "server-only";
import { z } from "zod";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { audit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/viewer";
import { importNow } from "@/lib/sync/import-now";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const rerunImportInput = z.object({ connectionId: z.string().min(1).max(100) });

/**
 * Import again what XS2A already holds for a connection, e.g. after a fix to the importer.
 * Never forces an XS2A sync: that would count against the user's bank login (3 failures
 * disable the connection) and may need their TAN. importNow claims the connection like every
 * sync; if another one holds it, the import is handed to the worker and the run comes back QUEUED.
 */
export async function rerunImport({ admin, input }: { admin: Viewer; input: z.infer<typeof rerunImportInput> }) {
  assertAdmin(admin);
  const connection = await db.bankConnection.findUnique({
    where: { id: input.connectionId },
    select: { id: true, status: true, xs2aId: true, userId: true },
  });
  if (!connection || connection.status === "REMOVED") throw new AppError("not_found", "not found");
  if (connection.status !== "ACTIVE" || !connection.xs2aId) throw new AppError("conflict", "connection_not_importable");
  const running = await db.syncRun.findFirst({
    where: { connectionId: connection.id, status: { in: ["QUEUED", "RUNNING"] } },
    select: { id: true },
  });
  if (running) throw new AppError("conflict", "sync_running");
  await audit({
    action: "admin.import_rerun",
    actorId: admin.id,
    actorEmail: admin.email,
    targetType: "connection",
    targetId: connection.id,
    details: { userId: connection.userId },
  });
  const run = await importNow({ connectionId: connection.id, trigger: "ADMIN", triggeredBy: admin.id });
  return { runId: run.id, status: run.status, added: run.added, updated: run.updated, removed: run.removed };
}

import "server-only";
import { audit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { sendJob } from "@/lib/jobs/define-job";
import { dataExportJob } from "./data-export-job.ts";

/**
 * Asks for an export of everything Saldo holds about the viewer. One at a time: while one is
 * being prepared, asking again returns it. A ready but unfetched export is replaced by the new one.
 */
export async function requestDataExport({ viewer }: { viewer: Viewer }): Promise<{ exportId: string }> {
  const pending = await db.dataExport.findFirst({
    where: { userId: viewer.id, status: "PENDING" },
    select: { id: true },
  });
  if (pending) return { exportId: pending.id };
  const created = await db.$transaction(async (tx) => {
    await tx.dataExport.deleteMany({ where: { userId: viewer.id, status: { in: ["READY", "FAILED"] } } });
    return tx.dataExport.create({ data: { userId: viewer.id }, select: { id: true } });
  });
  await sendJob(dataExportJob, { exportId: created.id });
  await audit({ action: "data.export_requested", actorId: viewer.id, targetType: "user", targetId: viewer.id });
  return { exportId: created.id };
}

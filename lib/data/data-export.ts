import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

/** The state of the viewer's latest data export, for Settings. */
export async function getDataExportState(viewer: Viewer) {
  const latest = await db.dataExport.findFirst({
    where: { userId: viewer.id },
    orderBy: { requestedAt: "desc" },
    select: { status: true },
  });
  return latest?.status ?? "none";
}

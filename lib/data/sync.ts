import "server-only";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/auth/viewer";

export interface SyncRunDto {
  id: string;
  trigger: "MANUAL" | "SCHEDULED" | "LINK" | "RENEW" | "ADMIN";
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "PARTIAL" | "FAILED" | "NEEDS_USER";
  queuedAt: string;
  finishedAt: string | null;
  added: number;
  updated: number;
  removed: number;
  /** A stable reason code (mapped to plain language by the UI); never XS2A's raw text. */
  errorCode: string | null;
}

const select = {
  id: true,
  trigger: true,
  status: true,
  queuedAt: true,
  finishedAt: true,
  added: true,
  updated: true,
  removed: true,
  errorCode: true,
  connectionId: true,
} as const;
const toDto = (r: {
  id: string;
  trigger: SyncRunDto["trigger"];
  status: SyncRunDto["status"];
  queuedAt: Date;
  finishedAt: Date | null;
  added: number;
  updated: number;
  removed: number;
  errorCode: string | null;
}): SyncRunDto => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  queuedAt: r.queuedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  added: r.added,
  updated: r.updated,
  removed: r.removed,
  errorCode: r.errorCode,
});

/** The last runs of each of the viewer's banks (the sync log), newest first. */
export async function listSyncLogs(
  viewer: Viewer,
  unverifiedConnectionIds: string[],
  take = 8,
): Promise<Record<string, SyncRunDto[]>> {
  const out: Record<string, SyncRunDto[]> = {};
  const ids = unverifiedConnectionIds.slice(0, 50);
  const rows = await Promise.all(
    ids.map((id) =>
      db.syncRun.findMany({
        where: { connectionId: id, userId: viewer.id },
        orderBy: { queuedAt: "desc" },
        take,
        select,
      }),
    ),
  );
  ids.forEach((id, i) => (out[id] = rows[i]!.map(toDto)));
  return out;
}

/** The latest run per bank of the viewer, for react-query polling while a sync runs. */
export async function getSyncStatus(
  viewer: Viewer,
  unverifiedConnectionIds: string[],
): Promise<Record<string, SyncRunDto | null>> {
  const logs = await listSyncLogs(viewer, unverifiedConnectionIds, 1);
  return Object.fromEntries(Object.entries(logs).map(([id, runs]) => [id, runs[0] ?? null]));
}

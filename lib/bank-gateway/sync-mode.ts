import type { SyncMode as DbSyncMode } from "@/lib/generated/prisma/client";
import type { SyncMode } from "@/lib/xs2a";

export const toXs2aSyncMode = (m: DbSyncMode): SyncMode => (m === "FULL" ? "full" : m === "SHARED" ? "shared" : "none");
export const fromXs2aSyncMode = (m: SyncMode | null): DbSyncMode | null =>
  m === "full" ? "FULL" : m === "shared" ? "SHARED" : m === "none" ? "NONE" : null;

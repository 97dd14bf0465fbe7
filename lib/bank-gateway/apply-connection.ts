import "server-only";
import { db } from "@/lib/db";
import { fromXs2aSyncMode } from "@/lib/bank-gateway/sync-mode";
import type { BankConnection as Xs2aConnection } from "@/lib/xs2a";
import { isConnectionDisabled } from "@/lib/xs2a";

/** Copies XS2A's view of a connection (sync status, consent end) onto our row. */
export async function applyXs2aConnection(connectionId: string, c: Xs2aConnection) {
  return db.bankConnection.update({
    where: { id: connectionId },
    data: {
      xs2aId: c.id,
      bankName: c.bankName ?? undefined,
      bic: c.bic ?? undefined,
      countryId: c.countryId ?? undefined,
      xs2aSyncMode: fromXs2aSyncMode(c.syncMode),
      syncActive: c.syncActive,
      syncMessage: c.syncMessage || null,
      syncFailCounter: c.syncFailCounter,
      xs2aLastSyncedAt: c.lastSynced,
      consentValidUntil: c.consentValidUntil ? new Date(`${c.consentValidUntil}T00:00:00Z`) : null,
      ...(isConnectionDisabled(c) ? { status: "DISABLED" as const } : {}),
    },
  });
}

import "server-only";
import { applyXs2aConnection } from "@/lib/bank-gateway/apply-connection";
import { isXs2aError, toAppError } from "@/lib/bank-gateway/errors";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import type { BankConnection } from "@/lib/generated/prisma/client";
import { enqueueSync } from "@/lib/sync/enqueue-sync";
import { openWizard } from "./open-wizard.ts";

export type SyncLoginResult = { kind: "queued"; runId: string } | { kind: "wizard"; wizardId: string };

/**
 * Sync with the bank login (purpose SYNC), for `none` and a `full` fallen back to `none`: XS2A
 * answers the sync with 202 and a wizard session, which the page opens; its finish imports. When
 * XS2A syncs without the user after all (the bank is back on `full`), the run is just queued.
 * `connection` is the viewer's, checked by the caller.
 */
export async function startSyncLogin({ connection }: { connection: BankConnection }): Promise<SyncLoginResult> {
  const xs2aId = connection.xs2aId!;
  const answer = await withUserApi(connection.userId, (api) => api.connections.sync(xs2aId, {})).catch(async (err) => {
    if (isXs2aError(err, "disabled")) {
      // Record XS2A's view (disabled, its message) before telling the user to re-link.
      await withUserApi(connection.userId, (api) => api.connections.get(xs2aId))
        .then((remote) => applyXs2aConnection(connection.id, remote))
        .catch(() => undefined);
    }
    throw toAppError(err);
  });
  if (answer.kind === "started") {
    const { runId } = await enqueueSync({
      connectionId: connection.id,
      userId: connection.userId,
      trigger: "MANUAL",
      triggeredBy: connection.userId,
    });
    return { kind: "queued", runId };
  }
  return {
    kind: "wizard",
    ...(await openWizard({
      userId: connection.userId,
      connectionId: connection.id,
      purpose: "SYNC",
      ref: answer,
      syncMode: connection.syncMode,
    })),
  };
}

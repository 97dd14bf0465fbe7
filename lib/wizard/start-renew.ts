import "server-only";
import { z } from "zod";
import { ownedConnectionOrThrow } from "@/lib/auth/ownership";
import type { Viewer } from "@/lib/auth/viewer";
import { isXs2aError, toAppError } from "@/lib/bank-gateway/errors";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { openWizard } from "./open-wizard.ts";

export const renewConsentInput = z.object({ connectionId: z.string().min(1).max(64) }).strict();

/**
 * "Renew now" (purpose RENEW): XS2A's `reset` opens a new wizard session for the existing
 * connection (any sync mode). The connection keeps syncing meanwhile — nothing changes here until
 * the wizard finishes; then `consent_valid_until` is refreshed, the snooze cleared and the data
 * imported. Accounts keep their identity (upsert-accounts matches XS2A id, then IBAN).
 */
export async function renewConsent({ viewer, input }: { viewer: Viewer; input: z.infer<typeof renewConsentInput> }) {
  const connection = await ownedConnectionOrThrow(viewer, input.connectionId, {
    status: { in: ["ACTIVE", "DISABLED"] },
    xs2aId: { not: null },
  });
  // XS2A refuses reset after 3 failed syncs (409): only a re-link helps then.
  if (connection.status === "DISABLED") throw new AppError("connection_disabled", "connection_disabled");
  const xs2aId = connection.xs2aId!;
  const ref = await withUserApi(viewer.id, (api) => api.connections.reset(xs2aId)).catch(async (err) => {
    if (isXs2aError(err) && err.status === 409) {
      await db.bankConnection.update({ where: { id: connection.id }, data: { status: "DISABLED" } });
      throw new AppError("connection_disabled", "connection_disabled", { cause: err });
    }
    throw toAppError(err);
  });

  // Older renew sessions of this connection are superseded: XS2A issued a new pair.
  await db.wizardSession.updateMany({
    where: { connectionId: connection.id, userId: viewer.id, purpose: "RENEW", status: "OPEN" },
    data: { status: "ABORTED", finishedAt: new Date(), errorCode: "superseded" },
  });
  return openWizard({
    userId: viewer.id,
    connectionId: connection.id,
    purpose: "RENEW",
    ref,
    syncMode: connection.syncMode,
  });
}

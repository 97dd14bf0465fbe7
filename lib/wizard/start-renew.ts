import { z } from "zod";
import { db } from "@/lib/db";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { AppError } from "@/lib/errors";
import { isXs2aError } from "@/lib/xs2a";

export const renewConsentInput = z
  .object({
    connectionId: z.string().min(1).max(64),
  })
  .strict();

/**
 * "Renew now": XS2A's `reset` opens a new wizard session for the existing connection (any sync
 * mode). The connection keeps syncing meanwhile — nothing changes here until the wizard finishes;
 * complete-wizard.ts (purpose RENEW) then refreshes `consent_valid_until`, clears the snooze and
 * imports. Accounts keep their identity (upsert-accounts matches XS2A id, then IBAN).
 */
export async function renewConsent({ userId, input }: { userId: string; input: z.infer<typeof renewConsentInput> }) {
  const unverifiedConnectionId = input.connectionId;
  const connection = await db.bankConnection.findFirst({
    where: { id: unverifiedConnectionId, userId, status: { in: ["ACTIVE", "DISABLED"] } },
    select: { id: true, xs2aId: true, status: true, syncMode: true },
  });
  if (!connection || !connection.xs2aId) throw new AppError("not_found", "not found");
  // XS2A refuses reset after 3 failed syncs (409): only a re-link helps then.
  if (connection.status === "DISABLED") throw new AppError("connection_disabled", "connection_disabled");
  const xs2aId = connection.xs2aId;

  let ref;
  try {
    ref = await withUserApi(userId, (api) => api.connections.reset(xs2aId));
  } catch (err) {
    if (isXs2aError(err, "retryable")) throw new AppError("unavailable", "unavailable", { cause: err });
    if (isXs2aError(err) && err.status === 409) {
      await db.bankConnection.update({ where: { id: connection.id }, data: { status: "DISABLED" } });
      throw new AppError("connection_disabled", "connection_disabled", { cause: err });
    }
    if (isXs2aError(err, "not_found")) throw new AppError("not_found", "not found", { cause: err });
    throw err;
  }

  // Older renew sessions of this connection are superseded: XS2A issued a new pair.
  await db.wizardSession.updateMany({
    where: { connectionId: connection.id, userId, purpose: "RENEW", status: "OPEN" },
    data: { status: "ABORTED", finishedAt: new Date(), errorCode: "superseded" },
  });
  const wizard = await db.wizardSession.create({
    data: {
      userId,
      connectionId: connection.id,
      purpose: "RENEW",
      key: ref.wizardSessionKey,
      transaction: ref.transaction,
      syncMode: connection.syncMode,
    },
    select: { id: true },
  });
  return { wizardId: wizard.id };
}

import { z } from "zod";
import { audit } from "@/lib/audit";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { applyXs2aConnection } from "@/lib/bank-gateway/apply-connection";
import { runImport } from "@/lib/connections/run-import";
import { retireRelinkedConnection } from "@/lib/wizard/retire-relinked-connection";
import { withUserApi, xs2a } from "@/lib/bank-gateway/user-api";
import { AppError } from "@/lib/errors";

export const completeWizardInput = z
  .object({
    wizardId: z.string().min(1).max(64),
    // xs2a.js hands the `shared` half to the page; it comes here once and is stored encrypted.
    credentials: z.string().min(1).max(10_000).optional(),
  })
  .strict();

export const credentialsCtx = (connectionId: string, userId: string) => ({
  table: "BankConnection.credentials",
  rowId: connectionId,
  ownerId: userId,
});

/**
 * The wizard reported "finish" in the browser. We do not trust that: XS2A must confirm the
 * session finished. Then the connection is stored (LINK) or refreshed (SYNC/RENEW/RELINK)
 * and its data imported.
 */
export async function completeWizard({
  userId,
  input,
}: {
  userId: string;
  input: z.infer<typeof completeWizardInput>;
}) {
  const wizard = await db.wizardSession.findFirst({
    where: { id: input.wizardId, userId },
    include: { connection: true },
  });
  if (!wizard || !wizard.connection) throw new AppError("not_found", "not found");
  if (wizard.status === "FINISHED") return { connectionId: wizard.connection.id };
  if (wizard.status !== "OPEN") throw new AppError("conflict", "wizard_closed");

  const session = await xs2a().sessions.get(wizard.transaction);
  if (!session.finished || session.lastError) {
    throw new AppError("conflict", session.lastError ? "wizard_failed" : "wizard_not_finished");
  }
  const connection = wizard.connection;
  if (connection.syncMode === "SHARED" && wizard.purpose !== "SYNC" && !input.credentials) {
    throw new AppError("invalid_input", "credentials_missing", { fields: { credentials: "missing" } });
  }

  const remote = await withUserApi(userId, (api) =>
    api.connections.get(wizard.purpose === "LINK" ? wizard.transaction : (connection.xs2aId ?? wizard.transaction)),
  );
  await applyXs2aConnection(connection.id, remote);
  const claimed = await db.wizardSession.updateMany({
    where: { id: wizard.id, status: "OPEN" },
    data: { status: "FINISHED", finishedAt: new Date() },
  });
  if (claimed.count === 0) return { connectionId: connection.id }; // finished concurrently
  await db.bankConnection.update({
    where: { id: connection.id },
    data: {
      status: "ACTIVE",
      consentSnoozedUntil: wizard.purpose === "RENEW" ? null : undefined,
      ...(input.credentials && connection.syncMode === "SHARED"
        ? { credentialsCiphertext: encryptSecret(input.credentials, credentialsCtx(connection.id, userId)) }
        : {}),
    },
  });
  const trigger = wizard.purpose === "RENEW" ? "RENEW" : wizard.purpose === "SYNC" ? "MANUAL" : "LINK";
  const run = await runImport({ connectionId: connection.id, trigger, triggeredBy: userId });
  await fillBankCode(connection.id);
  if (wizard.purpose === "RELINK") await retireRelinkedConnection({ userId, connectionId: connection.id });
  if (wizard.purpose === "LINK")
    await audit({
      action: "bank.linked",
      actorId: userId,
      targetType: "connection",
      targetId: connection.id,
      details: { syncMode: connection.syncMode },
    });
  if (wizard.purpose === "RENEW")
    await audit({ action: "bank.renewed", actorId: userId, targetType: "connection", targetId: connection.id });
  return { connectionId: connection.id, runStatus: run.status };
}

/** XS2A's connection has no bank code; its accounts do. */
async function fillBankCode(connectionId: string) {
  const account = await db.bankAccount.findFirst({
    where: { connectionId, bankCode: { not: null } },
    select: { bankCode: true, bankName: true },
  });
  if (account)
    await db.bankConnection.update({
      where: { id: connectionId },
      data: { bankCode: account.bankCode, bankName: account.bankName ?? undefined },
    });
}

import { z } from "zod";
import { db } from "@/lib/db";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { AppError } from "@/lib/errors";
import { isXs2aError } from "@/lib/xs2a";
import { log } from "@/lib/log";

export const abortWizardInput = z
  .object({
    wizardId: z.string().min(1).max(64),
    reason: z.enum(["aborted", "error"]).default("aborted"),
    errorCode: z.string().max(100).optional(),
  })
  .strict();

/**
 * The user left the wizard (or it failed for good). For a new link or a re-link nothing half-made
 * stays: the unfinished connection is deleted at XS2A and here (a re-link's old connection, which
 * its new row only points at, is untouched). Other purposes leave the connection as is.
 */
export async function abortWizard({ userId, input }: { userId: string; input: z.infer<typeof abortWizardInput> }) {
  const wizard = await db.wizardSession.findFirst({
    where: { id: input.wizardId, userId },
    include: { connection: true },
  });
  if (!wizard) throw new AppError("not_found", "not found");
  if (wizard.status !== "OPEN") return { purpose: wizard.purpose };
  await db.wizardSession.update({
    where: { id: wizard.id },
    data: {
      status: input.reason === "error" ? "FAILED" : "ABORTED",
      finishedAt: new Date(),
      errorCode: input.errorCode ?? null,
    },
  });
  if ((wizard.purpose === "LINK" || wizard.purpose === "RELINK") && wizard.connection?.status === "PENDING") {
    await discardUnfinishedConnection({ userId, id: wizard.connection.id, transaction: wizard.transaction });
  }
  return { purpose: wizard.purpose };
}

/**
 * Deletes a connection whose wizard never finished: at XS2A (best effort) and here, the latter
 * only while it is still unfinished (a wizard completing at the same moment wins).
 */
export async function discardUnfinishedConnection(c: { userId: string; id: string; transaction: string }) {
  await deleteRemoteByTransaction(c.userId, c.transaction);
  await db.bankConnection.deleteMany({ where: { id: c.id, status: "PENDING", xs2aId: null } });
}

export async function deleteRemoteByTransaction(userId: string, transaction: string) {
  try {
    await withUserApi(userId, async (api) => {
      const remote = await api.connections.get(transaction);
      await api.connections.delete(remote.id);
    });
  } catch (err) {
    if (isXs2aError(err, "not_found")) return;
    // Keep going: the local row goes either way; a leftover at XS2A holds no consent.
    log.warn({ err, transaction }, "could not delete the unfinished connection at XS2A");
  }
}

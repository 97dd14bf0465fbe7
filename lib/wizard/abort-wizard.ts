import "server-only";
import { z } from "zod";
import { ownedWizardOrThrow } from "@/lib/auth/ownership";
import type { Viewer } from "@/lib/auth/viewer";
import { isXs2aError } from "@/lib/bank-gateway/errors";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { WIZARD_LIFECYCLE } from "./lifecycle.ts";

export const abortWizardInput = z
  .object({
    wizardId: z.string().min(1).max(64),
    reason: z.enum(["aborted", "error"]).default("aborted"),
    errorCode: z.string().max(100).optional(),
  })
  .strict();

/**
 * The user left the wizard (or it failed for good). What happens to its connection is its
 * purpose's `abort` in lifecycle.ts: a new link's or re-link's half-made connection is deleted at
 * XS2A and here (a re-link's old connection, which its new row only points at, is untouched);
 * other purposes leave the connection as it is.
 */
export async function abortWizard({ viewer, input }: { viewer: Viewer; input: z.infer<typeof abortWizardInput> }) {
  const wizard = await ownedWizardOrThrow(viewer, input.wizardId);
  if (wizard.status !== "OPEN") return { purpose: wizard.purpose };
  await db.wizardSession.update({
    where: { id: wizard.id },
    data: {
      status: input.reason === "error" ? "FAILED" : "ABORTED",
      finishedAt: new Date(),
      errorCode: input.errorCode ?? null,
    },
  });
  if (WIZARD_LIFECYCLE[wizard.purpose].abort === "discard_connection" && wizard.connection?.status === "PENDING") {
    await discardUnfinishedConnection({ userId: viewer.id, id: wizard.connection.id, transaction: wizard.transaction });
  }
  return { purpose: wizard.purpose };
}

/**
 * Deletes a connection whose wizard never finished: at XS2A (best effort) and here, the latter
 * only while it is still unfinished (a wizard completing at the same moment wins).
 */
export async function discardUnfinishedConnection(c: { userId: string; id: string; transaction: string }) {
  try {
    await withUserApi(c.userId, async (api) => {
      const remote = await api.connections.get(c.transaction);
      await api.connections.delete(remote.id);
    });
  } catch (err) {
    // Keep going: the local row goes either way; a leftover at XS2A holds no consent.
    if (!isXs2aError(err, "not_found"))
      log.warn({ err, transaction: c.transaction }, "could not delete the unfinished connection at XS2A");
  }
  await db.bankConnection.deleteMany({ where: { id: c.id, status: "PENDING", xs2aId: null } });
}

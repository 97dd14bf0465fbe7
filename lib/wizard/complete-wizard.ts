import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { ownedWizardOrThrow } from "@/lib/auth/ownership";
import type { Viewer } from "@/lib/auth/viewer";
import { applyXs2aConnection } from "@/lib/bank-gateway/apply-connection";
import { encryptCredentialHalf } from "@/lib/bank-gateway/credentials";
import { toAppError } from "@/lib/bank-gateway/errors";
import { installationApi, withUserApi } from "@/lib/bank-gateway/user-api";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueueSync } from "@/lib/sync/enqueue-sync";
import { WIZARD_LIFECYCLE } from "./lifecycle.ts";

export const completeWizardInput = z
  .object({
    wizardId: z.string().min(1).max(64),
    // xs2a.js hands the `shared` half to the page; it comes here once and is stored encrypted.
    credentials: z.string().min(1).max(10_000).optional(),
  })
  .strict();

/**
 * The wizard reported "finish" in the browser. We do not trust that: XS2A must confirm the
 * session finished. Then the connection is stored and an import queued, as its purpose's row in
 * lifecycle.ts says. Returns the import's run, which the page follows.
 */
export async function completeWizard({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof completeWizardInput>;
}) {
  const wizard = await ownedWizardOrThrow(viewer, input.wizardId);
  const connection = wizard.connection;
  if (!connection) throw new AppError("not_found", "not found");
  if (wizard.status === "FINISHED") return { connectionId: connection.id };
  if (wizard.status !== "OPEN") throw new AppError("conflict", "wizard_closed");
  const { finish } = WIZARD_LIFECYCLE[wizard.purpose];

  const session = await installationApi()
    .sessions.get(wizard.transaction)
    .catch((err) => {
      throw toAppError(err);
    });
  if (!session.finished || session.lastError) {
    throw new AppError("conflict", session.lastError ? "wizard_failed" : "wizard_not_finished");
  }
  if (connection.syncMode === "SHARED" && finish.needsCredentialHalf && !input.credentials) {
    throw new AppError("invalid_input", "credentials_missing", { fields: { credentials: "missing" } });
  }

  // A new link's row has no XS2A id yet: XS2A finds the connection by the wizard's transaction.
  const remote = await withUserApi(viewer.id, (api) =>
    api.connections.get(connection.xs2aId ?? wizard.transaction),
  ).catch((err) => {
    throw toAppError(err);
  });
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
      ...(finish.clearsSnooze ? { consentSnoozedUntil: null } : {}),
      ...(input.credentials && connection.syncMode === "SHARED"
        ? { credentialsCiphertext: encryptCredentialHalf(input.credentials, connection) }
        : {}),
    },
  });
  const { runId } = await enqueueSync({
    connectionId: connection.id,
    userId: viewer.id,
    trigger: finish.importTrigger,
    triggeredBy: viewer.id,
    importOnly: true,
  });
  if (finish.audit) {
    await audit({
      action: finish.audit,
      actorId: viewer.id,
      targetType: "connection",
      targetId: connection.id,
      ...(finish.audit === "bank.linked" ? { details: { syncMode: connection.syncMode } } : {}),
    });
  }
  return { connectionId: connection.id, runId };
}

import "server-only";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import type { Prisma, SyncMode, WizardPurpose } from "@/lib/generated/prisma/client";

/** What XS2A hands out for a bank login: the widget's session key and its transaction. */
export interface WizardRef {
  wizardSessionKey: string;
  transaction: string;
}

/**
 * The one way a wizard opens: XS2A issued a session for one of the user's connections, and a
 * WizardSession row keeps it for its owner (/banks/wizard/<id> embeds xs2a.js with its key).
 * `tx`: open it in the transaction that created the connection row.
 */
export async function openWizard(
  w: { userId: string; connectionId: string; purpose: WizardPurpose; ref: WizardRef; syncMode: SyncMode },
  tx: Prisma.TransactionClient = db,
): Promise<{ wizardId: string }> {
  const wizard = await tx.wizardSession.create({
    data: {
      userId: w.userId,
      connectionId: w.connectionId,
      purpose: w.purpose,
      key: w.ref.wizardSessionKey,
      transaction: w.ref.transaction,
      syncMode: w.syncMode,
    },
    select: { id: true },
  });
  return { wizardId: wizard.id };
}

/** A new XS2A connection (link or re-link): a PENDING row until its wizard finishes, and its wizard. */
export async function openWizardForNewConnection(w: {
  userId: string;
  purpose: "LINK" | "RELINK";
  ref: WizardRef;
  connection: Omit<Prisma.BankConnectionUncheckedCreateInput, "userId" | "transaction" | "status">;
}) {
  // Dated by the app's clock, as the abandoned-link reaper measures its age (reap-abandoned-wizards.ts).
  const createdAt = await now();
  return db.$transaction(async (tx) => {
    const connection = await tx.bankConnection.create({
      data: { ...w.connection, userId: w.userId, transaction: w.ref.transaction, status: "PENDING", createdAt },
    });
    return openWizard(
      { userId: w.userId, connectionId: connection.id, purpose: w.purpose, ref: w.ref, syncMode: connection.syncMode },
      tx,
    );
  });
}

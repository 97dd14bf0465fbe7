import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { ownedConnectionOrThrow } from "@/lib/auth/ownership";
import type { Viewer } from "@/lib/auth/viewer";
import { isXs2aError, toAppError } from "@/lib/bank-gateway/errors";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { db } from "@/lib/db";

export const removeConnectionInput = z.object({ connectionId: z.string().min(1).max(64) }).strict();

/**
 * Removes a bank: deletes the connection at XS2A first (so no consent is left behind), then
 * the stored credential half, its accounts and their transactions here.
 */
export async function removeConnection({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof removeConnectionInput>;
}) {
  const userId = viewer.id;
  const connection = await ownedConnectionOrThrow(viewer, input.connectionId);
  await db.bankConnection.update({
    where: { id: connection.id },
    data: { status: "REMOVED", credentialsCiphertext: null },
  });
  if (connection.xs2aId) {
    try {
      await withUserApi(userId, (api) => api.connections.delete(connection.xs2aId!));
    } catch (err) {
      // Already gone at XS2A: nothing is left there to delete.
      if (!isXs2aError(err, "not_found")) throw toAppError(err);
    }
  }
  const accountIds = (
    await db.bankAccount.findMany({ where: { connectionId: connection.id, userId }, select: { id: true } })
  ).map((a) => a.id);
  // A sync or contract detection still writing these accounts (a bank removed right after it was
  // linked) can make PostgreSQL pick this transaction as a deadlock's victim (P2034): nothing of it
  // was written, so it is run again.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.$transaction([
        // Accounts that were hidden as the same IBAN seen through this bank show again.
        db.bankAccount.updateMany({
          where: { userId, duplicateOfId: { in: accountIds } },
          data: { duplicateOfId: null },
        }),
        db.bankAccount.deleteMany({ where: { connectionId: connection.id, userId } }),
        db.bankConnection.delete({ where: { id: connection.id } }),
      ]);
      break;
    } catch (err) {
      const code = err && typeof err === "object" ? (err as { code?: unknown }).code : undefined;
      if (code !== "P2034" || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
  await audit({
    action: "bank.removed",
    actorId: userId,
    targetType: "connection",
    targetId: connection.id,
    details: { bankName: connection.bankName },
  });
}

import { z } from "zod";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { AppError } from "@/lib/errors";
import { isXs2aError } from "@/lib/xs2a";

export const removeConnectionInput = z.object({ connectionId: z.string().min(1).max(64) }).strict();

/**
 * Removes a bank: deletes the connection at XS2A first (so no consent is left behind), then
 * the stored credential half, its accounts and their transactions here.
 */
export async function removeConnection({
  userId,
  input,
}: {
  userId: string;
  input: z.infer<typeof removeConnectionInput>;
}) {
  const connection = await db.bankConnection.findFirst({ where: { id: input.connectionId, userId } });
  if (!connection) throw new AppError("not_found", "not found");
  await db.bankConnection.update({
    where: { id: connection.id },
    data: { status: "REMOVED", credentialsCiphertext: null },
  });
  if (connection.xs2aId) {
    try {
      await withUserApi(userId, (api) => api.connections.delete(connection.xs2aId!));
    } catch (err) {
      if (!isXs2aError(err, "not_found")) {
        if (isXs2aError(err, "retryable")) throw new AppError("unavailable", "xs2a_unavailable", { cause: err });
        throw err;
      }
    }
  }
  const accountIds = (
    await db.bankAccount.findMany({ where: { connectionId: connection.id, userId }, select: { id: true } })
  ).map((a) => a.id);
  await db.$transaction([
    // Accounts that were hidden as the same IBAN seen through this bank show again.
    db.bankAccount.updateMany({ where: { userId, duplicateOfId: { in: accountIds } }, data: { duplicateOfId: null } }),
    db.bankAccount.deleteMany({ where: { connectionId: connection.id, userId } }),
    db.bankConnection.delete({ where: { id: connection.id } }),
  ]);
  await audit({
    action: "bank.removed",
    actorId: userId,
    targetType: "connection",
    targetId: connection.id,
    details: { bankName: connection.bankName },
  });
}

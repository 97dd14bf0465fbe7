import "server-only";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { log } from "@/lib/log";

/**
 * After a re-link finished and imported: the old (disabled) connection goes. Its accounts the
 * import matched already moved to the new row; the rest move too, closed, so no history is lost;
 * its sync log moves along. The old XS2A connection is deleted (best effort: it is disabled and
 * holds no usable consent).
 */
export async function retireRelinkedConnection({ userId, connectionId }: { userId: string; connectionId: string }) {
  const fresh = await db.bankConnection.findFirst({
    where: { id: connectionId, userId },
    select: { id: true, relinkedFromId: true },
  });
  if (!fresh?.relinkedFromId) return;
  const old = await db.bankConnection.findFirst({ where: { id: fresh.relinkedFromId, userId } });
  // Once the old row is gone the pointer is dead: clear it, so later imports do not look again.
  const forget = db.bankConnection.update({ where: { id: fresh.id }, data: { relinkedFromId: null } });
  if (!old || old.status === "REMOVED") {
    await forget;
    return;
  }
  if (old.xs2aId) {
    const xs2aId = old.xs2aId;
    await withUserApi(userId, (api) => api.connections.delete(xs2aId)).catch((err) =>
      log.warn({ err, connectionId: old.id }, "could not delete the re-linked connection at XS2A"),
    );
  }
  await db.$transaction([
    db.bankAccount.updateMany({
      where: { connectionId: old.id, userId, closedAt: null },
      data: { closedAt: new Date() },
    }),
    db.bankAccount.updateMany({ where: { connectionId: old.id, userId }, data: { connectionId: fresh.id } }),
    db.syncRun.updateMany({ where: { connectionId: old.id, userId }, data: { connectionId: fresh.id } }),
    db.bankConnection.delete({ where: { id: old.id } }),
    forget,
  ]);
  await audit({
    action: "bank.relinked",
    actorId: userId,
    targetType: "connection",
    targetId: fresh.id,
    details: { from: old.id },
  });
}

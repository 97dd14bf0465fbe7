import "server-only";
import { z } from "zod";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { audit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const dismissQuarantinedTurnoverInput = z.object({ quarantineId: z.string().min(1).max(100) });

/**
 * Closes a quarantined turnover that will never import (e.g. the bank will not send it again):
 * the row stays with its raw item and reasons (nothing is deleted), marked DISMISSED by this admin,
 * and later imports no longer look for it nor show it to the user. Audited.
 */
export async function dismissQuarantinedTurnover({
  admin,
  input,
}: {
  admin: Viewer;
  input: z.infer<typeof dismissQuarantinedTurnoverInput>;
}) {
  assertAdmin(admin);
  const row = await db.quarantinedTurnover.findUnique({
    where: { id: input.quarantineId },
    select: { id: true, status: true, userId: true, accountId: true, reasons: true },
  });
  if (!row) throw new AppError("not_found", "not found");
  // Only an open row can be dismissed: a resolved one was imported, a dismissed one is closed already.
  const { count } = await db.quarantinedTurnover.updateMany({
    where: { id: row.id, status: "OPEN" },
    data: { status: "DISMISSED", dismissedAt: new Date(), dismissedBy: admin.id },
  });
  if (count === 0) throw new AppError("conflict", "quarantine_not_open");
  await audit({
    action: "admin.quarantine_dismissed",
    actorId: admin.id,
    actorEmail: admin.email,
    targetType: "quarantined_turnover",
    targetId: row.id,
    details: { userId: row.userId, accountId: row.accountId, reasons: row.reasons ?? [] },
  });
  return { quarantineId: row.id, status: "DISMISSED" as const };
}

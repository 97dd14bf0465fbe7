import "server-only";
import { z } from "zod";
import { now } from "@/lib/clock";
import { snoozeUntil, toYmd } from "@/lib/consent/consent-status";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const snoozeConsentReminderInput = z
  .object({
    connectionId: z.string().min(1).max(64),
  })
  .strict();

/** "Remind me tomorrow": hides the banner of one bank for a day, never past its expiry day. */
export async function snoozeConsentReminder({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof snoozeConsentReminderInput>;
}) {
  const connection = await db.bankConnection.findFirst({
    where: { id: input.connectionId, userId: viewer.id, status: "ACTIVE" },
    select: { id: true, consentValidUntil: true },
  });
  if (!connection) throw new AppError("not_found", "not found");
  const until = snoozeUntil(toYmd(connection.consentValidUntil), await now());
  if (!until) throw new AppError("conflict", "snooze_unavailable");
  await db.bankConnection.update({ where: { id: connection.id }, data: { consentSnoozedUntil: until } });
  return { snoozedUntil: until.toISOString() };
}

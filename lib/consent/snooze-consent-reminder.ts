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

/**
 * "Remind me tomorrow": hides the banner of one bank for a day, never past its expiry day.
 * The end is stored and compared with every later page's clock, so it is dated by a strict read:
 * with the sandbox clock, a fallback to another clock (days away after the sandbox moved) would
 * store an end that has already passed, and the banner would stay (the snooze "did nothing").
 */
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
  const until = snoozeUntil(toYmd(connection.consentValidUntil), await now({ strict: true }));
  if (!until) throw new AppError("conflict", "snooze_unavailable");
  await db.bankConnection.update({ where: { id: connection.id }, data: { consentSnoozedUntil: until } });
  return { snoozedUntil: until.toISOString() };
}

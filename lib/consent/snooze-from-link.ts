import "server-only";
import { now } from "@/lib/clock";
import { consentEndsAt, snoozeUntil, toYmd } from "@/lib/consent/consent-status";
import { signSnoozeLink, verifySnoozeLink } from "@/lib/consent/snooze-link";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** How long an email's "remind me tomorrow" link works, at most (never past the consent's end). */
export const SNOOZE_LINK_DAYS = 7;

/** The link for a reminder email about `validUntil`; null when nothing can be snoozed any more. */
export function snoozeLinkFor(connectionId: string, validUntil: string, at: Date): string | null {
  const end = consentEndsAt(validUntil);
  if (end.getTime() <= at.getTime()) return null;
  const expiresAt = new Date(Math.min(at.getTime() + SNOOZE_LINK_DAYS * 86_400_000, end.getTime()));
  const token = signSnoozeLink({ connectionId, validUntil, expiresAt }, env().authSecret);
  return `${env().appUrl}/api/consent/snooze?t=${encodeURIComponent(token)}`;
}

export type SnoozeFromLinkOutcome = "snoozed" | "expired" | "invalid" | "failed";

/**
 * "Remind me tomorrow" from an email, without signing in: the link's signature names one bank
 * login and the consent end it was sent for; it does that one thing (hide the reminder for a day,
 * never past the end day) and nothing else. A renewed, removed or ended consent makes it expired.
 */
export async function snoozeFromLink(token: string): Promise<SnoozeFromLinkOutcome> {
  // The snooze's end is written down and compared with later reads: the clock's own answer, now
  // (never a cached or fallback time); without one nothing is changed and the user may retry.
  let at: Date;
  try {
    at = await now({ strict: true });
  } catch (err) {
    if (err instanceof AppError && err.code === "unavailable") return "failed";
    throw err;
  }
  const check = verifySnoozeLink(token, env().authSecret, at);
  if (!check.ok) return check.reason;
  const { connectionId, validUntil } = check.claim;
  const connection = await db.bankConnection.findFirst({
    where: { id: connectionId, status: "ACTIVE", user: { disabled: false } },
    select: { id: true, consentValidUntil: true },
  });
  if (!connection || toYmd(connection.consentValidUntil) !== validUntil) return "expired";
  const until = snoozeUntil(validUntil, at);
  if (!until) return "expired";
  await db.bankConnection.update({ where: { id: connection.id }, data: { consentSnoozedUntil: until } });
  return "snoozed";
}

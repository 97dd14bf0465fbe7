import "server-only";
import { now, today as clockToday } from "@/lib/clock";
import { connectionName, isAmbiguous } from "@/lib/connection-name";
import { consentStatus, reminderThreshold, toYmd, BANNER_FROM_DAYS } from "@/lib/consent/consent-status";
import { snoozeLinkFor } from "@/lib/consent/snooze-from-link";
import { db } from "@/lib/db";
import { deliverEmail, deliverPendingEmails, queueEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/i18n/format";
import { emailLocale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";
import { log } from "@/lib/log";

const addDays = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000);

/**
 * The daily reminder run: one email per connection, consent end date and threshold (14, 7, 1
 * days, 0 = expired), never twice. The ConsentReminder row and its email are written in one
 * transaction, and the row's unique key (connectionId, consentValidUntil, threshold) with
 * ON CONFLICT DO NOTHING decides who sends: of several workers running at once, exactly one
 * inserts the row; the others insert nothing and send nothing. A renewal moves the end date,
 * which starts a fresh set of reminders.
 *
 * Users who turned reminders off get nothing and no row is recorded, so turning them back on
 * resumes with the threshold due then.
 */
export async function sendConsentReminders({ today }: { today?: string } = {}) {
  const day = today ?? (await clockToday());
  const rows = await db.bankConnection.findMany({
    where: {
      status: "ACTIVE",
      consentValidUntil: { not: null, lte: addDays(day, BANNER_FROM_DAYS) },
      user: { emailReminders: true, disabled: false },
    },
    select: {
      id: true,
      userId: true,
      bankName: true,
      name: true,
      accounts: {
        orderBy: [{ type: "asc" }, { createdAt: "asc" }],
        take: 1,
        select: { description: true, type: true, iban: true },
      },
      consentValidUntil: true,
      user: {
        select: {
          email: true,
          locale: true,
          browserLocale: true,
          // To name the login as the app does (two logins at one bank read apart).
          connections: { where: { status: { in: ["ACTIVE", "DISABLED"] } }, select: { bankName: true } },
        },
      },
    },
    orderBy: { consentValidUntil: "asc" },
  });
  const { appUrl } = env();
  const at = await now();
  let queued = 0;
  for (const c of rows) {
    const validUntil = toYmd(c.consentValidUntil)!;
    const threshold = reminderThreshold(consentStatus(validUntil, day));
    if (threshold === null) continue;
    const locale = emailLocale(c.user);
    const m = messages(locale).consent.email;
    const bank = connectionName(c, {
      ambiguous: isAmbiguous(
        c.bankName,
        c.user.connections.map((x) => x.bankName),
      ),
      fallback: messages(locale).banks.unknownBank,
    });
    const date = formatDate(validUntil, locale);
    const emailId = await db.$transaction(async (tx) => {
      const claimed = await tx.consentReminder.createMany({
        data: [{ userId: c.userId, connectionId: c.id, consentValidUntil: c.consentValidUntil!, threshold }],
        skipDuplicates: true,
      });
      if (claimed.count === 0) return null;
      const email = await queueEmail(tx, {
        userId: c.userId,
        to: c.user.email,
        subject: m.subject(bank, date, threshold),
        text: m.body(
          bank,
          date,
          threshold,
          `${appUrl}/banks/renew?connection=${c.id}`,
          `${appUrl}/settings`,
          // "Remind me tomorrow" without signing in; none once the consent has ended.
          threshold === 0 ? null : snoozeLinkFor(c.id, validUntil, at),
        ),
      });
      return email.id;
    });
    if (!emailId) continue;
    queued++;
    // After the commit: no network call inside a database transaction.
    await deliverEmail(emailId);
  }
  await deliverPendingEmails();
  if (queued) log.info({ queued, day }, "consent reminders queued");
  return { day, queued };
}

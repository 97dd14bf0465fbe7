import { afterAll, describe, expect, it } from "vitest";
import { sendConsentReminders } from "@/lib/consent/send-consent-reminders";
import { db } from "@/lib/db";
import { createConnection, createUser } from "@/scripts/fixtures/test-fixtures";

afterAll(async () => {
  await db.$disconnect();
});

async function setup(validUntil: string, opts: { locale?: string; emailReminders?: boolean; bankName?: string } = {}) {
  const user = await createUser(db);
  await db.user.update({
    where: { id: user.id },
    data: { locale: opts.locale ?? null, emailReminders: opts.emailReminders ?? true },
  });
  const connection = await createConnection(db, user.id);
  await db.bankConnection.update({
    where: { id: connection.id },
    data: { bankName: opts.bankName ?? "Testbank", consentValidUntil: new Date(`${validUntil}T00:00:00Z`) },
  });
  return { user, connection };
}

const emailsOf = (userId: string) => db.outboxEmail.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
const thresholdsOf = async (connectionId: string) =>
  (await db.consentReminder.findMany({ where: { connectionId }, orderBy: { sentAt: "asc" } })).map((r) => r.threshold);

describe("sendConsentReminders", () => {
  it("sends one email at 14, 7 and 1 days and on expiry, each once, day by day", async () => {
    const { user, connection } = await setup("2027-06-30");
    for (const day of [
      "2027-06-10",
      "2027-06-16",
      "2027-06-17",
      "2027-06-20",
      "2027-06-23",
      "2027-06-24",
      "2027-06-29",
      "2027-06-30",
      "2027-07-01",
      "2027-07-02",
      "2027-08-01",
    ]) {
      await sendConsentReminders({ today: day });
    }
    expect(await thresholdsOf(connection.id)).toEqual([14, 7, 1, 0]);
    const emails = await emailsOf(user.id);
    expect(emails.map((e) => e.subject)).toEqual([
      "Deine Zustimmung für Testbank endet in 14 Tagen (30.06.2027)",
      "Deine Zustimmung für Testbank endet in 7 Tagen (30.06.2027)",
      "Deine Zustimmung für Testbank endet morgen (30.06.2027)",
      "Deine Zustimmung für Testbank ist abgelaufen",
    ]);
    expect(emails.every((e) => e.to === user.email && e.sentAt === null)).toBe(true); // no SMTP: kept in the outbox
    expect(emails[0]!.text).toContain(`/banks/renew?connection=${connection.id}`);
  });

  it("with several workers running at once, each email goes out exactly once", async () => {
    const { user, connection } = await setup("2027-06-30");
    await Promise.all(Array.from({ length: 6 }, () => sendConsentReminders({ today: "2027-06-23" })));
    expect(await thresholdsOf(connection.id)).toEqual([7]);
    expect(await emailsOf(user.id)).toHaveLength(1);
  });

  it("a job that missed days sends only the most urgent threshold, in the user's language", async () => {
    const { user, connection } = await setup("2027-06-30", { locale: "en", bankName: "Nordbank" });
    await sendConsentReminders({ today: "2027-06-28" });
    expect(await thresholdsOf(connection.id)).toEqual([7]);
    expect((await emailsOf(user.id)).map((e) => e.subject)).toEqual([
      "Your consent for Nordbank ends in 7 days (30 Jun 2027)",
    ]);
  });

  it("a user who follows the browser gets it in the language of their last sign-in; a choice wins", async () => {
    const { startSession } = await import("@/lib/auth/sessions/start-session");
    const english = await setup("2027-06-30", { bankName: "Nordbank" });
    await startSession({
      userId: english.user.id,
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
      ip: "192.0.2.7",
      browserLocale: "en",
    });
    const german = await setup("2027-06-30", { bankName: "Nordbank" });
    await startSession({
      userId: german.user.id,
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
      ip: "192.0.2.7",
      browserLocale: "de",
    });
    const chose = await setup("2027-06-30", { bankName: "Nordbank", locale: "de" });
    await db.user.update({ where: { id: chose.user.id }, data: { browserLocale: "en" } });
    await sendConsentReminders({ today: "2027-06-28" });
    expect((await emailsOf(english.user.id)).map((e) => e.subject)).toEqual([
      "Your consent for Nordbank ends in 7 days (30 Jun 2027)",
    ]);
    for (const { user } of [german, chose])
      expect((await emailsOf(user.id)).map((e) => e.subject)).toEqual([
        (await import("@/lib/i18n/messages")).messages("de").consent.email.subject("Nordbank", "30.06.2027", 7),
      ]);
  });

  it("respects the email reminder setting, and resumes with the threshold due when turned back on", async () => {
    const { user, connection } = await setup("2027-06-30", { emailReminders: false });
    await sendConsentReminders({ today: "2027-06-16" });
    await sendConsentReminders({ today: "2027-06-23" });
    expect(await emailsOf(user.id)).toHaveLength(0);
    expect(await thresholdsOf(connection.id)).toEqual([]);
    await db.user.update({ where: { id: user.id }, data: { emailReminders: true } });
    await sendConsentReminders({ today: "2027-06-24" });
    expect(await thresholdsOf(connection.id)).toEqual([7]);
  });

  it("a renewal moves the end date and starts a fresh set of reminders", async () => {
    const { user, connection } = await setup("2027-06-30");
    await sendConsentReminders({ today: "2027-06-16" });
    await db.bankConnection.update({
      where: { id: connection.id },
      data: { consentValidUntil: new Date("2027-09-14T00:00:00Z") },
    });
    await sendConsentReminders({ today: "2027-06-23" }); // the old date's 7-day step no longer applies
    await sendConsentReminders({ today: "2027-08-31" });
    expect(await thresholdsOf(connection.id)).toEqual([14, 14]);
    expect((await emailsOf(user.id)).map((e) => e.subject.slice(-12))).toEqual(["(30.06.2027)", "(14.09.2027)"]);
  });

  it("skips disabled, pending and removed connections and disabled users", async () => {
    const { user, connection } = await setup("2027-06-30");
    await db.bankConnection.update({ where: { id: connection.id }, data: { status: "DISABLED" } });
    const other = await setup("2027-06-30");
    await db.user.update({ where: { id: other.user.id }, data: { disabled: true } });
    await sendConsentReminders({ today: "2027-06-16" });
    expect(await emailsOf(user.id)).toHaveLength(0);
    expect(await emailsOf(other.user.id)).toHaveLength(0);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { now, today } from "@/lib/clock";
import { sendConsentReminders } from "@/lib/consent/send-consent-reminders";
import { snoozeFromLink } from "@/lib/consent/snooze-from-link";
import { db } from "@/lib/db";
import { messages } from "@/lib/i18n/messages";
import { createConnection, createUser } from "@/scripts/fixtures/test-fixtures";

// No sandbox runs here: "now" is the system clock, as in production.
process.env.SALDO_CLOCK = "system";

afterAll(async () => {
  await db.$disconnect();
});

const addDays = (ymd: string, days: number) =>
  new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function setup(validUntil: string) {
  const user = await createUser(db);
  await db.user.update({ where: { id: user.id }, data: { locale: "en", emailReminders: true } });
  const connection = await createConnection(db, user.id);
  await db.bankConnection.update({
    where: { id: connection.id },
    data: { bankName: "Testbank", consentValidUntil: new Date(`${validUntil}T00:00:00Z`) },
  });
  return { user, connection };
}

/** The "remind me tomorrow" link of the user's one reminder email, and its token. */
async function emailedLink(userId: string) {
  const [email] = await db.outboxEmail.findMany({ where: { userId } });
  const line = email!.text.split("\n").find((l) => l.includes("/api/consent/snooze?t="));
  const url = new URL(line!.slice(line!.indexOf("http")));
  return { email: email!, url, token: url.searchParams.get("t")! };
}

describe("'Remind me tomorrow' from the reminder email", () => {
  it("the email carries a signed link that snoozes that bank's reminder without signing in", async () => {
    const day = await today();
    const { user, connection } = await setup(addDays(day, 5));
    await sendConsentReminders({ today: day });
    const { email, token } = await emailedLink(user.id);
    const en = messages("en").consent.email;
    expect(email.text).toContain(
      en
        .body("§", "§", 7, "§", "§", "LINK")
        .split("\n")
        .find((l) => l.includes("LINK"))!
        .split("LINK")[0],
    );

    const before = (await now()).getTime();
    expect(await snoozeFromLink(token)).toBe("snoozed");
    const { consentSnoozedUntil } = await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } });
    const snoozedFor = consentSnoozedUntil!.getTime() - before;
    expect(snoozedFor).toBeGreaterThan(23 * 3_600_000);
    expect(snoozedFor).toBeLessThanOrEqual(24 * 3_600_000 + 60_000);
  });

  it("does nothing with a changed link, nor after the consent was renewed", async () => {
    const day = await today();
    const { user, connection } = await setup(addDays(day, 5));
    await sendConsentReminders({ today: day });
    const { token } = await emailedLink(user.id);
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(await snoozeFromLink(flipped)).toBe("invalid");
    expect(await snoozeFromLink("not-a-token")).toBe("invalid");
    await db.bankConnection.update({
      where: { id: connection.id },
      data: { consentValidUntil: new Date(`${addDays(day, 90)}T00:00:00Z`) },
    });
    expect(await snoozeFromLink(token)).toBe("expired");
    const row = await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row.consentSnoozedUntil).toBeNull();
  });

  it("an ended consent's email has no snooze link", async () => {
    const day = await today();
    const { user } = await setup(addDays(day, -1));
    await sendConsentReminders({ today: day });
    const [email] = await db.outboxEmail.findMany({ where: { userId: user.id } });
    expect(email!.text).not.toContain("/api/consent/snooze");
  });
});

// Alerts day by day on a generated user: the app imports each day's bookings, re-runs detection
// and the daily digest job; the price increase and the late salary must be mailed on the right
// day (±1), steady contracts never, and at most one email goes out per day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { upsertAccountTransactions } from "@/lib/import/upsert-transactions";
import { generatedUser } from "@/scripts/fixtures/contract-users";
import { createAccount, createConnection, createUser, turnover } from "@/scripts/fixtures/test-fixtures";
import { addDays, daysBetween } from "./cadence";
import { refreshContracts } from "./refresh-contracts";
import { sendContractAlertDigests } from "./send-contract-alert-digests";

beforeAll(() => {
  process.env.SALDO_CLOCK = "system";
});
afterAll(async () => {
  await db.$disconnect();
});

const LINKED_ON = "2026-06-10";

describe("contract alert digests, day by day", () => {
  it("mail the price increase and the late salary on the right day, and nothing about steady contracts", async () => {
    const gen = generatedUser(3, { linkedOn: LINKED_ON, today: addDays(LINKED_ON, 80), days: 400 });
    const rows = gen.transactions.filter((t) => t.accountId === "acc-0");
    const priceDay = rows.find(
      (t) => t.truth === "streaming" && t.bookingDate >= gen.plan.priceIncreaseFrom,
    )!.bookingDate;
    // The late salary may cross into the next month (due on the 27th, paid 6 days later).
    const lateFrom = addDays(gen.plan.lateSalaryMonths[1]!.month, 20);
    const lateSalary = rows.find((t) => t.truth === "salary" && t.bookingDate >= lateFrom)!;
    const due = addDays(lateSalary.bookingDate, -gen.plan.lateSalaryMonths[1]!.days);
    const lateDay = addDays(due, 4); // more than 3 days overdue
    const employer = lateSalary.counterpartyName!;

    const user = await createUser(db);
    const conn = await createConnection(db, user.id);
    const giro = await createAccount(db, user.id, conn.id, { iban: gen.ownIbans[0] });
    for (const iban of gen.ownIbans.slice(1)) await createAccount(db, user.id, conn.id, { iban });
    const importRange = (from: string, to: string) =>
      upsertAccountTransactions({
        db,
        userId: user.id,
        accountId: giro.id,
        turnovers: rows
          .filter((t) => t.bookingDate >= from && t.bookingDate <= to)
          .map((t) =>
            turnover({
              bookingDate: t.bookingDate,
              cents: t.amountCents,
              purpose: [t.purpose],
              counterHolder: t.counterpartyName,
              counterIban: t.counterpartyIban,
              creditorId: t.creditorId,
              categoryId: t.categoryId,
            }),
          ),
        window: { from, to },
      });

    await importRange(rows[0]!.bookingDate, LINKED_ON);
    const mails: { day: string; subject: string; text: string }[] = [];
    const last = addDays(lateDay, 3);
    for (let day = LINKED_ON; day <= last; day = addDays(day, 1)) {
      if (day > LINKED_ON) await importRange(day, day);
      await refreshContracts({ userId: user.id, today: day });
      // The job may run several times a day: still one email at most.
      await sendContractAlertDigests({ today: day });
      await sendContractAlertDigests({ today: day });
      const out = await db.outboxEmail.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
      for (const e of out.slice(mails.length)) mails.push({ day, subject: e.subject, text: e.text });
    }
    const lines = mails.flatMap((m) =>
      m.text
        .split("\n")
        .filter((l) => l.startsWith("- "))
        .map((l) => ({ day: m.day, l })),
    );
    console.log(
      `alerts: price increase expected ${priceDay}, late salary expected ${lateDay}; mailed:`,
      lines.map((x) => `${x.day} ${x.l}`),
    );
    const price = lines.find((x) => x.l.includes("Spotify") && x.l.includes("Preis gestiegen"));
    expect(price, "price increase mailed").toBeDefined();
    expect(Math.abs(daysBetween(priceDay, price!.day))).toBeLessThanOrEqual(1);
    expect(price!.l).toContain("10,99");
    expect(price!.l).toContain("12,99");
    const late = lines.find((x) => x.l.includes(employer) && x.l.includes("überfällig"));
    expect(late, "late salary mailed").toBeDefined();
    expect(Math.abs(daysBetween(lateDay, late!.day))).toBeLessThanOrEqual(1);
    // Steady contracts raise nothing.
    for (const steady of ["HUK-COBURG", "Telekom", "Miete", "Hausverwaltung", "Wohnbau", "Immobilien"])
      expect(lines.filter((x) => x.l.includes(steady))).toEqual([]);
    // Each alert once, at most one email a day.
    expect(new Set(mails.map((m) => m.day)).size).toBe(mails.length);
    expect(new Set(lines.map((x) => x.l)).size).toBe(lines.length);
  }, 600_000);

  it("mail only users who want contract alerts by email, whatever their consent reminder setting", async () => {
    const gen = generatedUser(5, { linkedOn: LINKED_ON, today: addDays(LINKED_ON, 60), days: 400 });
    const rows = gen.transactions.filter((t) => t.accountId === "acc-0");
    const priceDay = rows.find(
      (t) => t.truth === "streaming" && t.bookingDate >= gen.plan.priceIncreaseFrom,
    )!.bookingDate;
    const user = await createUser(db);
    await db.user.update({ where: { id: user.id }, data: { emailReminders: true, contractAlertEmails: false } });
    const conn = await createConnection(db, user.id);
    const giro = await createAccount(db, user.id, conn.id, { iban: gen.ownIbans[0] });
    for (const iban of gen.ownIbans.slice(1)) await createAccount(db, user.id, conn.id, { iban });
    const upTo = rows.filter((t) => t.bookingDate <= priceDay);
    await upsertAccountTransactions({
      db,
      userId: user.id,
      accountId: giro.id,
      turnovers: upTo.map((t) =>
        turnover({
          bookingDate: t.bookingDate,
          cents: t.amountCents,
          purpose: [t.purpose],
          counterHolder: t.counterpartyName,
          counterIban: t.counterpartyIban,
          creditorId: t.creditorId,
          categoryId: t.categoryId,
        }),
      ),
      window: { from: upTo[0]!.bookingDate, to: priceDay },
    });
    await refreshContracts({ userId: user.id, today: priceDay });
    const mails = () => db.outboxEmail.count({ where: { userId: user.id } });
    await sendContractAlertDigests({ today: priceDay });
    expect(await mails(), "contract alert emails off: none sent").toBe(0);
    expect(await db.contractAlertDigest.count({ where: { userId: user.id } })).toBe(0);

    await db.user.update({ where: { id: user.id }, data: { emailReminders: false, contractAlertEmails: true } });
    await sendContractAlertDigests({ today: priceDay });
    expect(await mails(), "contract alert emails on, consent reminders off: the digest goes out").toBe(1);
    const mail = (await db.outboxEmail.findFirst({ where: { userId: user.id } }))!;
    expect(mail.text).toContain("Spotify AB: Preis gestiegen");
  }, 300_000);
});

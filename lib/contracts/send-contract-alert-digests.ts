import "server-only";
import { today as clockToday } from "@/lib/clock";
import { db } from "@/lib/db";
import { deliverEmail, deliverPendingEmails, queueEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { emailLocale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";
import { log } from "@/lib/log";
import { alertText } from "./alert-text.ts";
import { loadContractOverview } from "./contract-overview.ts";

const dateOnly = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

/**
 * The daily contract-alert digest: for every user who wants contract alerts by email (Settings;
 * apart from the consent reminders), one email with the
 * open alerts not mailed before, at most one a day. The digest row (userId, day), the notices of
 * the alerts it carries and the email are written in one transaction; the digest's unique key
 * decides which of several workers sends it. A day without new alerts records nothing, so an
 * alert raised later that day still goes out.
 */
export async function sendContractAlertDigests({ today }: { today?: string } = {}) {
  const day = today ?? (await clockToday());
  const users = await db.user.findMany({
    // A user who had today's digest gets no second one: their alerts are not even looked at (with
    // the sandbox clock every worker runs this every 3 s).
    where: {
      contractAlertEmails: true,
      disabled: false,
      contracts: { some: { status: { not: "DISMISSED" } } },
      contractDigests: { none: { day: dateOnly(day) } },
    },
    select: { id: true, email: true, locale: true, browserLocale: true },
  });
  const { appUrl } = env();
  let queued = 0;
  for (const user of users) {
    const { contracts, alerts } = await loadContractOverview({ userId: user.id, today: day });
    if (alerts.length === 0) continue;
    const locale = emailLocale(user);
    const m = messages(locale);
    const byId = new Map(contracts.map((c) => [c.id, c]));
    const emailId = await db.$transaction(async (tx) => {
      const sent = await tx.contractAlertNotice.findMany({
        where: { contractId: { in: alerts.map((a) => a.contractId) } },
        select: { contractId: true, kind: true, since: true },
      });
      const seen = new Set(sent.map((s) => `${s.contractId}:${s.kind}:${s.since.toISOString().slice(0, 10)}`));
      const fresh = alerts.filter((a) => !seen.has(`${a.contractId}:${a.kind}:${a.since}`));
      if (fresh.length === 0) return null;
      const claimed = await tx.contractAlertDigest.createMany({
        data: [{ userId: user.id, day: dateOnly(day) }],
        skipDuplicates: true,
      });
      if (claimed.count === 0) return null;
      await tx.contractAlertNotice.createMany({
        data: fresh.map((a) => ({ contractId: a.contractId, kind: a.kind, since: dateOnly(a.since) })),
        skipDuplicates: true,
      });
      const lines = fresh.map((a) =>
        alertText(
          {
            ...a,
            contractName: byId.get(a.contractId)?.name ?? "",
            currency: byId.get(a.contractId)?.currency ?? "EUR",
          },
          m,
          locale,
        ),
      );
      const email = await queueEmail(tx, {
        userId: user.id,
        to: user.email,
        subject: m.contracts.email.subject(fresh.length),
        text: m.contracts.email.body(lines, `${appUrl}/contracts`, `${appUrl}/settings`),
      });
      return email.id;
    });
    if (!emailId) continue;
    queued++;
    await deliverEmail(emailId);
  }
  await deliverPendingEmails();
  if (queued) log.info({ queued, day }, "contract alert digests queued");
  return { day, queued };
}

import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

export interface EmailMessage {
  userId: string | null;
  to: string;
  subject: string;
  text: string;
}

type Tx = Prisma.TransactionClient;

/**
 * Every email is first written to OutboxEmail, inside the caller's transaction, so it exists
 * exactly when the fact that caused it was recorded (e.g. a ConsentReminder row). Without SMTP
 * the table is the development outbox read in the app; with SMTP, deliverEmail() sends it.
 */
export async function queueEmail(tx: Tx, message: EmailMessage) {
  return tx.outboxEmail.create({
    data: { userId: message.userId, to: message.to, subject: message.subject, text: message.text },
    select: { id: true },
  });
}

/** True when emails leave the machine; otherwise they stay in the in-app outbox. */
export const smtpConfigured = () => !!env().smtpUrl;

let transport: Transporter | undefined;
function smtp(): Transporter {
  const url = env().smtpUrl;
  if (!url) throw new Error("SMTP_URL is not set");
  return (transport ??= nodemailer.createTransport(url));
}

/**
 * Sends one queued email over SMTP. `sentAt` doubles as the claim: only the worker whose update
 * flips it from null sends, so two workers never send the same row. A failed send releases the
 * claim for a later retry (deliverPendingEmails). Without SMTP this does nothing.
 */
export async function deliverEmail(emailId: string): Promise<"sent" | "outbox" | "taken" | "failed"> {
  if (!smtpConfigured()) return "outbox";
  const claimedAt = new Date();
  const claim = await db.outboxEmail.updateMany({ where: { id: emailId, sentAt: null }, data: { sentAt: claimedAt } });
  if (claim.count === 0) return "taken";
  const email = await db.outboxEmail.findUniqueOrThrow({ where: { id: emailId } });
  try {
    await smtp().sendMail({ from: env().mailFrom, to: email.to, subject: email.subject, text: email.text });
    return "sent";
  } catch (err) {
    log.warn({ err, emailId }, "email delivery failed; will retry");
    await db.outboxEmail.updateMany({ where: { id: emailId, sentAt: claimedAt }, data: { sentAt: null } });
    return "failed";
  }
}

/** Retries emails whose delivery failed recently; older ones are left (a stale reminder helps no one). */
export async function deliverPendingEmails({ maxAgeMs = 86_400_000 }: { maxAgeMs?: number } = {}) {
  if (!smtpConfigured()) return 0;
  const pending = await db.outboxEmail.findMany({
    where: { sentAt: null, createdAt: { gte: new Date(Date.now() - maxAgeMs) } },
    select: { id: true },
    take: 100,
  });
  let sent = 0;
  for (const { id } of pending) if ((await deliverEmail(id)) === "sent") sent++;
  return sent;
}

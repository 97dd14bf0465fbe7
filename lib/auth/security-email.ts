import "server-only";
import { db } from "@/lib/db";
import { deliverEmail, queueEmail } from "@/lib/email/send-email";
import { pickLocale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";

type Texts = ReturnType<typeof messages>["securityEmail"];

/**
 * One account-security email through the outbox (then SMTP when configured), in the user's
 * language (`emailLocale`: their choice, else their browser's at the last sign-in, else German). Sent after the fact
 * it reports was written; a delivery failure is retried by the worker, never thrown here.
 */
export async function sendSecurityEmail(opts: {
  userId: string | null;
  to: string;
  locale: string | null | undefined;
  build: (t: Texts) => { subject: string; body: string };
}) {
  const t = messages(pickLocale(opts.locale, null)).securityEmail;
  const { subject, body } = opts.build(t);
  const email = await queueEmail(db, {
    userId: opts.userId,
    to: opts.to,
    subject,
    text: `${t.greeting}\n\n${body}\n\n${t.footer}`,
  });
  await deliverEmail(email.id);
}

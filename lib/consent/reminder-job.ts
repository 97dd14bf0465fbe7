import type PgBoss from "pg-boss";
import { sendConsentReminders } from "@/lib/consent/send-consent-reminders";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export const CONSENT_REMINDERS_QUEUE = "consent-reminders";
/** Daily at 06:00 Berlin time: reminders arrive in the morning. */
const DAILY_CRON = "0 6 * * *";
/**
 * With the sandbox clock (development and the browser tests) a "day" can pass in a second
 * (`/__sandbox/clock/advance`), so each worker also enqueues the run every few seconds. The run
 * is idempotent (ConsentReminder's unique key), so overlapping runs on several workers send each
 * email once; the browser test relies on exactly that with two workers. Never with the system clock.
 */
const SANDBOX_CLOCK_TICK_MS = 3_000;

export async function registerConsentReminders(boss: PgBoss) {
  await boss.createQueue(CONSENT_REMINDERS_QUEUE, {
    name: CONSENT_REMINDERS_QUEUE,
    retryLimit: 2,
    retryDelay: 60,
    expireInSeconds: 600,
  });
  await boss.work(CONSENT_REMINDERS_QUEUE, async () => {
    await sendConsentReminders();
  });
  await boss.schedule(CONSENT_REMINDERS_QUEUE, DAILY_CRON, {}, { tz: "Europe/Berlin" });

  if (env().clock === "sandbox") {
    const enqueue = () =>
      boss
        .send(CONSENT_REMINDERS_QUEUE, {}, { retryLimit: 0, expireInSeconds: 60 })
        .catch((err) => log.warn({ err }, "could not enqueue consent reminders"));
    void enqueue();
    const timer = setInterval(enqueue, SANDBOX_CLOCK_TICK_MS);
    timer.unref();
  }
}

import "server-only";
import { z } from "zod";
import { sendConsentReminders } from "@/lib/consent/send-consent-reminders";
import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";

/**
 * With the sandbox clock (development and the browser tests) a "day" can pass in a second
 * (`/__sandbox/clock/advance`), so each worker also enqueues the run every few seconds. The run
 * is idempotent (ConsentReminder's unique key), so overlapping runs on several workers send each
 * email once; the browser test relies on exactly that with two workers. Never with the system clock.
 */
const SANDBOX_CLOCK_TICK_MS = 3_000;

/** Daily at 06:00 Berlin time: reminders arrive in the morning. */
export const consentRemindersJob = defineJob({
  name: "consent-reminders",
  payload: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 60, expireInSeconds: 600 },
  schedule: { cron: "0 6 * * *", tz: "Europe/Berlin" },
  async handle() {
    await sendConsentReminders();
  },
  onWorkerStart(boss) {
    if (env().clock !== "sandbox") return;
    const enqueue = () =>
      boss
        .send(consentRemindersJob.name, {}, { retryLimit: 0, expireInSeconds: 60 })
        .catch((err) => log.warn({ err }, "could not enqueue consent reminders"));
    void enqueue();
    setInterval(enqueue, SANDBOX_CLOCK_TICK_MS).unref();
  },
});

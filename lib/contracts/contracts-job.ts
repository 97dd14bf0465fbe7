import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { today } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { defineJob, promoteWaitingJob, sendJob } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";
import { refreshContracts } from "./refresh-contracts.ts";
import { sendContractAlertDigests } from "./send-contract-alert-digests.ts";

/**
 * Contract detection for one user, queued at the end of every successful import and on demand.
 * `stately` per user: a burst of imports (several banks) runs detection at most twice.
 */
export const detectContractsJob = defineJob({
  name: "detect-contracts",
  payload: z.object({ userId: z.string().min(1).max(64) }),
  queue: { policy: "stately", retryLimit: 2, retryDelay: 30, expireInSeconds: 600 },
  async handle(p) {
    const result = await refreshContracts({ userId: p.userId, today: await today() });
    log.info({ userId: p.userId, ...result }, "contracts detected");
  },
});

/**
 * `priority`: detection after an import someone waits for ("Sync now", a finished wizard) goes
 * ahead of the daily run's backlog of detections. The queue keeps one waiting job per user, so
 * when one is waiting already it is moved up instead (the new send is dropped as a duplicate).
 */
export async function sendDetectContractsJob(userId: string, opts: { boss?: PgBoss; priority?: number } = {}) {
  const priority = opts.priority ?? 0;
  const id = await sendJob(
    detectContractsJob,
    { userId },
    { boss: opts.boss, singletonKey: userId, ...(priority ? { priority } : {}) },
  );
  if (id === null && priority > 0) await promoteWaitingJob(db, detectContractsJob, { singletonKey: userId, priority });
  return id;
}

/**
 * Whether any of the user's contracts still in detection's hands was last detected before `today`
 * (an app-clock day, YYYY-MM-DD); one indexed read. Contracts detection no longer finds
 * (`missingSince`) are left as they are by later runs and do not count.
 */
export async function contractsDetectedBefore(userId: string, today: string) {
  const stale = await db.contract.findFirst({
    where: { userId, missingSince: null, detectedAt: { lt: new Date(`${today}T00:00:00Z`) } },
    select: { id: true },
  });
  return stale !== null;
}

/**
 * With the sandbox clock a "day" can pass in a second, so each worker also enqueues the digest run
 * every few seconds (as the consent reminders do); the digest's unique key (user, day) keeps it to
 * one email a day. Never with the system clock.
 */
const SANDBOX_CLOCK_TICK_MS = 3_000;

/** Daily at 07:00 Berlin time: the contract-alert digests. */
export const contractAlertsJob = defineJob({
  name: "contract-alert-digests",
  payload: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 60, expireInSeconds: 600 },
  schedule: { cron: "0 7 * * *", tz: "Europe/Berlin" },
  async handle() {
    await sendContractAlertDigests();
  },
  onWorkerStart(boss) {
    if (env().clock !== "sandbox") return;
    const enqueue = () =>
      boss
        .send(contractAlertsJob.name, {}, { retryLimit: 0, expireInSeconds: 60 })
        .catch((err) => log.warn({ err }, "could not enqueue contract alert digests"));
    void enqueue();
    setInterval(enqueue, SANDBOX_CLOCK_TICK_MS).unref();
  },
});

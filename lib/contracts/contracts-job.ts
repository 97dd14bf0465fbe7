import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { today } from "@/lib/clock";
import { defineJob, sendJob } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";
import { refreshContracts } from "./refresh-contracts.ts";

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

export function sendDetectContractsJob(userId: string, opts: { boss?: PgBoss } = {}) {
  return sendJob(detectContractsJob, { userId }, { boss: opts.boss, singletonKey: userId });
}

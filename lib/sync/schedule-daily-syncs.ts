import "server-only";
import { z } from "zod";
import { today } from "@/lib/clock";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";
import { enqueueSync } from "./enqueue-sync.ts";
import { FAILED_SYNCS_TO_DISABLE, policyInput, syncPolicy } from "./sync-policy.ts";

/**
 * The daily run: one SCHEDULED run per connection the sync policy lets refresh without its user
 * — `full` (import what XS2A synced overnight; no bank call) and `shared` (sync with Saldo's
 * half, one bank call). `none`, disabled connections and expired consents are left alone.
 */
export async function scheduleDailySyncs() {
  const day = await today();
  const connections = await db.bankConnection.findMany({
    // A coarse pre-filter; the policy decides.
    where: {
      status: "ACTIVE",
      xs2aId: { not: null },
      syncMode: { in: ["FULL", "SHARED"] },
      syncFailCounter: { lt: FAILED_SYNCS_TO_DISABLE },
    },
    select: {
      id: true,
      userId: true,
      status: true,
      xs2aId: true,
      syncMode: true,
      xs2aSyncMode: true,
      syncFailCounter: true,
      consentValidUntil: true,
      credentialsCiphertext: true,
    },
  });
  let queued = 0;
  for (const c of connections) {
    if (syncPolicy(policyInput(c), day, "schedule").kind === "refused") continue;
    try {
      const r = await enqueueSync({
        connectionId: c.id,
        userId: c.userId,
        trigger: "SCHEDULED",
        triggeredBy: "schedule",
      });
      if (r.created) queued++;
    } catch (err) {
      log.error({ err, connectionId: c.id }, "could not queue a scheduled sync");
    }
  }
  log.info({ queued, candidates: connections.length }, "daily syncs queued");
  return { queued };
}

/** Daily at 05:30 Berlin: after XS2A's own night syncs, and well outside the 02:00–03:00 DST gap. */
export const syncDailyJob = defineJob({
  name: "sync-daily",
  payload: z.object({}).passthrough(),
  queue: { policy: "singleton", retryLimit: 3, retryDelay: 60 },
  schedule: { cron: "30 5 * * *", tz: "Europe/Berlin" },
  async handle() {
    await scheduleDailySyncs();
  },
});

import { consentStatus, toYmd } from "@/lib/consent/consent-status";
import { today } from "@/lib/clock";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { enqueueSync } from "./enqueue-sync.ts";

/**
 * The daily run: one SCHEDULED run per connection that can refresh without its user —
 * `full` (import what XS2A synced overnight; no bank call) and `shared` (sync with Saldo's half,
 * one bank call). Skipped: `none`, disabled connections and expired consents (a background try
 * would be a failure XS2A counts).
 */
export async function scheduleDailySyncs() {
  const day = await today();
  const connections = await db.bankConnection.findMany({
    where: {
      status: "ACTIVE",
      xs2aId: { not: null },
      syncMode: { in: ["FULL", "SHARED"] },
      syncFailCounter: { lt: 3 },
    },
    select: { id: true, userId: true, consentValidUntil: true, syncMode: true, credentialsCiphertext: true },
  });
  let queued = 0;
  for (const c of connections) {
    if (consentStatus(toYmd(c.consentValidUntil), day).level === "expired") continue;
    if (c.syncMode === "SHARED" && !c.credentialsCiphertext) continue;
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

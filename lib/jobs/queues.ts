import { z } from "zod";

/**
 * Every queue Saldo uses, with the zod schema of its payload: the one place producers and the
 * worker agree on. Handlers parse with these; a job that does not parse fails without retries.
 */
export const QUEUES = {
  /** One sync or import of one connection. Singleton key = connection id (policy `stately`). */
  syncConnection: "sync-connection",
  /** The daily run (Europe/Berlin): enqueues a scheduled run per eligible connection. */
  syncDaily: "sync-daily",
  /** Marks runs whose worker died (no heartbeat) as interrupted, and forgotten queued runs as expired. */
  syncReap: "sync-reap",
} as const;

export const syncConnectionPayload = z.object({
  runId: z.string().min(1).max(64),
  connectionId: z.string().min(1).max(64),
  /** Read what XS2A holds without asking it to sync (after a wizard, or when another run was busy). */
  importOnly: z.boolean().default(false),
  /** 1 for the first try; the handler re-sends with +1 after a retryable XS2A error. */
  attempt: z.number().int().min(1).max(20).default(1),
});
export type SyncConnectionPayload = z.infer<typeof syncConnectionPayload>;

export const syncDailyPayload = z.object({}).passthrough();
export const syncReapPayload = z.object({}).passthrough();

/** Daily at 05:30 Berlin: after XS2A's own night syncs, and well outside the 02:00–03:00 DST gap. */
export const DAILY_SYNC_CRON = "30 5 * * *";
export const DAILY_SYNC_TZ = "Europe/Berlin";
export const REAP_CRON = "*/5 * * * *";

import "server-only";
import { z } from "zod";
import { ownedConnectionOrThrow } from "@/lib/auth/ownership";
import type { Viewer } from "@/lib/auth/viewer";
import { today } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hitRateLimit } from "@/lib/rate-limit";
import { enqueueSync } from "@/lib/sync/enqueue-sync";
import { policyInput, syncPolicy, type SyncRefusal } from "@/lib/sync/sync-policy";
import { startSyncLogin, type SyncLoginResult } from "@/lib/wizard/start-sync-login";

export const requestSyncInput = z.object({ connectionId: z.string().min(1).max(64) }).strict();

/** "Sync now" per bank: this many new runs per window (clicks while one runs are free). */
export const SYNC_NOW_LIMIT = 6;
const SYNC_NOW_WINDOW_SECONDS = 15 * 60;

export type RequestSyncResult = SyncLoginResult;

/** What the user is told when the policy refuses (nothing is sent to XS2A that it would count). */
const REFUSED: Record<SyncRefusal, () => AppError> = {
  gone: () => new AppError("not_found", "not found"),
  disabled: () => new AppError("connection_disabled", "connection_disabled"),
  consent_expired: () => new AppError("consent_expired", "consent_expired"),
  needs_login: () => new AppError("needs_user", "needs_login"),
  credentials_missing: () => new AppError("needs_user", "credentials_missing"),
};

/**
 * "Sync now" for one of the viewer's banks, as the sync policy decides: queue a run for the worker
 * (`full`/`shared`), or open the bank login (`none`, a fallen-back `full`). A disabled bank (re-link)
 * or an expired consent (renew) is explained instead.
 */
export async function requestSync({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof requestSyncInput>;
}): Promise<RequestSyncResult> {
  const connection = await ownedConnectionOrThrow(viewer, input.connectionId, {
    status: { in: ["ACTIVE", "DISABLED"] },
  });
  const decision = syncPolicy(policyInput(connection), await today(), "user");
  if (decision.kind === "refused") throw REFUSED[decision.reason]();

  const rateLimit = async (client?: Prisma.TransactionClient) => {
    const hit = await hitRateLimit({
      key: `sync-now:${connection.id}`,
      limit: SYNC_NOW_LIMIT,
      windowSeconds: SYNC_NOW_WINDOW_SECONDS,
      client,
    });
    if (!hit.allowed)
      throw new AppError("rate_limited", "sync_rate_limited", { retryAfterSeconds: hit.retryAfterSeconds });
  };

  if (decision.kind === "wizard") {
    await rateLimit();
    return startSyncLogin({ connection });
  }
  const { runId } = await enqueueSync({
    connectionId: connection.id,
    userId: viewer.id,
    trigger: "MANUAL",
    triggeredBy: viewer.id,
    beforeCreate: rateLimit,
  });
  return { kind: "queued", runId };
}

export type SyncAllSkip = "needs_login" | "consent_expired" | "disabled" | "rate_limited";

/**
 * "Sync all": queues every bank that syncs without the user; banks that need the login are
 * returned so the page can offer them one by one (a wizard per bank).
 */
export async function requestSyncAll({ viewer }: { viewer: Viewer }) {
  const connections = await db.bankConnection.findMany({
    where: { userId: viewer.id, status: "ACTIVE", xs2aId: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  const day = await today();
  const queued: string[] = [];
  const skipped: { connectionId: string; reason: SyncAllSkip }[] = [];
  for (const c of connections) {
    const decision = syncPolicy(policyInput(c), day, "user");
    if (decision.kind === "wizard") skipped.push({ connectionId: c.id, reason: "needs_login" });
    else if (decision.kind === "refused") {
      if (decision.reason === "disabled" || decision.reason === "consent_expired")
        skipped.push({ connectionId: c.id, reason: decision.reason });
      else if (decision.reason === "credentials_missing") skipped.push({ connectionId: c.id, reason: "needs_login" });
    } else {
      try {
        const r = await requestSync({ viewer, input: { connectionId: c.id } });
        if (r.kind === "queued") queued.push(r.runId);
      } catch (err) {
        if (err instanceof AppError && err.code === "rate_limited")
          skipped.push({ connectionId: c.id, reason: "rate_limited" });
        else throw err;
      }
    }
  }
  return { queued: queued.length, skipped };
}

import { z } from "zod";
import { consentStatus, toYmd } from "@/lib/consent/consent-status";
import { applyXs2aConnection } from "@/lib/bank-gateway/apply-connection";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { today } from "@/lib/clock";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";
import { isXs2aError } from "@/lib/xs2a";
import { enqueueSync } from "../sync/enqueue-sync.ts";

export const requestSyncInput = z.object({ connectionId: z.string().min(1).max(64) }).strict();

/** "Sync now" per bank: this many new runs per window (clicks while one runs are free). */
export const SYNC_NOW_LIMIT = 6;
export const SYNC_NOW_WINDOW_SECONDS = 15 * 60;

export type RequestSyncResult = { kind: "queued"; runId: string } | { kind: "wizard"; wizardId: string };

/**
 * "Sync now" for one of the user's banks.
 *  - `full`/`shared`: queue a run for the worker (see run-sync.ts).
 *  - `none`, or `full` fallen back to `none`: XS2A answers the sync with 202 and a wizard session;
 *    we keep it for the owner and the page opens it (purpose SYNC); its finish imports.
 * Never for a disabled bank (re-link) or an expired consent (renew): both are explained instead,
 * and nothing is sent to XS2A that it would count as a failure.
 */
export async function requestSync({
  userId,
  input,
}: {
  userId: string;
  input: z.infer<typeof requestSyncInput>;
}): Promise<RequestSyncResult> {
  const connection = await db.bankConnection.findFirst({
    where: { id: input.connectionId, userId, status: { in: ["ACTIVE", "DISABLED"] } },
  });
  if (!connection || !connection.xs2aId) throw new AppError("not_found", "not found");
  if (connection.status === "DISABLED" || connection.syncFailCounter >= 3)
    throw new AppError("connection_disabled", "connection_disabled");
  if (consentStatus(toYmd(connection.consentValidUntil), await today()).level === "expired")
    throw new AppError("consent_expired", "consent_expired");

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

  const needsLogin =
    connection.syncMode === "NONE" || (connection.syncMode === "FULL" && connection.xs2aSyncMode === "NONE");
  if (!needsLogin) {
    const { runId } = await enqueueSync({
      connectionId: connection.id,
      userId,
      trigger: "MANUAL",
      triggeredBy: userId,
      beforeCreate: rateLimit,
    });
    return { kind: "queued", runId };
  }

  await rateLimit();
  const xs2aId = connection.xs2aId;
  let answer;
  try {
    answer = await withUserApi(userId, (api) => api.connections.sync(xs2aId, {}));
  } catch (err) {
    if (isXs2aError(err, "retryable")) throw new AppError("unavailable", "xs2a_unavailable", { cause: err });
    if (isXs2aError(err, "disabled")) {
      await withUserApi(userId, (api) => api.connections.get(xs2aId))
        .then((remote) => applyXs2aConnection(connection.id, remote))
        .catch(() => undefined);
      throw new AppError("connection_disabled", "connection_disabled", { cause: err });
    }
    throw err;
  }
  if (answer.kind === "started") {
    // XS2A synced without the user after all (the bank is back on `full`): just import.
    const { runId } = await enqueueSync({
      connectionId: connection.id,
      userId,
      trigger: "MANUAL",
      triggeredBy: userId,
    });
    return { kind: "queued", runId };
  }
  const wizard = await db.wizardSession.create({
    data: {
      userId,
      connectionId: connection.id,
      purpose: "SYNC",
      key: answer.wizardSessionKey,
      transaction: answer.transaction,
      syncMode: connection.syncMode,
    },
    select: { id: true },
  });
  return { kind: "wizard", wizardId: wizard.id };
}

/**
 * "Sync all": queues every bank that syncs without the user; banks that need the login are
 * returned so the page can offer them one by one (a wizard per bank).
 */
export async function requestSyncAll({ userId }: { userId: string }) {
  const connections = await db.bankConnection.findMany({
    where: { userId, status: "ACTIVE", xs2aId: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  const day = await today();
  const queued: string[] = [];
  const skipped: { connectionId: string; reason: "needs_login" | "consent_expired" | "disabled" | "rate_limited" }[] =
    [];
  for (const c of connections) {
    if (c.syncFailCounter >= 3) skipped.push({ connectionId: c.id, reason: "disabled" });
    else if (consentStatus(toYmd(c.consentValidUntil), day).level === "expired")
      skipped.push({ connectionId: c.id, reason: "consent_expired" });
    else if (c.syncMode === "NONE" || (c.syncMode === "FULL" && c.xs2aSyncMode === "NONE"))
      skipped.push({ connectionId: c.id, reason: "needs_login" });
    else {
      try {
        const r = await requestSync({ userId, input: { connectionId: c.id } });
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

import "server-only";
import { z } from "zod";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";
import { discardUnfinishedConnection } from "./abort-wizard.ts";

/** A wizard left open this long was abandoned (closed tab, lost phone): its bank session is long gone. */
export const ABANDONED_LINK_AFTER_MS = 24 * 60 * 60_000;
/** Per run of the reaper, so one run stays short; the rest go on the next run. */
const BATCH = 100;

/**
 * Unfinished links and re-links whose wizard the user never finished nor aborted: their OPEN
 * wizard becomes ABORTED ("abandoned"), the half-made connection is deleted at XS2A (best effort,
 * as an abort does) and here. A re-link's old connection stays as it was.
 */
export async function reapAbandonedLinks(opts: { now?: Date } = {}) {
  // The app's clock: with the sandbox clock advanced a day, an open wizard is a day old.
  const before = new Date((opts.now ?? (await now())).getTime() - ABANDONED_LINK_AFTER_MS);
  const stale = await db.bankConnection.findMany({
    where: { status: "PENDING", xs2aId: null, createdAt: { lt: before } },
    select: { id: true, userId: true, transaction: true },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  for (const c of stale) {
    await db.wizardSession.updateMany({
      where: { connectionId: c.id, status: "OPEN" },
      data: { status: "ABORTED", finishedAt: new Date(), errorCode: "abandoned" },
    });
    await discardUnfinishedConnection(c);
  }
  return { abandoned: stale.length };
}

/** Sandbox clock only: how often each worker also runs the reaper (a "day" can pass in a second). */
const SANDBOX_CLOCK_TICK_MS = 10_000;

/** Every five minutes (and, with the sandbox clock, every few seconds). */
export const reapAbandonedWizardsJob = defineJob({
  name: "wizard-reap",
  payload: z.object({}).passthrough(),
  queue: { policy: "singleton", retryLimit: 0 },
  schedule: { cron: "*/5 * * * *" },
  async handle() {
    const links = await reapAbandonedLinks();
    if (links.abandoned) log.info(links, "removed abandoned bank links");
  },
  onWorkerStart(boss) {
    if (env().clock !== "sandbox") return;
    const enqueue = () =>
      boss
        .send(reapAbandonedWizardsJob.name, {}, { retryLimit: 0, expireInSeconds: 300 })
        .catch((err) => log.warn({ err }, "could not enqueue the wizard reaper"));
    setInterval(enqueue, SANDBOX_CLOCK_TICK_MS).unref();
  },
});

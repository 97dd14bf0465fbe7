/**
 * The daily run follows the app's clock: one run per Berlin day's 05:30 slot, however many
 * workers and ticks ask, and after a jump of several days the run due now happens once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "@/scripts/fixtures/sync-test-harness";

let h: Harness;
let db: typeof import("@/lib/db").db;

beforeAll(async () => {
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness();
  ({ db } = await import("@/lib/db"));
});

afterAll(async () => {
  const { producerBoss } = await import("@/lib/jobs/define-job");
  await (await producerBoss()).stop({ graceful: false, wait: true }).catch(() => undefined);
  await db?.$disconnect().catch(() => undefined);
  await h?.close();
});

describe("the daily run on the app's clock", () => {
  it("runs once per day's slot, and once after a jump of several days", async () => {
    const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
    const { createUser } = await import("@/scripts/fixtures/test-fixtures");
    const { runDailySyncsIfDue } = await import("./schedule-daily-syncs.ts");
    const user = await createUser(db);
    const { connection } = await linkSandboxBank(h, { userId: user.id, syncMode: "FULL" });
    const scheduled = () => db.syncRun.count({ where: { connectionId: connection.id, trigger: "SCHEDULED" } });
    // Far in the future, so no other run of this suite has claimed these days.
    const morning = new Date("2031-03-10T05:00:00Z"); // 06:00 Berlin: the 10th's slot has passed

    const concurrent = await Promise.all([1, 2, 3].map(() => runDailySyncsIfDue({ at: morning })));
    expect(concurrent.filter((r) => r.ran)).toHaveLength(1);
    expect(concurrent.every((r) => r.day === "2031-03-10")).toBe(true);
    expect(await scheduled()).toBe(1);
    // Later that day, and before the next 05:30: nothing more.
    expect(await runDailySyncsIfDue({ at: new Date("2031-03-10T20:00:00Z") })).toMatchObject({ ran: false });
    expect(await runDailySyncsIfDue({ at: new Date("2031-03-11T04:00:00Z") })).toMatchObject({
      ran: false,
      day: "2031-03-10",
    });
    await db.syncRun.updateMany({
      where: { connectionId: connection.id, status: "QUEUED" },
      data: { status: "SUCCEEDED", finishedAt: new Date() },
    });

    // Three days later: the run due now, once; the skipped days are not replayed.
    const later = new Date("2031-03-13T09:00:00Z");
    expect(await runDailySyncsIfDue({ at: later })).toMatchObject({ ran: true, day: "2031-03-13", queued: 1 });
    expect(await runDailySyncsIfDue({ at: later })).toMatchObject({ ran: false });
    expect(await scheduled()).toBe(2);
    expect(
      await db.scheduledDay.count({ where: { job: "sync-daily", day: { in: ["2031-03-11", "2031-03-12"] } } }),
    ).toBe(0);
  });

  it("follows the sandbox clock when no time is given", async () => {
    const { runDailySyncsIfDue } = await import("./schedule-daily-syncs.ts");
    const { lastScheduledSync } = await import("./next-scheduled-sync.ts");
    const { berlinToday } = await import("@/lib/berlin-time");
    await h.control("clock/advance", { days: 3 });
    const { now } = await import("@/lib/clock");
    const at = await now({ fresh: true });
    const first = await runDailySyncsIfDue();
    expect(first.day).toBe(berlinToday(lastScheduledSync(at)));
    expect((await runDailySyncsIfDue()).ran).toBe(false);
  });

  it("takes over a day whose walk stopped part-way, and goes on from its last stored batch", async () => {
    const { createConnections, createUser } = await import("@/scripts/fixtures/test-fixtures");
    const { runDailySyncsIfDue } = await import("./schedule-daily-syncs.ts");
    const user = await createUser(db);
    const prefix = `resume${Date.now()}`;
    const ids = [0, 1, 2, 3, 4, 5].map((i) => `${prefix}_${i}`);
    await createConnections(db, user.id, ids);
    // The dead worker's walk: the first three connections got their runs (since finished), the
    // fourth's run was created but its job never sent, the last two were not reached.
    await db.syncRun.createMany({
      data: ids.slice(0, 3).map((connectionId) => ({
        connectionId,
        userId: user.id,
        trigger: "SCHEDULED" as const,
        status: "SUCCEEDED" as const,
        finishedAt: new Date(),
      })),
    });
    const orphan = await db.syncRun.create({
      data: { connectionId: ids[3]!, userId: user.id, trigger: "SCHEDULED", status: "QUEUED" },
    });
    const day = "2032-05-20";
    const at = new Date(`${day}T09:00:00Z`);
    await db.scheduledDay.create({
      data: {
        job: "sync-daily",
        day,
        ranAt: new Date(Date.now() - 10 * 60_000),
        result: { cursor: ids[2]!, queuedSoFar: 3 },
      },
    });

    // Not yet stale by this bound: a live walk is never taken over.
    expect(await runDailySyncsIfDue({ at, staleAfterMs: 20 * 60_000 })).toMatchObject({ ran: false });
    const taken = await runDailySyncsIfDue({ at });
    expect(taken).toMatchObject({ ran: true, day, resumed: true });
    if (!taken.ran) throw new Error("not taken over");
    expect(taken.queued).toBeGreaterThanOrEqual(3 + 2);

    const runs = await db.syncRun.groupBy({
      by: ["connectionId"],
      where: { connectionId: { in: ids }, trigger: "SCHEDULED" },
      _count: true,
    });
    // One run each: no second run before the stored batch, the orphan kept, the rest reached.
    expect(Object.fromEntries(runs.map((r) => [r.connectionId, r._count]))).toEqual(
      Object.fromEntries(ids.map((id) => [id, 1])),
    );
    const jobs = await db.$queryRaw<{ key: string; runId: string }[]>`
      SELECT singleton_key AS key, data->>'runId' AS "runId" FROM pgboss.job
      WHERE name = 'sync-connection' AND singleton_key LIKE ${prefix + "%"} AND state = 'created'
      ORDER BY singleton_key`;
    expect(jobs.map((j) => j.key)).toEqual(ids.slice(3));
    expect(jobs[0]!.runId).toBe(orphan.id);

    const stored = await db.scheduledDay.findUniqueOrThrow({ where: { job_day: { job: "sync-daily", day } } });
    expect(stored.result).toMatchObject({ queued: taken.queued, resumed: true });
    // Finished: no later check walks it again.
    expect(await runDailySyncsIfDue({ at, staleAfterMs: 0 })).toMatchObject({ ran: false });
  });
});

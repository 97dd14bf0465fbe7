/**
 * claimRun (claim-run.ts) is the lease every sync starts with: among runs of one connection claimed
 * at the same moment by separate workers exactly one becomes RUNNING, a finished run is never
 * claimed again, and the times it writes are the same UTC instants Prisma writes elsewhere.
 */
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createConnection, createUser } from "../../scripts/fixtures/test-fixtures.ts";
import { claimRun } from "./claim-run.ts";

afterAll(async () => {
  await db.$disconnect();
});

describe("claimRun", () => {
  it("of ten runs of one connection claimed at once, exactly one runs; the others are told busy", async () => {
    const user = await createUser(db);
    const connection = await createConnection(db, user.id);
    const runs = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.syncRun.create({
          data: { connectionId: connection.id, userId: user.id, trigger: "MANUAL", status: "QUEUED" },
        }),
      ),
    );
    const before = Date.now();
    const claims = await Promise.all(runs.map((r, i) => claimRun({ runId: r.id, jobId: `job-${i}` })));
    expect(claims.filter((c) => c.kind === "claimed")).toHaveLength(1);
    expect(claims.filter((c) => c.kind === "busy")).toHaveLength(9);
    const running = await db.syncRun.findMany({ where: { connectionId: connection.id, status: "RUNNING" } });
    expect(running).toHaveLength(1);
    const [won] = running;
    const claimed = claims.find((c) => c.kind === "claimed");
    expect(claimed).toMatchObject({ kind: "claimed", resumed: false, run: { id: won!.id, status: "RUNNING" } });
    expect(won!.jobId).toBe(`job-${runs.findIndex((r) => r.id === won!.id)}`);
    // The same instant Prisma reads back (a time-zone slip would move it by hours).
    for (const t of [won!.startedAt!, won!.heartbeatAt!]) {
      expect(t.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(t.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }

    // Claimed again (its job retried): resumed, the first start kept.
    const again = await claimRun({ runId: won!.id, staleAfterMs: 0 });
    expect(again).toMatchObject({ kind: "claimed", resumed: true });
    expect((again as { run: { startedAt: Date } }).run.startedAt).toEqual(won!.startedAt);

    // Finished: never claimed again, whatever its connection's state.
    await db.syncRun.update({ where: { id: won!.id }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
    expect(await claimRun({ runId: won!.id })).toEqual({ kind: "done" });
    expect(await claimRun({ runId: "no-such-run" })).toEqual({ kind: "done" });
  });

  it("a dead worker's run is marked interrupted and the claimed run takes its place", async () => {
    const user = await createUser(db);
    const connection = await createConnection(db, user.id);
    const dead = await db.syncRun.create({
      data: {
        connectionId: connection.id,
        userId: user.id,
        trigger: "SCHEDULED",
        status: "RUNNING",
        startedAt: new Date(Date.now() - 120_000),
        heartbeatAt: new Date(Date.now() - 60_000),
      },
    });
    const next = await db.syncRun.create({
      data: { connectionId: connection.id, userId: user.id, trigger: "MANUAL", status: "QUEUED" },
    });
    // Within the stale bound the dead run still counts as alive.
    expect(await claimRun({ runId: next.id, staleAfterMs: 120_000 })).toEqual({ kind: "busy" });
    expect(await claimRun({ runId: next.id, staleAfterMs: 30_000 })).toMatchObject({ kind: "claimed", resumed: false });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: "FAILED",
      errorCode: "interrupted",
      errorMessage: "The sync was interrupted and did not finish.",
    });
  });
});

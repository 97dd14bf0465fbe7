/**
 * Contract detection after a user's own import goes ahead of the daily run's backlog: the queue
 * keeps one waiting detection per user, so a waiting one is moved up instead of a second queued.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let db: typeof import("@/lib/db").db;

beforeAll(async () => {
  process.env.LOG_LEVEL ??= "silent";
  ({ db } = await import("@/lib/db"));
});

afterAll(async () => {
  const { producerBoss } = await import("@/lib/jobs/define-job");
  await (await producerBoss()).stop({ graceful: false, wait: true }).catch(() => undefined);
  await db?.$disconnect().catch(() => undefined);
});

const waiting = (userId: string) =>
  db.$queryRaw<{ priority: number }[]>`
    SELECT priority FROM pgboss.job
    WHERE name = 'detect-contracts' AND singleton_key = ${userId} AND state = 'created'`;

describe("contract detection's place in the queue", () => {
  it("a user's detection moves their waiting scheduled one up; others keep their place", async () => {
    const { sendDetectContractsJob } = await import("./contracts-job.ts");
    const stamp = Date.now();
    const [scheduled, other, fresh] = ["a", "b", "c"].map((x) => `detect-${x}-${stamp}`) as [string, string, string];
    // The daily run's imports queued detection for two users.
    expect(await sendDetectContractsJob(scheduled)).not.toBeNull();
    expect(await sendDetectContractsJob(other)).not.toBeNull();
    expect(await waiting(scheduled)).toEqual([{ priority: 0 }]);

    // The first user presses "Sync now": their import's detection is not queued twice, it moves up.
    expect(await sendDetectContractsJob(scheduled, { priority: 5 })).toBeNull();
    expect(await waiting(scheduled)).toEqual([{ priority: 5 }]);
    expect(await waiting(other)).toEqual([{ priority: 0 }]);
    // Never moved down by a later scheduled import.
    expect(await sendDetectContractsJob(scheduled)).toBeNull();
    expect(await waiting(scheduled)).toEqual([{ priority: 5 }]);

    // Nothing waiting: the user's detection is sent with its priority.
    expect(await sendDetectContractsJob(fresh, { priority: 5 })).not.toBeNull();
    expect(await waiting(fresh)).toEqual([{ priority: 5 }]);
  });
});

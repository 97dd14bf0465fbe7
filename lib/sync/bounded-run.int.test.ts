/**
 * A hanging bank service holds a run for a bounded time only (SYNC_RUN_MAX_SECONDS over all its
 * attempts), and the user is told that the bank service did not answer and when Saldo tries
 * again — never "nothing new" for a run that failed or waits for its next attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReason, runSummary } from "@/components/sync/sync-text";
import { messages } from "@/lib/i18n/messages";
import type { Harness } from "@/scripts/fixtures/sync-test-harness";

let h: Harness;
let db: typeof import("@/lib/db").db;

beforeAll(async () => {
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness({ timeoutMs: 1500 });
  ({ db } = await import("@/lib/db"));
});

afterAll(async () => {
  const { producerBoss } = await import("@/lib/jobs/define-job");
  await (await producerBoss()).stop({ graceful: false, wait: true }).catch(() => undefined);
  await db?.$disconnect().catch(() => undefined);
  await h?.close();
});

async function link() {
  const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
  const { createUser } = await import("@/scripts/fixtures/test-fixtures");
  const user = await createUser(db);
  const { connection } = await linkSandboxBank(h, { userId: user.id, syncMode: "FULL", importNow: false });
  return { user, connection };
}

/** What the banks page and "Sync now" show for the latest run, in both languages. */
async function shown(user: { id: string }, connectionId: string) {
  const { getSyncStatus } = await import("@/lib/data/sync");
  const { isRetrying } = await import("@/components/sync/sync-text");
  const dto = (await getSyncStatus(user as never, [connectionId]))[connectionId]!;
  const texts = (["en", "de"] as const).map((locale) => {
    const m = messages(locale);
    const reason = runReason(m.sync, dto, { t: m.syncRetry, locale });
    if (isRetrying(dto)) return m.syncRetry.waiting(reason);
    return dto.status === "SUCCEEDED" ? m.sync.done(runSummary(m.sync, dto)) : m.sync.failed(reason);
  });
  return { dto, texts };
}

describe("a hanging bank service", () => {
  it("fails the run within its budget over all attempts and says when Saldo retries", async () => {
    const { user, connection } = await link();
    const { enqueueSync } = await import("./enqueue-sync.ts");
    const { runSync } = await import("./run-sync.ts");
    const { nextScheduledSync } = await import("./next-scheduled-sync.ts");
    // Every call hangs until the client's 1.5 s timeout.
    await h.fault({ scope: { connectionId: connection.xs2aId }, kind: "timeout", count: 500 });
    const { runId } = await enqueueSync({ connectionId: connection.id, userId: user.id, trigger: "MANUAL" });
    const maxRunMs = 12_000;
    const started = Date.now();
    let attempt = 1;
    let result = await runSync({ runId, attempt, maxRunMs, pollIntervalMs: 50 });
    let sawRetry = false;
    while (result.outcome === "retry") {
      // Between attempts the user reads that the bank did not answer and when the next try is.
      const { dto, texts } = await shown(user, connection.id);
      expect(dto).toMatchObject({ status: "QUEUED", errorCode: "xs2a_retrying" });
      expect(new Date(dto.retryAt!).getTime()).toBeGreaterThan(Date.now());
      expect(texts[0]).toMatch(/^Sync not finished yet: the bank service did not answer; we will retry at .+\.$/);
      expect(texts[1]).toMatch(/Bankdienst hat nicht geantwortet; neuer Versuch um/);
      sawRetry = true;
      await new Promise((r) => setTimeout(r, result.outcome === "retry" ? result.delayMs : 0));
      result = await runSync({ runId, attempt: ++attempt, maxRunMs, pollIntervalMs: 50 });
    }
    const tookMs = Date.now() - started;
    expect(sawRetry).toBe(true);
    expect(result).toMatchObject({ outcome: "done", status: "FAILED" });
    // The budget, plus at most one client timeout (1.5 s) and bookkeeping.
    expect(tookMs).toBeLessThan(maxRunMs + 3_000);
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(["xs2a_unavailable", "xs2a_no_answer"]).toContain(run.errorCode);
    // Tried again at the next automatic refresh (a `full` bank refreshes daily).
    const { now } = await import("@/lib/clock");
    expect(run.retryAt?.toISOString()).toBe(nextScheduledSync(await now()).toISOString());
    const { texts } = await shown(user, connection.id);
    expect(texts[0]).toMatch(/^Sync did not complete: the bank service did not answer; we will retry at .+\.$/);
    expect(texts[1]).toMatch(
      /^Aktualisierung nicht abgeschlossen: der Bankdienst hat nicht geantwortet; neuer Versuch um/,
    );
    for (const t of texts) expect(t).not.toMatch(/nothing new|nichts Neues/);
    // Nothing was written.
    expect(await db.transaction.count({ where: { account: { connectionId: connection.id } } })).toBe(0);
  });

  it("gives up on a single call that outlives the budget", async () => {
    const { user, connection } = await link();
    const { enqueueSync } = await import("./enqueue-sync.ts");
    const { runSync } = await import("./run-sync.ts");
    await h.fault({ scope: { connectionId: connection.xs2aId }, kind: "timeout", count: 500 });
    const { runId } = await enqueueSync({ connectionId: connection.id, userId: user.id, trigger: "MANUAL" });
    const started = Date.now();
    const result = await runSync({ runId, maxRunMs: 600, pollIntervalMs: 50 });
    expect(Date.now() - started).toBeLessThan(1_400);
    expect(result).toMatchObject({ outcome: "done", status: "FAILED" });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "FAILED",
      errorCode: "xs2a_no_answer",
      retryAt: expect.any(Date),
    });
    const { texts } = await shown(user, connection.id);
    expect(texts[0]).toMatch(/the bank service did not answer; we will retry at/);
  });
});

/**
 * The sync engine on PostgreSQL against the XS2A sandbox over HTTP: each sync mode, idempotent
 * re-imports, pending → booked, identical items, overlapping windows, one run for twenty clicks,
 * XS2A faults and counted failures, expired consent, and re-linking a disabled bank.
 */
import type PgBoss from "pg-boss";
import type { Viewer } from "@/lib/auth/viewer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkSandboxBank, startHarness, finishWizard, type Harness } from "../../scripts/fixtures/sync-test-harness.ts";

let h: Harness;
let db: typeof import("@/lib/db").db;
let runSync: typeof import("./run-sync.ts").runSync;
let requestSync: typeof import("../connections/request-sync.ts").requestSync;
let enqueueSync: typeof import("./enqueue-sync.ts").enqueueSync;
let MAX_ATTEMPTS: number;
let createUser: typeof import("../../scripts/fixtures/test-fixtures.ts").createUser;
let boss: PgBoss;

beforeAll(async () => {
  h = await startHarness();
  ({ db } = await import("@/lib/db"));
  ({ runSync } = await import("./run-sync.ts"));
  ({ MAX_ATTEMPTS } = await import("./retry-policy.ts"));
  ({ requestSync } = await import("../connections/request-sync.ts"));
  ({ enqueueSync } = await import("./enqueue-sync.ts"));
  ({ createUser } = await import("../../scripts/fixtures/test-fixtures.ts"));
  boss = await (await import("@/lib/jobs/define-job")).producerBoss();
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await db?.$disconnect();
  await h?.close();
});

async function link(syncMode: "FULL" | "SHARED" | "NONE", bankCode?: string) {
  const user = await createUser(db);
  const { connection, run } = await linkSandboxBank(h, { userId: user.id, syncMode, bankCode });
  expect(run?.status).toBe("SUCCEEDED");
  return { user, connection };
}

/** Queues a manual run (as "sync now" does) and executes it the way the worker would. */
async function syncNow(viewer: Viewer, connectionId: string, opts: { attempt?: number } = {}) {
  const r = await requestSync({ viewer, input: { connectionId } });
  if (r.kind !== "queued") throw new Error(`expected a queued run, got ${r.kind}`);
  return runSync({ runId: r.runId, attempt: opts.attempt, pollIntervalMs: 50, pollAttempts: 40 });
}

/**
 * Handles the queued sync job of a run as a worker would (its payload, as queued, through the
 * queue's handler); returns the run's status afterwards.
 */
async function handleQueuedJob(runId: string) {
  const [job] = await db.$queryRaw<{ id: string; data: unknown }[]>`
    SELECT id::text, data FROM pgboss.job WHERE name = 'sync-connection' AND data->>'runId' = ${runId} AND state = 'created'`;
  expect(job, "a queued sync job for the run").toBeTruthy();
  const { syncConnectionJob } = await import("./sync-queue.ts");
  await syncConnectionJob.handle(syncConnectionJob.payload.parse(job!.data), { boss, jobId: job!.id });
  return (await db.syncRun.findUniqueOrThrow({ where: { id: runId } })).status;
}

/** Every stored row of a connection, as comparable text (identity, status, amount, date). */
async function snapshot(connectionId: string) {
  const rows = await db.transaction.findMany({
    where: { account: { connectionId } },
    orderBy: [{ accountId: "asc" }, { identity: "asc" }],
    select: { accountId: true, identity: true, status: true, amount: true, bookingDate: true, purpose: true },
  });
  return rows.map(
    (r) =>
      `${r.accountId}|${r.identity}|${r.status}|${r.amount.toFixed(2)}|${r.bookingDate.toISOString().slice(0, 10)}|${r.purpose}`,
  );
}

/** What XS2A holds now for the connection's accounts: booked and pending counts. */
async function remoteCounts(userId: string, xs2aId: string) {
  const { withUserApi } = await import("@/lib/bank-gateway/user-api");
  const { listAll } = await import("@/lib/xs2a");
  return withUserApi(userId, async (api) => {
    const accounts = await listAll((page) => api.connections.accounts(xs2aId, { page, perPage: 100 }));
    let booked = 0;
    let pending = 0;
    for (const a of accounts) {
      const t = await api.accounts.turnovers(a.id, {});
      booked += t.turnovers.filter((x) => !x.prebooked).length;
      pending += t.turnovers.filter((x) => x.prebooked).length;
    }
    return { booked, pending };
  });
}

async function localCounts(connectionId: string) {
  const where = { account: { connectionId } };
  return {
    booked: await db.transaction.count({ where: { ...where, status: { in: ["BOOKED", "CANCELED"] } } }),
    pending: await db.transaction.count({ where: { ...where, status: "PENDING" } }),
  };
}

describe("sync now", () => {
  it("full: asks XS2A to sync, follows last_synced, imports; the same window again writes 0 rows", async () => {
    const { user, connection } = await link("FULL");
    const before = await snapshot(connection.id);
    const calls = h.syncCalls();
    const r = await syncNow(user, connection.id);
    expect(r).toMatchObject({ outcome: "done", status: "SUCCEEDED" });
    expect(h.syncCalls() - calls).toBe(1);
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run).toMatchObject({ trigger: "MANUAL", status: "SUCCEEDED", added: 0, updated: 0, removed: 0 });
    expect(run.finishedAt).not.toBeNull();
    expect(await snapshot(connection.id)).toEqual(before);
  });

  it("pending items book, identical coffees stay two, and overlapping windows add nothing", async () => {
    const { user, connection } = await link("FULL");
    const coffees = () =>
      db.transaction.count({
        where: { account: { connectionId: connection.id }, purpose: { contains: "Balzac" }, amount: "-3.40" },
      });
    expect(await coffees()).toBe(2);
    // Card payments are pending for a day or two; the sandbox shows none timed after the sync moment,
    // so how many are pending at one sync depends on the time of day: count them over four syncs.
    let pendingSeen = (await localCounts(connection.id)).pending;
    expect(await localCounts(connection.id)).toEqual(await remoteCounts(user.id, connection.xs2aId!));
    // Several days pass at the bank: card payments book (some re-worded or a day later), new ones come.
    for (let day = 0; day < 3; day++) {
      await h.control("clock/advance", { days: 1 });
      const r = await syncNow(user, connection.id);
      expect(r).toMatchObject({ outcome: "done", status: "SUCCEEDED" });
      const local = await localCounts(connection.id);
      expect(local).toEqual(await remoteCounts(user.id, connection.xs2aId!));
      pendingSeen += local.pending;
    }
    expect(pendingSeen).toBeGreaterThan(0);
    expect(await coffees()).toBe(2);
    const again = await syncNow(user, connection.id);
    expect(again).toMatchObject({ status: "SUCCEEDED" });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: again.runId } })).toMatchObject({
      added: 0,
      updated: 0,
      removed: 0,
    });
  });

  it("shared: syncs with the decrypted half", async () => {
    const { user, connection } = await link("SHARED");
    expect(connection.credentialsCiphertext).toBeTruthy();
    const calls = h.syncCalls();
    const r = await syncNow(user, connection.id);
    expect(r).toMatchObject({ status: "SUCCEEDED" });
    expect(h.syncCalls() - calls).toBe(1);
    expect(await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({
      syncFailCounter: 0,
      syncActive: true,
    });
  });

  it("none: the 202 becomes a wizard session for the owner (purpose SYNC); its finish imports", async () => {
    const { user, connection } = await link("NONE");
    const r = await requestSync({ viewer: user, input: { connectionId: connection.id } });
    expect(r.kind).toBe("wizard");
    const wizard = await db.wizardSession.findUniqueOrThrow({ where: { id: r.kind === "wizard" ? r.wizardId : "" } });
    expect(wizard).toMatchObject({ userId: user.id, connectionId: connection.id, purpose: "SYNC", status: "OPEN" });
    await finishWizard(h, wizard.key);
    const { completeWizard } = await import("@/lib/wizard/complete-wizard");
    const done = await completeWizard({ viewer: user, input: { wizardId: wizard.id } });
    expect(done).toMatchObject({ connectionId: connection.id });
    // The finish queued an import (trigger MANUAL); the worker's handling of that job imports.
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: done.runId! } })).toMatchObject({
      trigger: "MANUAL",
      status: "QUEUED",
    });
    expect(await handleQueuedJob(done.runId!)).toBe("SUCCEEDED");
    // Someone else's id looks like an unknown one.
    const other = await createUser(db);
    await expect(requestSync({ viewer: other, input: { connectionId: connection.id } })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("20 parallel clicks make one run and one XS2A sync call", async () => {
    const { user, connection } = await link("FULL");
    const calls = h.syncCalls();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => requestSync({ viewer: user, input: { connectionId: connection.id } })),
    );
    const runIds = new Set(results.map((r) => (r.kind === "queued" ? r.runId : "wizard")));
    expect(runIds.size).toBe(1);
    expect(await db.syncRun.count({ where: { connectionId: connection.id, trigger: "MANUAL" } })).toBe(1);
    const jobs = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM pgboss.job WHERE name = 'sync-connection' AND singleton_key = ${connection.id}`;
    expect(Number(jobs[0]!.n)).toBe(1);
    // Two workers picking the same run at once: one claims it, the other is told it is busy or done.
    const [runId] = [...runIds];
    const both = await Promise.all([
      runSync({ runId: runId!, pollIntervalMs: 50 }),
      runSync({ runId: runId!, pollIntervalMs: 50 }),
    ]);
    expect(both.map((b) => b.outcome).sort()).toEqual(expect.arrayContaining(["done"]));
    expect(h.syncCalls() - calls).toBe(1);
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: runId! } })).toMatchObject({ status: "SUCCEEDED" });
  });

  it("rate-limits new runs with a clear code and the wait", async () => {
    const { user, connection } = await link("FULL");
    const { SYNC_NOW_LIMIT } = await import("../connections/request-sync.ts");
    for (let i = 0; i < SYNC_NOW_LIMIT; i++) await syncNow(user, connection.id);
    await expect(requestSync({ viewer: user, input: { connectionId: connection.id } })).rejects.toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: expect.any(Number),
    });
  });
});

describe("after the import", () => {
  it("contract detection follows a sync that wrote, or a new day; a sync with nothing new re-reads nothing", async () => {
    const { user, connection } = await link("FULL");
    const { today } = await import("@/lib/clock");
    const day = await today();
    const yesterday = new Date(new Date(`${day}T00:00:00Z`).getTime() - 86_400_000);
    const detections = async () => {
      const [row] = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pgboss.job
        WHERE name = 'detect-contracts' AND singleton_key = ${user.id} AND state = 'created'`;
      return row!.n;
    };
    const forget = () =>
      db.$executeRaw`DELETE FROM pgboss.job WHERE name = 'detect-contracts' AND singleton_key = ${user.id}`;
    const syncViaQueue = async () => {
      const r = await requestSync({ viewer: user, input: { connectionId: connection.id } });
      if (r.kind !== "queued") throw new Error(`expected a queued run, got ${r.kind}`);
      expect(await handleQueuedJob(r.runId)).toBe("SUCCEEDED");
      // Handled here, not by pg-boss: the job stays queued unless it is taken out.
      await db.$executeRaw`DELETE FROM pgboss.job WHERE name = 'sync-connection' AND singleton_key = ${connection.id}`;
      return db.syncRun.findUniqueOrThrow({ where: { id: r.runId } });
    };
    const d = new Date(`${day}T00:00:00Z`);
    const contract = await db.contract.create({
      data: {
        userId: user.id,
        key: "test:detected-today",
        direction: "out",
        detectedName: "Test GmbH",
        cadence: "MONTHLY",
        amountMin: -10,
        amountMax: -10,
        typicalAmount: -10,
        lastAmount: -10,
        firstDate: d,
        lastDate: d,
        nextDate: d,
        detectedAt: d,
      },
    });
    await forget();

    const quiet = await syncViaQueue();
    expect(quiet).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(await detections(), "nothing written, detected today: no detection").toBe(0);

    await db.contract.update({ where: { id: contract.id }, data: { detectedAt: yesterday } });
    const nextDay = await syncViaQueue();
    expect(nextDay).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(await detections(), "nothing written, but last detected yesterday: detection runs").toBe(1);

    await forget();
    await db.contract.update({ where: { id: contract.id }, data: { detectedAt: d } });
    const gone = await db.transaction.findFirstOrThrow({
      where: { account: { connectionId: connection.id }, status: "BOOKED" },
      orderBy: { bookingDate: "desc" },
    });
    await db.transaction.delete({ where: { id: gone.id } });
    const wrote = await syncViaQueue();
    expect(wrote.added).toBe(1);
    expect(await detections(), "a sync that wrote: detection runs").toBe(1);
  });
});

describe("faults and failures", () => {
  async function queued(userId: string, connectionId: string) {
    return (await enqueueSync({ connectionId, userId, trigger: "MANUAL", triggeredBy: userId })).runId;
  }

  it.each([
    ["500", { kind: "500" }],
    ["timeout", { kind: "timeout" }],
  ])("%s: retried by the queue with nothing written; failed once the attempts are used", async (_name, fault) => {
    const { user, connection } = await link("FULL");
    const before = await snapshot(connection.id);
    await h.fault({ scope: { connectionId: connection.xs2aId }, ...fault, count: 50 });
    const runId = await queued(user.id, connection.id);
    const first = await runSync({ runId, attempt: 1, pollIntervalMs: 50 });
    expect(first.outcome).toBe("retry");
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "QUEUED",
      errorCode: "xs2a_retrying",
    });
    const last = await runSync({ runId, attempt: MAX_ATTEMPTS, pollIntervalMs: 50 });
    expect(last).toMatchObject({ outcome: "done", status: "FAILED" });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "FAILED",
      errorCode: "xs2a_unavailable",
    });
    expect(await snapshot(connection.id)).toEqual(before);
    await fetch(`${h.server.url}/__sandbox/faults`, {
      method: "DELETE",
      headers: { authorization: "Basic " + Buffer.from("api:sync-int-test-key").toString("base64") },
    });
  });

  it("429 with Retry-After: the retry waits at least that long", async () => {
    const { user, connection } = await link("FULL");
    await h.fault({ scope: { connectionId: connection.xs2aId }, kind: "429", retryAfterSeconds: 45, count: 50 });
    const runId = await queued(user.id, connection.id);
    const r = await runSync({ runId, pollIntervalMs: 50 });
    expect(r.outcome).toBe("retry");
    expect(r.outcome === "retry" && r.delayMs).toBeGreaterThanOrEqual(45_000);
    await fetch(`${h.server.url}/__sandbox/faults`, {
      method: "DELETE",
      headers: { authorization: "Basic " + Buffer.from("api:sync-int-test-key").toString("base64") },
    });
  });

  it("malformed body while reading: the run fails, nothing partial is written", async () => {
    const { user, connection } = await link("FULL");
    const before = await snapshot(connection.id);
    const accounts = await db.bankAccount.findMany({ where: { connectionId: connection.id } });
    await h.fault({ scope: { connectionId: connection.xs2aId }, kind: "malformed", count: 50 });
    const { importNow } = await import("@/lib/sync/import-now");
    const run = await importNow({ connectionId: connection.id, trigger: "MANUAL", triggeredBy: user.id });
    expect(run).toMatchObject({ status: "FAILED", errorCode: "xs2a_malformed_response" });
    expect(await snapshot(connection.id)).toEqual(before);
    expect(await db.bankAccount.findMany({ where: { connectionId: connection.id } })).toEqual(accounts);
    await fetch(`${h.server.url}/__sandbox/faults`, {
      method: "DELETE",
      headers: { authorization: "Basic " + Buffer.from("api:sync-int-test-key").toString("base64") },
    });
  });

  it("a sync XS2A counts as failed is never retried; the fallen-back bank then needs the login", async () => {
    const { user, connection } = await link("FULL");
    await h.control(`connections/${connection.xs2aId}/fail-next-sync`, { count: 1 });
    const calls = h.syncCalls();
    const r = await syncNow(user, connection.id);
    expect(r).toMatchObject({ outcome: "done", status: "FAILED" });
    expect(h.syncCalls() - calls).toBe(1);
    const row = await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row).toMatchObject({ syncFailCounter: 1, xs2aSyncMode: "NONE" });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: r.runId } })).toMatchObject({ errorCode: "sync_failed" });
    // The next "sync now" opens the bank login instead of trying again in the background.
    const next = await requestSync({ viewer: user, input: { connectionId: connection.id } });
    expect(next.kind).toBe("wizard");
    expect(h.syncCalls() - calls).toBe(2); // the 202 that handed out the wizard session
    expect((await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } })).syncFailCounter).toBe(1);
  });

  it("shared: a rejected half (422, counted) fails the run without a retry", async () => {
    const { user, connection } = await link("SHARED");
    const { encryptCredentialHalf } = await import("@/lib/bank-gateway/credentials");
    await db.bankConnection.update({
      where: { id: connection.id },
      data: { credentialsCiphertext: encryptCredentialHalf("not-the-half", connection) },
    });
    const r = await syncNow(user, connection.id);
    expect(r).toMatchObject({ outcome: "done", status: "FAILED" });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: r.runId } })).toMatchObject({ errorCode: "sync_failed" });
    expect((await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } })).syncFailCounter).toBe(1);
  });

  it("an expired consent is explained, never synced", async () => {
    const { user, connection } = await link("FULL");
    await h.control(`connections/${connection.xs2aId}/expire-consent`, {});
    const { withUserApi } = await import("@/lib/bank-gateway/user-api");
    const { applyXs2aConnection } = await import("@/lib/bank-gateway/apply-connection");
    await applyXs2aConnection(
      connection.id,
      await withUserApi(user.id, (api) => api.connections.get(connection.xs2aId!)),
    );
    await expect(requestSync({ viewer: user, input: { connectionId: connection.id } })).rejects.toMatchObject({
      code: "consent_expired",
    });
    const calls = h.syncCalls();
    const runId = (
      await enqueueSync({ connectionId: connection.id, userId: user.id, trigger: "SCHEDULED", triggeredBy: "schedule" })
    ).runId;
    expect(await runSync({ runId })).toMatchObject({ status: "NEEDS_USER" });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      errorCode: "consent_expired",
    });
    expect(h.syncCalls()).toBe(calls);
  });

  it("three failures disable the bank; re-link keeps its accounts and history and retires the old row", async () => {
    // `shared` stays `shared` after a failure, so three manual syncs can fail in a row.
    const { user, connection } = await link("SHARED");
    const txBefore = await db.transaction.count({ where: { userId: user.id } });
    const accountsBefore = (
      await db.bankAccount.findMany({ where: { connectionId: connection.id }, select: { id: true, iban: true } })
    )
      .map((a) => a.id)
      .sort();
    await h.control(`connections/${connection.xs2aId}/fail-next-sync`, { count: 3 });
    for (let i = 1; i <= 2; i++) {
      const failed = await syncNow(user, connection.id);
      expect(await db.syncRun.findUniqueOrThrow({ where: { id: failed.runId } })).toMatchObject({
        status: "FAILED",
        errorCode: "sync_failed",
      });
    }
    const r = await syncNow(user, connection.id);
    const calls = h.syncCalls();
    expect(r).toMatchObject({ status: "FAILED" });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: r.runId } })).toMatchObject({
      errorCode: "connection_disabled",
    });
    expect(await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({
      status: "DISABLED",
      syncFailCounter: 3,
    });
    await expect(requestSync({ viewer: user, input: { connectionId: connection.id } })).rejects.toMatchObject({
      code: "connection_disabled",
    });
    expect(h.syncCalls()).toBe(calls);

    const { startRelink } = await import("../wizard/start-relink.ts");
    const { completeWizard } = await import("@/lib/wizard/complete-wizard");
    // A re-link the user aborts leaves nothing half-made, and the disabled bank as it was.
    const { abortWizard } = await import("@/lib/wizard/abort-wizard");
    const aborted = await startRelink({ viewer: user, locale: "en", input: { connectionId: connection.id } });
    const abortedRow = (await db.wizardSession.findUniqueOrThrow({ where: { id: aborted.wizardId } })).connectionId!;
    await abortWizard({ viewer: user, input: { wizardId: aborted.wizardId, reason: "aborted" } });
    expect(await db.bankConnection.findUnique({ where: { id: abortedRow } })).toBeNull();
    expect(await db.bankConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({
      status: "DISABLED",
    });

    const { wizardId } = await startRelink({ viewer: user, locale: "en", input: { connectionId: connection.id } });
    const wizard = await db.wizardSession.findUniqueOrThrow({ where: { id: wizardId } });
    expect(wizard.purpose).toBe("RELINK");
    const half = await finishWizard(h, wizard.key);
    const done = await completeWizard({ viewer: user, input: { wizardId, credentials: half } });
    expect(done.connectionId).not.toBe(connection.id);
    // The old row goes once the re-link's queued import has matched its accounts.
    expect(await db.bankConnection.findUnique({ where: { id: connection.id } })).not.toBeNull();
    expect(await handleQueuedJob(done.runId!)).toBe("SUCCEEDED");
    expect(await db.bankConnection.findUnique({ where: { id: connection.id } })).toBeNull();
    const accountsAfter = (await db.bankAccount.findMany({ where: { connectionId: done.connectionId } }))
      .map((a) => a.id)
      .sort();
    expect(accountsAfter).toEqual(accountsBefore);
    expect(await db.transaction.count({ where: { userId: user.id } })).toBeGreaterThanOrEqual(txBefore);
    expect(await db.syncRun.count({ where: { connectionId: done.connectionId } })).toBeGreaterThanOrEqual(3);
    expect(await db.bankConnection.findUniqueOrThrow({ where: { id: done.connectionId } })).toMatchObject({
      status: "ACTIVE",
      syncFailCounter: 0,
    });
  });
});

describe("schedule and reaper", () => {
  it("links and re-links left unfinished for a day are removed here and at XS2A; recent ones and the old bank stay", async () => {
    const user = await createUser(db);
    const { startLink } = await import("@/lib/wizard/start-link");
    const { reapAbandonedLinks, ABANDONED_LINK_AFTER_MS } = await import("@/lib/wizard/reap-abandoned-wizards");
    const { withUserApi } = await import("@/lib/bank-gateway/user-api");
    const old = await startLink({ viewer: user, locale: "en", input: { syncMode: "FULL" } });
    const fresh = await startLink({ viewer: user, locale: "en", input: { syncMode: "FULL" } });
    const oldWizard = await db.wizardSession.findUniqueOrThrow({ where: { id: old.wizardId } });
    const freshWizard = await db.wizardSession.findUniqueOrThrow({ where: { id: fresh.wizardId } });
    // The reaper follows the app's clock (the sandbox's here, which earlier tests moved on).
    const appNow = await (await import("@/lib/clock")).now({ fresh: true });
    await db.bankConnection.update({
      where: { id: oldWizard.connectionId! },
      data: { createdAt: new Date(appNow.getTime() - ABANDONED_LINK_AFTER_MS - 60_000) },
    });
    await db.bankConnection.update({
      where: { id: freshWizard.connectionId! },
      data: { createdAt: new Date(appNow.getTime() - 60_000) },
    });
    const remoteBefore = await withUserApi(user.id, (api) => api.connections.get(oldWizard.transaction));
    expect(remoteBefore.id).toBeTruthy();

    expect((await reapAbandonedLinks()).abandoned).toBeGreaterThanOrEqual(1);
    expect(await db.bankConnection.findUnique({ where: { id: oldWizard.connectionId! } })).toBeNull();
    expect(await db.wizardSession.findUnique({ where: { id: oldWizard.id } })).toBeNull(); // cascades with its connection
    await expect(withUserApi(user.id, (api) => api.connections.get(oldWizard.transaction))).rejects.toMatchObject({
      kind: "not_found",
    });
    expect(await db.bankConnection.findUniqueOrThrow({ where: { id: freshWizard.connectionId! } })).toMatchObject({
      status: "PENDING",
    });
    expect(await db.wizardSession.findUniqueOrThrow({ where: { id: freshWizard.id } })).toMatchObject({
      status: "OPEN",
    });
  });

  it("the daily run imports full banks without a bank call and syncs shared ones; none is skipped", async () => {
    const full = await link("FULL");
    const shared = await link("SHARED");
    const none = await link("NONE");
    const { scheduleDailySyncs } = await import("./schedule-daily-syncs.ts");
    await scheduleDailySyncs();
    const runs = await db.syncRun.findMany({
      where: {
        trigger: "SCHEDULED",
        status: "QUEUED",
        connectionId: { in: [full.connection.id, shared.connection.id, none.connection.id] },
      },
    });
    expect(runs.map((r) => r.connectionId).sort()).toEqual([full.connection.id, shared.connection.id].sort());
    const calls = h.syncCalls();
    const fullRun = runs.find((r) => r.connectionId === full.connection.id)!;
    expect(await runSync({ runId: fullRun.id })).toMatchObject({ status: "SUCCEEDED" });
    expect(h.syncCalls()).toBe(calls);
    const sharedRun = runs.find((r) => r.connectionId === shared.connection.id)!;
    expect(await runSync({ runId: sharedRun.id, pollIntervalMs: 50 })).toMatchObject({ status: "SUCCEEDED" });
    expect(h.syncCalls()).toBe(calls + 1);
  });

  it("stuck runs are reaped; a dead worker's run is taken over by the next claim", async () => {
    const { user, connection } = await link("FULL");
    const stuck = await db.syncRun.create({
      data: {
        connectionId: connection.id,
        userId: user.id,
        trigger: "MANUAL",
        status: "RUNNING",
        startedAt: new Date(Date.now() - 3_600_000),
        heartbeatAt: new Date(Date.now() - 3_600_000),
      },
    });
    const { reapStuckRuns } = await import("./reap-stuck-runs.ts");
    expect((await reapStuckRuns()).interrupted).toBeGreaterThanOrEqual(1);
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({
      status: "FAILED",
      errorCode: "interrupted",
    });

    const alive = await db.syncRun.create({
      data: {
        connectionId: connection.id,
        userId: user.id,
        trigger: "MANUAL",
        status: "RUNNING",
        startedAt: new Date(),
        heartbeatAt: new Date(),
      },
    });
    const waiting = await db.syncRun.create({
      data: { connectionId: connection.id, userId: user.id, trigger: "MANUAL", status: "QUEUED" },
    });
    expect(await runSync({ runId: waiting.id })).toMatchObject({ outcome: "busy" });
    await db.syncRun.update({ where: { id: alive.id }, data: { heartbeatAt: new Date(Date.now() - 600_000) } });
    expect(await runSync({ runId: waiting.id, pollIntervalMs: 50 })).toMatchObject({
      outcome: "done",
      status: "SUCCEEDED",
    });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: alive.id } })).toMatchObject({
      status: "FAILED",
      errorCode: "interrupted",
    });
  });
});

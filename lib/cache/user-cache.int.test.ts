import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { viewerForSession } from "@/lib/auth/viewer";
import { endSessions } from "@/lib/auth/sessions/end-sessions";
import { startSession } from "@/lib/auth/sessions/start-session";
import { listVisibleAccounts } from "@/lib/data/accounts";
import { getSyncStatus } from "@/lib/data/sync";
import { db } from "@/lib/db";
import { createAccount, createConnection, createUser } from "@/scripts/fixtures/test-fixtures";
import { cachedForUser, forgetUser, userCacheStats } from "./user-cache";

// The cache runs only inside the Next.js server; this test plays that process.
beforeAll(() => {
  process.env.NEXT_RUNTIME = "nodejs";
  process.env.SALDO_CLOCK = "system";
});
afterAll(async () => {
  delete process.env.NEXT_RUNTIME;
  await db.$disconnect();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The first calls only start the LISTEN connection (nothing is cached until it is up). */
async function listening() {
  await cachedForUser("warm-up", "x", [], async () => 1);
  await until(() => userCacheStats().listening, "the LISTEN connection");
}

async function viewerWithAccount(): Promise<Viewer> {
  const user = await createUser(db);
  const conn = await createConnection(db, user.id);
  await createAccount(db, user.id, conn.id, { iban: "DE62888888880012345678" });
  return { id: user.id, email: user.email, name: null, role: "USER", locale: "de" };
}

describe("per-user cache", () => {
  it("serves a user's data from memory until a committed change of that user's data, from any connection, drops it", async () => {
    await listening();
    const a = await viewerWithAccount();
    const b = await viewerWithAccount();
    const first = await listVisibleAccounts(a);
    const before = userCacheStats();
    const again = await listVisibleAccounts(a);
    expect(again).toBe(first); // the same object: no database read
    expect(userCacheStats().hits).toBe(before.hits + 1);
    expect(Object.isFrozen(again[0])).toBe(true);

    // Another user's data is theirs: B's read does not return A's cached accounts.
    const forB = await listVisibleAccounts(b);
    expect(forB).not.toBe(first);
    expect(forB.map((x) => x.id)).not.toEqual(first.map((x) => x.id));

    // A rename by another process (plain SQL here, like a worker's import) is seen once committed.
    await db.$executeRaw`UPDATE "BankAccount" SET description = 'Haushalt' WHERE "userId" = ${a.id}`;
    await until(async () => (await listVisibleAccounts(a))[0]!.name === "Haushalt", "the renamed account");
    // B's entry was not touched by A's change.
    expect(await listVisibleAccounts(b)).toBe(forB);
  });

  it("stores nothing from a read that a change overtook, and nothing of a rolled-back change is dropped", async () => {
    await listening();
    const a = await viewerWithAccount();
    await sleep(300); // the set-up's own notifications arrive first
    let calls = 0;
    const read = () =>
      cachedForUser(a.id, "probe", [], async () => {
        calls++;
        // A change of this user's data lands while the read runs.
        if (calls === 1) forgetUser(a.id);
        return { calls };
      });
    expect((await read()).calls).toBe(1);
    expect((await read()).calls).toBe(2); // the first result was not kept
    expect((await read()).calls).toBe(2); // the second was

    await db
      .$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "BankAccount" SET description = 'Nie' WHERE "userId" = ${a.id}`;
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await sleep(300);
    expect((await read()).calls).toBe(2); // still cached: a rolled-back change notifies nobody
  });

  it("while its LISTEN connection is lost it caches nothing, drops what it had, and comes back by itself", async () => {
    await listening();
    const a = await viewerWithAccount();
    await sleep(300);
    let calls = 0;
    const read = () => cachedForUser(a.id, "probe", [], async () => ++calls);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    // The database ends the LISTEN connection (a restart, a failover, an idle-connection killer).
    await db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN saldo_user_changed'`;
    await until(() => !userCacheStats().listening, "the lost connection to be noticed");
    expect(await read()).toBe(2); // the cached value is gone: a change may have been missed
    expect(await read()).toBe(3); // and nothing is cached meanwhile
    await until(() => userCacheStats().listening, "the LISTEN connection to come back", 10_000);
    expect(await read()).toBe(4);
    expect(await read()).toBe(4);
  });

  it("the session check asks the database once, and a sign-out everywhere ends the session on the next request", async () => {
    await listening();
    const user = await createUser(db);
    const { sessionId } = await startSession({ userId: user.id, userAgent: "test", ip: "127.0.0.1" });
    const claims = { uid: user.id, sv: user.sessionVersion, sid: sessionId };
    await sleep(300); // the new session's own notification arrives first
    expect((await viewerForSession(claims))?.id).toBe(user.id);
    const hits = userCacheStats().hits;
    expect((await viewerForSession(claims))?.id).toBe(user.id);
    expect(userCacheStats().hits).toBe(hits + 1);

    // From this process: dropped at once.
    await endSessions({ userId: user.id });
    expect(await viewerForSession(claims)).toBeNull();

    // From another process (plain SQL): a new session, then the version bump of "sign out everywhere".
    const second = await startSession({ userId: user.id, userAgent: "test", ip: "127.0.0.1" });
    const claims2 = { uid: user.id, sv: user.sessionVersion, sid: second.sessionId };
    expect((await viewerForSession(claims2))?.id).toBe(user.id);
    await db.$executeRaw`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE id = ${user.id}`;
    await until(async () => (await viewerForSession(claims2)) === null, "the signed-out session");
  });

  it("a sync-status poll that reports a run as just finished drops that user's cached pages, before any notification", async () => {
    await listening();
    const user = await createUser(db);
    const conn = await createConnection(db, user.id);
    await createAccount(db, user.id, conn.id, { iban: "DE62888888880012345678" });
    const a: Viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "de" };
    const finishedAt = new Date();
    await db.syncRun.create({
      data: { userId: a.id, connectionId: conn.id, trigger: "MANUAL", status: "SUCCEEDED", finishedAt },
    });
    await sleep(300); // the set-up's own notifications arrive first
    const cached = await listVisibleAccounts(a);
    expect(await listVisibleAccounts(a)).toBe(cached);

    // A minute after the finish the poll leaves the cache alone (nothing to catch up on) …
    const later = new Date(finishedAt.getTime() + 61_000);
    expect((await getSyncStatus(a, [conn.id], later))[conn.id]?.status).toBe("SUCCEEDED");
    expect(await listVisibleAccounts(a)).toBe(cached);
    // … right after it, the page loaded next reads the database (the run's writes may not have been heard yet).
    await getSyncStatus(a, [conn.id], new Date(finishedAt.getTime() + 2_000));
    const fresh = await listVisibleAccounts(a);
    expect(fresh).not.toBe(cached);
    expect(fresh).toEqual(cached);
  });
});

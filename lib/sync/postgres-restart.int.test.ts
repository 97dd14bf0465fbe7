/**
 * Catalogue 35: PostgreSQL restarted in the middle of a sync. The run runs on its own embedded
 * PostgreSQL (prisma/embedded-pg.mjs) so it can be stopped (fast shutdown: open transactions are
 * aborted, connections dropped) while an account's rows are being written, then started again.
 * Whatever the moment, the run fails or asks for a retry, nothing half-written stays, and the
 * retry ends with exactly the rows a clean run writes. PG_RESTARTS sets the number of rounds
 * (npm run test:stress runs more).
 */
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataDirFor, ensureDatabase, freePort, startEmbeddedPostgres } from "../../prisma/embedded-pg.mjs";
import type { Harness } from "@/scripts/fixtures/sync-test-harness";

const ROUNDS = Number(process.env.PG_RESTARTS ?? 2);
const VOLUME = Number(process.env.PG_RESTART_VOLUME ?? 800);

let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
let port: number;
let dataDir: string;
let h: Harness;
let db: typeof import("@/lib/db").db;

async function startPg() {
  pg = await startEmbeddedPostgres({ dataDir, port });
}

beforeAll(async () => {
  dataDir = dataDirFor(`restart-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  port = await freePort();
  await startPg();
  await ensureDatabase(pg.url("postgres"), "saldo_restart");
  const url = pg.url("saldo_restart");
  const migrated = spawnSync(process.execPath, ["prisma/db.mjs", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  if (migrated.status !== 0) throw new Error(`migrations failed: ${migrated.stderr}`);
  // Before anything reads lib/env: this file's database, not the suite's.
  process.env.DATABASE_URL = url;
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness({ timeoutMs: 5_000 });
  ({ db } = await import("@/lib/db"));
}, 180_000);

afterAll(async () => {
  await db?.$disconnect().catch(() => undefined);
  await h?.close();
  await pg?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Everything a run writes for a connection, without row ids. */
async function fingerprint(connectionId: string) {
  const accounts = await db.bankAccount.findMany({ where: { connectionId }, orderBy: { iban: "asc" } });
  const out: string[] = [];
  for (const a of accounts) {
    out.push(`A|${a.iban}|${a.balance?.toFixed(2)}|${a.available?.toFixed(2)}`);
    out.push(`S|${a.iban}|${await db.balanceSnapshot.count({ where: { accountId: a.id } })}`);
    const txs = await db.transaction.findMany({
      where: { accountId: a.id },
      orderBy: { identity: "asc" },
      select: { identity: true, status: true, amount: true, bookingDate: true },
    });
    for (const t of txs)
      out.push(
        `T|${a.iban}|${t.identity}|${t.status}|${t.amount.toFixed(2)}|${t.bookingDate.toISOString().slice(0, 10)}`,
      );
  }
  return out;
}

async function prepare() {
  const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
  const { createUser } = await import("@/scripts/fixtures/test-fixtures");
  const user = await createUser(db);
  const { connection } = await linkSandboxBank(h, {
    userId: user.id,
    syncMode: "FULL",
    userName: `volume-${VOLUME}`,
    importNow: false,
  });
  const run = await db.syncRun.create({
    data: { connectionId: connection.id, userId: user.id, trigger: "MANUAL", status: "QUEUED" },
  });
  return { connectionId: connection.id, runId: run.id };
}

/** Retries a database call while PostgreSQL comes back (the app's pool reconnects by itself). */
async function eventually<T>(fn: () => Promise<T>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe("PostgreSQL restarted mid-sync", () => {
  it("the interrupted run leaves nothing half-written and its retry equals a clean run", async () => {
    const { runSync } = await import("@/lib/sync/run-sync");
    const clean = await prepare();
    const t0 = Date.now();
    const cleanResult = await runSync({ runId: clean.runId, pollIntervalMs: 20 });
    const cleanMs = Date.now() - t0;
    expect(cleanResult).toMatchObject({ outcome: "done", status: "SUCCEEDED" });
    const expected = await fingerprint(clean.connectionId);
    expect(expected.filter((l) => l.startsWith("T|")).length).toBeGreaterThan(VOLUME);

    const report: string[] = [];
    let interrupted = 0;
    // Where each round stops PostgreSQL, by what the run has visibly reached (not by a delay, which
    // a warm second run outpaces): as soon as it is running (reading XS2A, nothing written yet), and
    // as soon as its first transactions are committed (writing the other accounts, finishing).
    const points: { name: string; reached: (connectionId: string, runId: string) => Promise<boolean> }[] = [
      {
        name: "running",
        reached: async (_c, runId) => (await db.syncRun.findUnique({ where: { id: runId } }))?.status === "RUNNING",
      },
      {
        name: "first rows written",
        reached: async (connectionId) => (await db.transaction.count({ where: { account: { connectionId } } })) > 0,
      },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      const { connectionId, runId } = await prepare();
      const point = points[round % points.length]!;
      let finished = false;
      const running = runSync({ runId, attempt: 1, pollIntervalMs: 20 }).then(
        (r) => ((finished = true), { ok: true as const, r }),
        (err: unknown) => ((finished = true), { ok: false as const, err }),
      );
      while (!finished && !(await point.reached(connectionId, runId))) await new Promise((r) => setTimeout(r, 5));
      const delay = point.name;
      await pg.stop();
      const first = await running;
      await startPg();

      // Nothing partial: either no rows for an account, or the account's full set (a committed transaction).
      const after = await eventually(() => fingerprint(connectionId));
      const accountsWithRows = new Set(after.filter((l) => l.startsWith("T|")).map((l) => l.split("|")[1]));
      for (const iban of accountsWithRows) {
        expect(
          after.filter((l) => l.startsWith(`T|${iban}|`)),
          `account ${iban} half-written`,
        ).toEqual(expected.filter((l) => l.startsWith(`T|${iban}|`)));
      }

      // The job's retry (pg-boss would run it again): same run, stale owner.
      const retried = await eventually(() => runSync({ runId, attempt: 2, pollIntervalMs: 20, staleAfterMs: 0 }));
      const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
      expect(run.status, `round ${round}: ${JSON.stringify(retried)}`).toBe("SUCCEEDED");
      expect(await fingerprint(connectionId)).toEqual(expected);
      interrupted += first.ok && first.r.outcome === "done" && first.r.status === "SUCCEEDED" ? 0 : 1;
      report.push(
        `restart when ${delay}: first attempt ${first.ok ? JSON.stringify(first.r) : "threw"}, retry ${retried.outcome}`,
      );
    }
    console.log(`clean run ${cleanMs} ms\n${report.join("\n")}`);
    // At least one restart hit a running sync (otherwise this proved nothing).
    expect(interrupted).toBeGreaterThan(0);
  }, 600_000);
});

/**
 * Key rotation on PostgreSQL (`npm run keys:rotate`): every secret written under the old key is
 * re-encrypted with the new one, in batches, resumably, while syncs run (they decrypt tokens and
 * credential halves meanwhile); afterwards the old key is removed and every secret still
 * decrypts, and a worker with only the new key syncs every bank.
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase } from "../../prisma/embedded-pg.mjs";
import { SANDBOX_KEY, type Harness } from "@/scripts/fixtures/sync-test-harness";
import { killWorkerProcesses, startWorkerProcess, until } from "@/scripts/fixtures/worker-process";

const OLD = { id: "old2025", key: crypto.randomBytes(32) };
const NEW = { id: "new2026", key: crypto.randomBytes(32) };
const spec = (...ks: { id: string; key: Buffer }[]) => ks.map((k) => `${k.id}:${k.key.toString("base64")}`).join(",");
const keyring = (...ks: { id: string; key: Buffer }[]) => ({
  current: ks[0]!,
  byId: new Map(ks.map((k) => [k.id, k.key])),
});

let h: Harness;
let db: typeof import("@/lib/db").db;
let boss: PgBoss;

beforeAll(async () => {
  // Its own database on the suite's server: a rotation covers every row, and other files' rows
  // were written under another key.
  const base = process.env.DATABASE_URL!.replace(/\/[^/]*$/, "");
  const name = `saldo_rotation_${process.pid}`;
  await ensureDatabase(`${base}/postgres`, name);
  process.env.DATABASE_URL = `${base}/${name}`;
  const migrated = spawnSync(process.execPath, ["prisma/db.mjs", "deploy"], { env: process.env, stdio: "pipe" });
  if (migrated.status !== 0) throw new Error(`migrations failed: ${migrated.stderr}`);
  // This process runs as the app does during a rotation: the new key first, the old one still listed.
  process.env.SALDO_ENCRYPTION_KEYS = spec(NEW, OLD);
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness({ timeoutMs: 5_000 });
  ({ db } = await import("@/lib/db"));
  boss = await (await import("@/lib/jobs/define-job")).producerBoss();
});

afterAll(async () => {
  killWorkerProcesses();
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await db?.$disconnect();
  await h?.close();
});

/** Every secret of these users, with its context. */
async function secrets(userIds: string[]) {
  const { tokenCtx } = await import("@/lib/bank-gateway/user-api");
  const { credentialHalfContext } = await import("@/lib/bank-gateway/credentials");
  const tokens = await db.xs2aBankUser.findMany({ where: { userId: { in: userIds } } });
  const halves = await db.bankConnection.findMany({
    where: { userId: { in: userIds }, credentialsCiphertext: { not: null } },
  });
  return [
    ...tokens.map((t) => ({ value: t.tokenCiphertext, ctx: tokenCtx(t.userId), id: t.id, kind: "token" as const })),
    ...halves.map((c) => ({
      value: c.credentialsCiphertext!,
      ctx: credentialHalfContext(c),
      id: c.id,
      kind: "half" as const,
    })),
  ];
}

describe("encryption key rotation", () => {
  it("re-encrypts every secret while syncs run; with the old key removed everything still works", async () => {
    const { createUser } = await import("@/scripts/fixtures/test-fixtures");
    const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
    const { decryptSecret, encryptSecret } = await import("@/lib/crypto");
    const { runSync } = await import("@/lib/sync/run-sync");
    const { rotateEncryptionKeys } = await import("@/lib/ops/rotate-encryption-keys");

    const users: string[] = [];
    const connections: string[] = [];
    for (const mode of ["SHARED", "SHARED", "FULL"] as const) {
      const user = await createUser(db);
      const { connection } = await linkSandboxBank(h, { userId: user.id, syncMode: mode, importNow: false });
      users.push(user.id);
      connections.push(connection.id);
    }
    // The installation before the rotation: every secret under the old key.
    const both = keyring(NEW, OLD);
    for (const s of await secrets(users)) {
      const old = encryptSecret(decryptSecret(s.value, s.ctx, both), s.ctx, keyring(OLD));
      if (s.kind === "token") await db.xs2aBankUser.update({ where: { id: s.id }, data: { tokenCiphertext: old } });
      else await db.bankConnection.update({ where: { id: s.id }, data: { credentialsCiphertext: old } });
    }
    const before = await secrets(users);
    expect(before).toHaveLength(5); // 3 tokens, 2 credential halves
    expect(before.every((s) => s.value.startsWith(`v1.${OLD.id}.`))).toBe(true);

    // Interrupted after one batch of two rows: some rows moved, the rest waits.
    const partial = await rotateEncryptionKeys({ batchSize: 2, maxBatches: 1 });
    expect(partial).toMatchObject({ rotated: 2, complete: false, failed: [] });

    // Resumed by the command line tool, in batches, while every bank syncs (tokens and halves decrypted meanwhile).
    const runs = await Promise.all(
      connections.map((connectionId, i) =>
        db.syncRun.create({ data: { connectionId, userId: users[i]!, trigger: "MANUAL", status: "QUEUED" } }),
      ),
    );
    const cli = new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "scripts/keys-rotate.ts"],
        {
          env: { ...process.env, SALDO_ENCRYPTION_KEYS: spec(NEW, OLD), KEYS_ROTATE_BATCH: "2" },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      child.stdout.on("data", (d) => (out += String(d)));
      child.stderr.on("data", (d) => (out += String(d)));
      child.on("exit", (code) => resolve({ code, out }));
    });
    const results = await Promise.all(runs.map((r) => runSync({ runId: r.id, pollIntervalMs: 50 })));
    const { code, out } = await cli;
    expect(code, out).toBe(0);
    expect(out).toMatch(/keys:rotate: \d+ re-encrypted, \d+ rewritten by the app meanwhile, 0 undecryptable/);
    for (const s of await secrets(users)) expect(out).not.toContain(decryptSecret(s.value, s.ctx, both));
    expect(results.map((r) => r.outcome === "done" && r.status)).toEqual(Array(3).fill("SUCCEEDED"));

    // Every secret under the new key; a second run finds nothing to do.
    const after = await secrets(users);
    expect(after.every((s) => s.value.startsWith(`v1.${NEW.id}.`))).toBe(true);
    expect(await rotateEncryptionKeys({ batchSize: 2 })).toEqual({
      rotated: 0,
      changedMeanwhile: 0,
      failed: [],
      complete: true,
    });

    // The old key removed: every secret decrypts to what it was, and a worker with only the new key syncs every bank.
    const onlyNew = keyring(NEW);
    for (const s of after) {
      const was = before.find((b) => b.id === s.id && b.kind === s.kind)!;
      expect(decryptSecret(s.value, s.ctx, onlyNew)).toBe(decryptSecret(was.value, was.ctx, keyring(OLD)));
    }
    const worker = startWorkerProcess({
      SALDO_ENCRYPTION_KEYS: spec(NEW),
      XS2A_API_URL: h.server.url,
      XS2A_API_KEY: SANDBOX_KEY,
      SALDO_CLOCK: "sandbox",
    });
    const { enqueueSync } = await import("@/lib/sync/enqueue-sync");
    const queued: string[] = [];
    for (const [i, connectionId] of connections.entries()) {
      const r = await enqueueSync({ connectionId, userId: users[i]!, trigger: "MANUAL", triggeredBy: users[i]! });
      queued.push(r.runId);
    }
    for (const runId of queued) {
      const done = await until(`run ${runId}`, () =>
        db.syncRun.findFirst({ where: { id: runId, status: { notIn: ["QUEUED", "RUNNING"] } } }),
      );
      expect(done.status, worker.output()).toBe("SUCCEEDED");
    }
    expect(worker.output()).not.toMatch(/DecryptError|unknown encryption key/);
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
  }, 240_000);
});

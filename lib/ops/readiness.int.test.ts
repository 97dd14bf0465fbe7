/** /api/health and /api/ready on PostgreSQL: ready when migrated with the queue installed; the answer says nothing more. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let boss: PgBoss;
beforeAll(async () => {
  process.env.LOG_LEVEL ??= "silent";
  boss = await (await import("@/lib/jobs/define-job")).producerBoss();
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await (await import("@/lib/db")).db.$disconnect();
});

describe("health and readiness", () => {
  it("/api/health answers without touching anything", async () => {
    const { GET } = await import("@/app/api/health/route");
    const res = GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/api/ready is 200 on a migrated database with the queue, with yes/no checks only", async () => {
    const { GET } = await import("@/app/api/ready/route");
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      status: "ready",
      checks: { database: true, migrations: true, queue: true },
    });
  });

  it("a migration the database lacks makes it not ready", async () => {
    const { checkReadiness } = await import("@/lib/ops/readiness");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "saldo-migrations-"));
    for (const d of fs.readdirSync("prisma/migrations", { withFileTypes: true }))
      if (d.isDirectory()) fs.mkdirSync(path.join(dir, d.name));
    fs.mkdirSync(path.join(dir, "29991231000000_not_applied"));
    try {
      const r = await checkReadiness({ migrationsDir: dir });
      expect(r).toEqual({ ready: false, checks: { database: true, migrations: false, queue: true } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * /api/metrics on PostgreSQL against the sandbox: behind METRICS_TOKEN, counts a real sync (from the
 * database and this process's XS2A requests), sign-in failures and lockouts, and names no user.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "@/scripts/fixtures/sync-test-harness";

const TOKEN = "metrics-test-token-0123456789";
let h: Harness;
let boss: PgBoss;

beforeAll(async () => {
  process.env.METRICS_TOKEN = TOKEN;
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness();
  boss = await (await import("@/lib/jobs/define-job")).producerBoss();
  await boss.createQueue("metrics-test-queue");
  await boss.send("metrics-test-queue", {});
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await (await import("@/lib/db")).db.$disconnect();
  await h?.close();
});

const scrape = async (authorization?: string) => {
  const { GET } = await import("@/app/api/metrics/route");
  return GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));
};

/** The value of one sample line, e.g. `saldo_sync_runs{trigger="LINK",status="SUCCEEDED"}`. */
const sample = (body: string, prefix: string) => {
  const line = body.split("\n").find((l) => l.startsWith(prefix));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : undefined;
};

describe("metrics", () => {
  it("refuses a missing or wrong token", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong-token-wrong-token")).status).toBe(401);
  });

  it("shows a sync, its XS2A requests, sign-in failures and lockouts, and no user", async () => {
    const { db } = await import("@/lib/db");
    const { createUser } = await import("@/scripts/fixtures/test-fixtures");
    const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
    const { authenticate } = await import("@/lib/auth/authenticate");
    const user = await createUser(db);
    const { run } = await linkSandboxBank(h, { userId: user.id, syncMode: "FULL" });
    expect(run?.status).toBe("SUCCEEDED");
    for (let i = 0; i < 6; i++) await authenticate({ email: user.email, password: "wrong", ip: "203.0.113.9" });

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const body = await res.text();
    expect(sample(body, 'saldo_sync_runs{trigger="LINK",status="SUCCEEDED"}')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'saldo_import_rows_written{kind="added"}')).toBeGreaterThan(0);
    expect(
      sample(body, 'saldo_xs2a_request_duration_seconds_count{endpoint="GET /v1/api/connections/:id",status="200"}'),
    ).toBeGreaterThan(0);
    expect(sample(body, 'saldo_sign_in_failures_total{reason="wrong_credentials"}')).toBeGreaterThanOrEqual(5);
    expect(sample(body, "saldo_sign_in_lockouts_total")).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'saldo_consents{state="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'saldo_queue_depth{queue="metrics-test-queue"}')).toBe(1);
    expect(sample(body, 'saldo_queue_oldest_job_age_seconds{queue="metrics-test-queue"}')).toBeGreaterThanOrEqual(0);
    expect(body).toContain("saldo_consent_reminder_emails_sent");
    // Nothing per user: no user id, email, connection or account id in any label.
    const account = await db.bankAccount.findFirstOrThrow({ where: { userId: user.id } });
    for (const id of [user.id, user.email, run!.connectionId, account.id, account.xs2aId])
      expect(body).not.toContain(id);
  });
});

describe("endpointTemplate", () => {
  it("keeps resource words and replaces ids", async () => {
    const { endpointTemplate } = await import("@/lib/metrics");
    expect(endpointTemplate("POST", "/v1/api/connections/abc123XYZ/sync")).toBe("POST /v1/api/connections/:id/sync");
    expect(endpointTemplate("GET", "/v1/api/accounts/a1b2/turnovers?from=2026-01-01")).toBe(
      "GET /v1/api/accounts/:id/turnovers",
    );
  });
});

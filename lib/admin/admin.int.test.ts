import { afterAll, describe, expect, it } from "vitest";
import { rerunImport } from "@/lib/admin/rerun-import";
import { setUserDisabled } from "@/lib/admin/set-user-disabled";
import { unsafeAdminOverview } from "@/lib/admin/unsafe-admin-overview";
import { unsafeBankHealth } from "@/lib/admin/unsafe-bank-health";
import { unsafeConsentCockpit } from "@/lib/admin/unsafe-consent-cockpit";
import { unsafeJobQueue } from "@/lib/admin/unsafe-job-queue";
import { unsafeListAuditEvents } from "@/lib/admin/unsafe-list-audit-events";
import { unsafeListConnections } from "@/lib/admin/unsafe-list-connections";
import { dismissQuarantinedTurnover } from "@/lib/admin/dismiss-quarantined-turnover";
import { unsafeListFailedRuns, unsafeListQuarantinedTurnovers } from "@/lib/admin/unsafe-list-failed-runs";
import { unsafeListUsers } from "@/lib/admin/unsafe-list-users";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { createAccount, createConnection, createUser } from "@/scripts/fixtures/test-fixtures";

afterAll(async () => {
  await db.$disconnect();
});

const CANARY = "CANARY-SECRET-123";

async function viewer(role: "USER" | "ADMIN"): Promise<Viewer> {
  const user = await createUser(db);
  if (role === "ADMIN") await db.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
  return { id: user.id, email: user.email, name: null, role, locale: null };
}

describe("admin reads and use cases check the role themselves", () => {
  it("answer not_found to a normal user and change nothing", async () => {
    const user = await viewer("USER");
    const target = await createUser(db);
    const connection = await createConnection(db, target.id);
    const calls: [string, () => Promise<unknown>][] = [
      ["users", () => unsafeListUsers({ admin: user })],
      ["connections", () => unsafeListConnections({ admin: user })],
      ["consents", () => unsafeConsentCockpit({ admin: user })],
      ["runs", () => unsafeListFailedRuns({ admin: user })],
      ["health", () => unsafeBankHealth({ admin: user })],
      ["jobs", () => unsafeJobQueue({ admin: user })],
      ["audit", () => unsafeListAuditEvents({ admin: user })],
      ["overview", () => unsafeAdminOverview({ admin: user })],
      ["disable", () => setUserDisabled({ admin: user, input: { userId: target.id, disabled: true } })],
      ["rerun", () => rerunImport({ admin: user, input: { connectionId: connection.id } })],
      ["quarantine", () => unsafeListQuarantinedTurnovers({ admin: user })],
      ["dismiss", () => dismissQuarantinedTurnover({ admin: user, input: { quarantineId: "any" } })],
    ];
    for (const [name, call] of calls) await expect(call(), name).rejects.toMatchObject({ code: "not_found" });
    expect(
      await db.user.findUnique({ where: { id: target.id }, select: { disabled: true, sessionVersion: true } }),
    ).toEqual({ disabled: false, sessionVersion: 0 });
    expect(await db.syncRun.count({ where: { connectionId: connection.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actorId: user.id } })).toBe(0);
  });
});

describe("setUserDisabled", () => {
  it("disables (ending every session) and enables a user, and audits both", async () => {
    const admin = await viewer("ADMIN");
    const target = await createUser(db);
    await setUserDisabled({ admin, input: { userId: target.id, disabled: true } });
    expect(
      await db.user.findUnique({ where: { id: target.id }, select: { disabled: true, sessionVersion: true } }),
    ).toEqual({ disabled: true, sessionVersion: 1 });
    await setUserDisabled({ admin, input: { userId: target.id, disabled: false } });
    expect(
      await db.user.findUnique({ where: { id: target.id }, select: { disabled: true, sessionVersion: true } }),
    ).toEqual({ disabled: false, sessionVersion: 1 });
    const actions = await db.auditEvent.findMany({
      where: { actorId: admin.id, targetId: target.id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["admin.user_disabled", "admin.user_enabled"]);
  });

  it("refuses to disable the admin themself and an unknown user", async () => {
    const admin = await viewer("ADMIN");
    await expect(setUserDisabled({ admin, input: { userId: admin.id, disabled: true } })).rejects.toMatchObject({
      code: "conflict",
      message: "cannot_disable_self",
    });
    await expect(setUserDisabled({ admin, input: { userId: "no-such-user", disabled: true } })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db.user.findUnique({ where: { id: admin.id }, select: { disabled: true } })).toEqual({
      disabled: false,
    });
  });
});

describe("admin reads", () => {
  it("list connections with masked IBANs and without any secret column", async () => {
    const admin = await viewer("ADMIN");
    const owner = await createUser(db);
    const connection = await createConnection(db, owner.id);
    const bankCode = String(Date.now()).slice(-8);
    await db.bankConnection.update({
      where: { id: connection.id },
      data: { bankCode, bankName: "Canarybank", credentialsCiphertext: `v1:k:${CANARY}`, syncFailCounter: 1 },
    });
    await db.xs2aBankUser.create({
      data: {
        userId: owner.id,
        xs2aUserId: `x-${owner.id}`,
        tokenId: "t",
        tokenCiphertext: `v1:k:${CANARY}`,
        tokenValidUntil: new Date(),
      },
    });
    await createAccount(db, owner.id, connection.id, { iban: "DE89370400440532013000" });

    const { connections, banks } = await unsafeListConnections({ admin, bankCode });
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({
      id: connection.id,
      userEmail: owner.email,
      state: "failing",
      accounts: [{ iban: "DE89 •••• •••• •••• 3000" }],
    });
    expect(banks.find((b) => b.bankCode === bankCode)).toMatchObject({ bankName: "Canarybank", count: 1 });
    const json = JSON.stringify(connections);
    expect(json).not.toContain(CANARY);
    expect(json).not.toContain("0532013000");
    expect((await unsafeListConnections({ admin, bankCode, state: "ok" })).connections).toHaveLength(0);
    expect(JSON.stringify(await unsafeListUsers({ admin, query: owner.email }))).not.toContain(CANARY);
  });

  it("searches the audit log by action prefix, actor and target, newest first", async () => {
    const admin = await viewer("ADMIN");
    const target = await createUser(db);
    await setUserDisabled({ admin, input: { userId: target.id, disabled: true } });
    await setUserDisabled({ admin, input: { userId: target.id, disabled: false } });
    const byPrefix = await unsafeListAuditEvents({
      admin,
      action: "admin.",
      actor: admin.email.toUpperCase(),
      target: target.id,
    });
    expect(byPrefix.events.map((e) => e.action)).toEqual(["admin.user_enabled", "admin.user_disabled"]);
    const exact = await unsafeListAuditEvents({ admin, action: "admin.user_disabled", target: target.id });
    expect(exact.total).toBe(1);
  });

  it("lists failed and partial runs with duration and request ids, and per-bank health", async () => {
    const admin = await viewer("ADMIN");
    const owner = await createUser(db);
    const connection = await createConnection(db, owner.id);
    const bankCode = `h${String(Date.now()).slice(-7)}`;
    await db.bankConnection.update({ where: { id: connection.id }, data: { bankCode, bankName: "Healthbank" } });
    const started = new Date(Date.now() - 60_000);
    const base = {
      userId: owner.id,
      connectionId: connection.id,
      trigger: "SCHEDULED" as const,
      startedAt: started,
      finishedAt: new Date(started.getTime() + 1500),
    };
    await db.syncRun.create({ data: { ...base, status: "SUCCEEDED" } });
    await db.syncRun.create({
      data: { ...base, status: "FAILED", errorCode: "xs2a_other", errorMessage: "bank down", requestIds: ["req-1"] },
    });
    const runs = (await unsafeListFailedRuns({ admin })).filter((r) => r.connectionId === connection.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: "FAILED",
      durationMs: 1500,
      requestIds: ["req-1"],
      errorMessage: "bank down",
      canRerun: true,
    });
    const health = (await unsafeBankHealth({ admin })).find((b) => b.bankCode === bankCode);
    expect(health).toMatchObject({
      finished: 2,
      succeeded: 1,
      failed: 1,
      successRate: 0.5,
      lastError: { message: "bank down" },
    });
  });
});

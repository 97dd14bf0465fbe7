/**
 * The quarantine on PostgreSQL, against the sandbox over HTTP: a turnover the import cannot store
 * is kept aside (raw item, reasons, account, connection, user, runs) while the rest of the account
 * imports; the user sees it in the sync history and admins on the sync-failures page; a later
 * import that brings its valid version imports it and resolves the row; re-running changes
 * nothing; an admin can dismiss a row. The sandbox control `extra-turnovers` makes the bank send
 * the odd items.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import type { Harness } from "@/scripts/fixtures/sync-test-harness";

let h: Harness;
let db: typeof import("@/lib/db").db;

beforeAll(async () => {
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness({ timeoutMs: 5000 });
  ({ db } = await import("@/lib/db"));
});

afterAll(async () => {
  await db?.$disconnect();
  await h?.close();
});

async function viewer(role: "USER" | "ADMIN" = "USER"): Promise<Viewer> {
  const { createUser } = await import("@/scripts/fixtures/test-fixtures");
  const user = await createUser(db);
  if (role === "ADMIN") await db.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
  return { id: user.id, email: user.email, name: null, role, locale: null };
}

/** Links a sandbox bank without importing; returns its sandbox accounts (giro first). */
async function linkBank(user: Viewer, bankCode = "88888888") {
  const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
  const { connection } = await linkSandboxBank(h, { userId: user.id, syncMode: "FULL", bankCode, importNow: false });
  const { withUserApi } = await import("@/lib/bank-gateway/user-api");
  const { listAll } = await import("@/lib/xs2a");
  const accounts = await withUserApi(user.id, (api) =>
    listAll((page) => api.connections.accounts(connection.xs2aId!, { page, perPage: 100 })),
  );
  return { connection, accounts: accounts.sort((a, b) => (a.type === "giro" ? -1 : b.type === "giro" ? 1 : 0)) };
}

/** What the sandbox sends for the account now (the raw JSON of its turnovers). */
async function sandboxTurnovers(user: Viewer, accountId: string) {
  const { withUserApi } = await import("@/lib/bank-gateway/user-api");
  return withUserApi(user.id, (api) => api.accounts.turnovers(accountId, {}));
}

const extra = (accountId: string, body: { key: string; turnover?: Record<string, unknown>; omit?: string[] }) =>
  h.control(`accounts/${accountId}/extra-turnovers`, body);

async function importNow(user: Viewer, connectionId: string) {
  const { importNow } = await import("@/lib/sync/import-now");
  return importNow({ connectionId, trigger: "MANUAL", triggeredBy: user.id });
}

const transactions = (connectionId: string) =>
  db.transaction.findMany({
    where: { account: { connectionId } },
    orderBy: [{ accountId: "asc" }, { identity: "asc" }],
    select: { accountId: true, identity: true, status: true, amount: true, bookingDate: true, purpose: true },
  });

const quarantine = (userId: string) =>
  db.quarantinedTurnover.findMany({ where: { userId }, orderBy: { firstSeenAt: "asc" } });

async function userView(user: Viewer, connectionId: string) {
  const { listQuarantinedItems, listSyncLogs } = await import("@/lib/data/sync");
  const [logs, items] = await Promise.all([
    listSyncLogs(user, [connectionId]),
    listQuarantinedItems(user, [connectionId]),
  ]);
  return { runs: logs[connectionId]!, items: items[connectionId]!.items, total: items[connectionId]!.total };
}

async function adminList(admin: Viewer) {
  const { unsafeListQuarantinedTurnovers } = await import("@/lib/admin/unsafe-list-failed-runs");
  return unsafeListQuarantinedTurnovers({ admin });
}

describe("one odd amount never sinks an account", () => {
  it("an off-grid amount is quarantined; every other turnover and the balance import; user and admin see it", async () => {
    const user = await viewer();
    const admin = await viewer("ADMIN");
    const { connection, accounts } = await linkBank(user);
    const giro = accounts[0]!;
    const valid = await sandboxTurnovers(user, giro.id);
    await extra(giro.id, { key: "odd", turnover: { amount: 12.345, purpose: ["Erstattung", "Ref 4711"] } });
    const sent = await sandboxTurnovers(user, giro.id);
    expect(sent.rejected).toHaveLength(1);

    const run = await importNow(user, connection.id);
    expect(run).toMatchObject({ status: "SUCCEEDED", errorCode: null, quarantined: 1 });
    expect(run.warnings).toEqual([
      expect.objectContaining({
        code: "quarantined",
        message: expect.stringContaining("amount: amount 12.345 has more than two decimals"),
      }),
    ]);

    // Every valid turnover of every account is stored, and the giro's balance too.
    const stored = await transactions(connection.id);
    const giroRow = await db.bankAccount.findFirstOrThrow({ where: { connectionId: connection.id, xs2aId: giro.id } });
    expect(stored.filter((t) => t.accountId === giroRow.id)).toHaveLength(valid.turnovers.length);
    expect(stored.some((t) => t.purpose.startsWith("Erstattung"))).toBe(false);
    const { withUserApi } = await import("@/lib/bank-gateway/user-api");
    const balance = await withUserApi(user.id, (api) => api.accounts.balance(giro.id));
    expect(giroRow.balance?.toFixed(2)).toBe(balance.balance!.decimal);

    // The odd item is kept as the bank sent it, with the specific reason, its account, connection, user and run.
    const [row, ...more] = await quarantine(user.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      status: "OPEN",
      accountId: giroRow.id,
      connectionId: connection.id,
      firstSeenRunId: run.id,
      lastSeenRunId: run.id,
      timesSeen: 1,
      reasons: [{ path: "amount", message: "amount 12.345 has more than two decimals" }],
    });
    expect(row!.raw).toEqual(sent.rejected[0]!.raw);
    expect(row!.raw).toMatchObject({ amount: 12.345, purpose: ["Erstattung", "Ref 4711"] });

    // The user's sync history: the run's count and the bank's own text.
    const view = await userView(user, connection.id);
    expect(view.runs[0]).toMatchObject({ id: run.id, status: "SUCCEEDED", quarantined: 1 });
    expect(view.total).toBe(1);
    expect(view.items).toEqual([
      expect.objectContaining({
        problem: "amount",
        amount: "12.345",
        currency: "EUR",
        counterparty: "Sandbox Test GmbH",
        purpose: "Erstattung Ref 4711",
        bookingDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
    ]);
    // …never another user's.
    const other = await viewer();
    const { listQuarantinedItems } = await import("@/lib/data/sync");
    expect((await listQuarantinedItems(other, [connection.id]))[connection.id]).toEqual({ total: 0, items: [] });

    // The admin list: the reason, the bank data, the runs.
    const listed = (await adminList(admin)).find((r) => r.id === row!.id);
    expect(listed).toMatchObject({
      userEmail: user.email,
      reasons: ["amount: amount 12.345 has more than two decimals"],
      firstSeenRunId: run.id,
      bankText: { amount: "12.345", purpose: "Erstattung Ref 4711" },
    });
    expect(listed!.accountIban).toMatch(/^DE\d\d •••• •••• •••• \d{4}$/);

    // Seen again: the same row (not a second one), still open.
    const again = await importNow(user, connection.id);
    expect(again).toMatchObject({ status: "SUCCEEDED", added: 0, updated: 0, removed: 0, quarantined: 1 });
    const rows = await quarantine(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "OPEN", firstSeenRunId: run.id, lastSeenRunId: again.id, timesSeen: 2 });
  });

  it("a float artefact (0.30000000000000004) is imported as 0.30, with one warning for the run", async () => {
    const user = await viewer();
    const { connection, accounts } = await linkBank(user);
    for (const a of accounts) await extra(a.id, { key: "float", turnover: { amount: 0.30000000000000004 } });
    const run = await importNow(user, connection.id);
    expect(run).toMatchObject({ status: "SUCCEEDED", quarantined: 0 });
    const rows = await db.transaction.findMany({
      where: { account: { connectionId: connection.id }, purpose: "Sandbox extra turnover float" },
      select: { amount: true },
    });
    expect(rows.map((r) => r.amount.toFixed(2))).toEqual(accounts.map(() => "0.30"));
    const warnings = run.warnings as { code: string; message: string }[];
    // Once per run, however many accounts had one.
    expect(warnings.filter((w) => w.code === "amount_rounded")).toEqual([
      {
        code: "amount_rounded",
        message: `${accounts.length} amounts were within 1e-9 of a cent and rounded to it (e.g. 0.30000000000000004 → 0.30)`,
      },
    ]);
    expect(await quarantine(user.id)).toEqual([]);
    // Re-importing the same artefact writes nothing.
    expect(await importNow(user, connection.id)).toMatchObject({ added: 0, updated: 0, removed: 0 });
  });
});

describe("a turnover without a booking date", () => {
  it.each([
    ["Testbank (no bank transaction ids)", "88888888"],
    ["Nordbank (bank transaction ids)", "99990002"],
  ])(
    "%s: quarantined, kept through later imports, imported and resolved when the bank sends it with a date; re-running changes nothing",
    async (_name, bankCode) => {
      const user = await viewer();
      const admin = await viewer("ADMIN");
      const { connection, accounts } = await linkBank(user, bankCode);
      const giro = accounts[0]!;
      const { today } = await import("@/lib/clock");
      const day0 = await today();
      await extra(giro.id, {
        key: "late",
        turnover: { amount: -42.5, purpose: ["Lastschrift Stadtwerke", "Abschlag"] },
        omit: ["booking_date"],
      });

      const first = await importNow(user, connection.id);
      expect(first).toMatchObject({ status: "SUCCEEDED", quarantined: 1 });
      const [row] = await quarantine(user.id);
      expect(row).toMatchObject({
        status: "OPEN",
        reasons: [{ path: "booking_date", message: "no booking date" }],
        // The first import read everything: so will the imports that look for it.
        retryFrom: null,
      });
      expect(row!.raw).not.toHaveProperty("booking_date");
      expect((await userView(user, connection.id)).items).toEqual([
        expect.objectContaining({ problem: "booking_date", bookingDate: null, amount: "-42.5" }),
      ]);
      expect((await adminList(admin)).map((r) => r.id)).toContain(row!.id);

      // 40 days on, imported again while the bank still sends it without a date: still one open row.
      await h.control("clock/advance", { days: 40 });
      const still = await importNow(user, connection.id);
      expect(still).toMatchObject({ status: "SUCCEEDED", quarantined: 1 });
      expect(await quarantine(user.id)).toEqual([
        expect.objectContaining({ id: row!.id, status: "OPEN", timesSeen: 2, lastSeenRunId: still.id }),
      ]);

      // The bank now sends the same turnover with its date, 40 days back: older than the regular
      // overlap window (30 days before the last import), so only the quarantine's wider read sees it.
      await extra(giro.id, {
        key: "late",
        turnover: { amount: -42.5, purpose: ["Lastschrift Stadtwerke", "Abschlag"], booking_date: day0 },
      });
      const before = await transactions(connection.id);
      const fixed = await importNow(user, connection.id);
      expect(fixed).toMatchObject({ status: "SUCCEEDED", quarantined: 0, added: 1, updated: 0, removed: 0 });
      const after = await transactions(connection.id);
      const imported = after.filter(
        (t) => !before.some((b) => b.identity === t.identity && b.accountId === t.accountId),
      );
      expect(imported).toEqual([
        expect.objectContaining({
          purpose: "Lastschrift Stadtwerke Abschlag",
          status: "BOOKED",
          bookingDate: new Date(`${day0}T00:00:00Z`),
        }),
      ]);
      expect(imported[0]!.amount.toFixed(2)).toBe("-42.50");
      expect(await quarantine(user.id)).toEqual([
        expect.objectContaining({
          id: row!.id,
          status: "RESOLVED",
          resolvedRunId: fixed.id,
          resolvedIdentity: imported[0]!.identity,
        }),
      ]);
      if (bankCode === "99990002") expect(imported[0]!.identity).toMatch(/^tx:SX[0-9A-F]{14}$/);
      expect((await userView(user, connection.id)).items).toEqual([]);
      expect((await adminList(admin)).map((r) => r.id)).not.toContain(row!.id);

      // Re-running changes nothing: no duplicate transaction, no second quarantine row.
      const rerun = await importNow(user, connection.id);
      expect(rerun).toMatchObject({ status: "SUCCEEDED", added: 0, updated: 0, removed: 0, quarantined: 0 });
      expect(await transactions(connection.id)).toEqual(after);
      expect(await quarantine(user.id)).toEqual([expect.objectContaining({ id: row!.id, status: "RESOLVED" })]);
    },
  );
});

describe("dismissing", () => {
  it("an admin dismisses an open row (audited); it stays kept, leaves the lists and is not reopened", async () => {
    const user = await viewer();
    const admin = await viewer("ADMIN");
    const { connection, accounts } = await linkBank(user);
    await extra(accounts[0]!.id, { key: "never", turnover: { currency: "€" } });
    await importNow(user, connection.id);
    const [row] = await quarantine(user.id);
    expect(row).toMatchObject({ status: "OPEN", reasons: [{ path: "currency" }] });
    expect((await userView(user, connection.id)).items).toHaveLength(1);

    const { dismissQuarantinedTurnover } = await import("@/lib/admin/dismiss-quarantined-turnover");
    // Not for a normal user (not even the owner): not_found, nothing changes.
    await expect(dismissQuarantinedTurnover({ admin: user, input: { quarantineId: row!.id } })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await quarantine(user.id))[0]!.status).toBe("OPEN");

    expect(await dismissQuarantinedTurnover({ admin, input: { quarantineId: row!.id } })).toEqual({
      quarantineId: row!.id,
      status: "DISMISSED",
    });
    const [dismissed] = await quarantine(user.id);
    expect(dismissed).toMatchObject({ status: "DISMISSED", dismissedBy: admin.id, raw: row!.raw });
    expect(dismissed!.dismissedAt).toBeInstanceOf(Date);
    expect(
      await db.auditEvent.count({
        where: { action: "admin.quarantine_dismissed", actorId: admin.id, targetId: row!.id },
      }),
    ).toBe(1);
    expect((await userView(user, connection.id)).items).toEqual([]);
    expect((await adminList(admin)).map((r) => r.id)).not.toContain(row!.id);

    // Twice: refused; an unknown id: not found.
    await expect(dismissQuarantinedTurnover({ admin, input: { quarantineId: row!.id } })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(dismissQuarantinedTurnover({ admin, input: { quarantineId: "nope" } })).rejects.toMatchObject({
      code: "not_found",
    });

    // The bank still sends it: the row is seen again but stays dismissed (and is not counted for the user).
    const later = await importNow(user, connection.id);
    expect(later).toMatchObject({ status: "SUCCEEDED", quarantined: 0 });
    expect(await quarantine(user.id)).toEqual([
      expect.objectContaining({ id: row!.id, status: "DISMISSED", lastSeenRunId: later.id }),
    ]);
  });
});

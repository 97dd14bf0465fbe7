/**
 * Bad data and faults from XS2A, through the real HTTP client, parser, normaliser and upsert
 * (catalogue 4, 5, 7, 26–30). The sandbox's turnover answers are rewritten on the way out:
 *  - odd but valid text (NUL, 10,000 characters, a lone surrogate, RTL override, decomposed
 *    umlauts) and unknown new fields are accepted, stored sanitised, and a second identical sync
 *    changes nothing;
 *  - values that cannot be stored exactly (amounts off the cent grid, 1e21, NaN, impossible or
 *    missing dates, a currency that is no code) put that one item into quarantine while the rest of
 *    the account imports; a later sync that brings the item in a valid form imports it;
 *  - each sandbox fault kind (500, 429, timeout, malformed, html) fails or defers the run with
 *    nothing written; once XS2A behaves, the next run ends exactly where a clean run does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "@/scripts/fixtures/sync-test-harness";

type Turnover = Record<string, unknown>;
let mutate: ((t: Turnover[]) => Turnover[]) | null = null;
let h: Harness;
let db: typeof import("@/lib/db").db;

beforeAll(async () => {
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness({ timeoutMs: 1500 });
  ({ db } = await import("@/lib/db"));
  const handle = h.server.sandbox.handle.bind(h.server.sandbox);
  h.server.sandbox.handle = async (req: Request) => {
    const url = new URL(req.url);
    if (!mutate || req.method !== "GET" || !/\/v1\/api\/accounts\/[^/]+\/turnovers$/.test(url.pathname))
      return handle(req);
    // The rewrite applies to the account's whole list; a read in booking-date windows (a first
    // import of a long history) gets each window's share of it, by the items' original dates.
    const from = url.searchParams.get("from");
    const to = url.searchParams.get("to");
    const whole = new URL(url);
    whole.searchParams.delete("from");
    whole.searchParams.delete("to");
    const res = await handle(new Request(whole, req));
    if (res.status !== 200) return res;
    const body = (await res.json()) as { turnovers: Turnover[] };
    const inWindow = (t: Turnover) =>
      (!from || String(t.booking_date) >= from) && (!to || String(t.booking_date) <= to);
    const turnovers = mutate(body.turnovers).filter((_, i) => inWindow(body.turnovers[i]!));
    return Response.json({ ...body, turnovers }, { status: 200, headers: res.headers });
  };
});

afterAll(async () => {
  await db?.$disconnect();
  await h?.close();
});

async function link(importNow: boolean) {
  const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
  const { createUser } = await import("@/scripts/fixtures/test-fixtures");
  const user = await createUser(db);
  const { connection, run } = await linkSandboxBank(h, {
    userId: user.id,
    syncMode: "FULL",
    userName: "odd-data",
    importNow,
  });
  return { user, connection, run };
}

async function importNow(userId: string, connectionId: string) {
  const { importNow } = await import("@/lib/sync/import-now");
  return importNow({ connectionId, trigger: "MANUAL", triggeredBy: userId });
}

async function fingerprint(connectionId: string) {
  const rows = await db.transaction.findMany({
    where: { account: { connectionId } },
    orderBy: [{ identity: "asc" }],
    select: {
      identity: true,
      status: true,
      amount: true,
      bookingDate: true,
      purpose: true,
      counterpartyName: true,
      account: { select: { iban: true } },
    },
  });
  return rows.map(
    (r) =>
      `${r.account.iban}|${r.identity}|${r.status}|${r.amount.toFixed(2)}|${r.bookingDate.toISOString().slice(0, 10)}|${r.purpose}|${r.counterpartyName}`,
  );
}

/** Rows without the account and row identity (which differ per user): what the user sees. */
const strip = (rows: string[]) => rows.map((r) => r.split("|").slice(2).join("|")).sort();

const clearFaults = () =>
  fetch(`${h.server.url}/__sandbox/faults`, {
    method: "DELETE",
    headers: { authorization: "Basic " + Buffer.from("api:sync-int-test-key").toString("base64") },
  });

describe("bad data from XS2A", () => {
  it("odd text and unknown fields are stored sanitised, and a second identical sync changes nothing", async () => {
    const huge = "Überweisung ".repeat(1000); // ~12,000 characters
    mutate = (ts) =>
      ts.map((t, i) =>
        i === 0
          ? {
              ...t,
              purpose: `Miete\u0000 März\u202E ${huge}\uD800`,
              counter_holder: "Mu\u0308ller \u200D GmbH",
              brand_new_field_2027: { nested: [1, 2] },
            }
          : { ...t, unexpected_flag: true },
      );
    const { user, connection, run } = await link(true);
    expect(run).toMatchObject({ status: "SUCCEEDED" });
    const stored = await db.transaction.findMany({
      where: { userId: user.id },
      select: { purpose: true, counterpartyName: true },
    });
    expect(stored.length).toBeGreaterThan(5);
    const odd = stored.find((s) => s.purpose?.startsWith("Miete"))!;
    expect(odd, "the odd turnover is stored").toBeDefined();
    // eslint-disable-next-line no-control-regex -- NUL must be gone
    expect(odd.purpose).not.toMatch(/[\u0000\u202E]|[\uD800-\uDFFF]/);
    expect(odd.purpose!.length).toBeLessThan(huge.length);
    expect(odd.purpose!.isWellFormed()).toBe(true);
    expect(stored.some((s) => s.counterpartyName?.includes("M\u00fcller"))).toBe(true);
    for (const s of stored)
      expect(`${s.purpose}${s.counterpartyName}`).toBe(`${s.purpose}${s.counterpartyName}`.normalize("NFC"));

    const before = await fingerprint(connection.id);
    const again = await importNow(user.id, connection.id);
    expect(again).toMatchObject({ status: "SUCCEEDED", added: 0, updated: 0, removed: 0 });
    expect(await fingerprint(connection.id)).toEqual(before);
    mutate = null;
  });

  // Each value makes that one item unreadable: it is kept in quarantine (raw item and reason) and
  // the rest of the account imports. Nothing is stored wrong, and once XS2A sends the item in a
  // valid form the next sync imports it and resolves the quarantine row (nothing lost between).
  it.each([
    ["amount off the cent grid", "amount", (t: Turnover) => ({ ...t, amount: 12.345 })],
    ["amount as an off-grid string", "amount", (t: Turnover) => ({ ...t, amount: "-12.005" })],
    ["amount 1e21", "amount", (t: Turnover) => ({ ...t, amount: 1e21 })],
    ["amount NaN", "amount", (t: Turnover) => ({ ...t, amount: "NaN" })],
    ["amount Infinity", "amount", (t: Turnover) => ({ ...t, amount: "Infinity" })],
    ["amount missing", "amount", (t: Turnover) => ({ ...t, amount: undefined })],
    ["booking date 2025-02-30", "booking_date", (t: Turnover) => ({ ...t, booking_date: "2025-02-30" })],
    ["booking date 2025-13-01", "booking_date", (t: Turnover) => ({ ...t, booking_date: "2025-13-01" })],
    ["booking date missing", "booking_date", (t: Turnover) => ({ ...t, booking_date: undefined })],
    ["currency not a code", "currency", (t: Turnover) => ({ ...t, currency: "Euro (€)" })],
  ] as const)(
    "%s → that item is quarantined, never stored wrong, and a later clean sync is complete",
    async (_name, path, bad) => {
      mutate = (ts) => ts.map((t, i) => (i === 1 ? bad(t) : t));
      const { user, connection } = await link(false);
      const run = await importNow(user.id, connection.id);
      mutate = null;
      const clean = await link(true);
      const cleanRows = strip(await fingerprint(clean.connection.id));
      const accounts = await db.bankAccount.count({ where: { connectionId: connection.id } });
      expect(run, JSON.stringify(run)).toMatchObject({ status: "SUCCEEDED", errorCode: null, quarantined: accounts });
      // Exactly the bad item of each account is missing; nothing else changed or was invented.
      const got = strip(await fingerprint(connection.id));
      expect(got.length).toBe(cleanRows.length - accounts);
      for (const row of got) expect(cleanRows).toContain(row);
      const kept = await db.quarantinedTurnover.findMany({ where: { userId: user.id } });
      expect(kept).toHaveLength(accounts);
      for (const q of kept)
        expect(q).toMatchObject({
          status: "OPEN",
          firstSeenRunId: run.id,
          reasons: [expect.objectContaining({ path })],
        });

      const retry = await importNow(user.id, connection.id);
      expect(retry).toMatchObject({ status: "SUCCEEDED", quarantined: 0 });
      expect(strip(await fingerprint(connection.id))).toEqual(cleanRows);
      const after = await db.quarantinedTurnover.findMany({ where: { userId: user.id } });
      expect(after.map((q) => [q.status, q.resolvedRunId])).toEqual(kept.map(() => ["RESOLVED", retry.id]));
    },
  );

  it.each(["500", "429", "timeout", "malformed", "html"])(
    "fault %s: the run fails or is deferred with nothing written; afterwards a run equals a clean one",
    async (kind) => {
      const { user, connection } = await link(false);
      await h.fault({ scope: { connectionId: connection.xs2aId }, kind, count: 50, retryAfterSeconds: 30 });
      const run = await importNow(user.id, connection.id);
      // Retryable faults (5xx, 429, timeout, gateway HTML) leave the run queued for the job's retry.
      expect(["FAILED", "QUEUED"], JSON.stringify(run)).toContain(run.status);
      expect(run.errorCode).toMatch(/^xs2a_/);
      expect(run.errorMessage ?? "").not.toMatch(/sync-int-test-key|<html|Basic /i);
      expect(await db.transaction.count({ where: { userId: user.id } })).toBe(0);
      await clearFaults();

      const { runSync } = await import("@/lib/sync/run-sync");
      if (run.status === "QUEUED") await runSync({ runId: run.id, attempt: 2, importOnly: true, staleAfterMs: 0 });
      else await importNow(user.id, connection.id);
      expect(
        await db.syncRun.findFirst({ where: { connectionId: connection.id }, orderBy: { queuedAt: "desc" } }),
      ).toMatchObject({ status: "SUCCEEDED" });
      const clean = await link(true);
      expect(strip(await fingerprint(connection.id))).toEqual(strip(await fingerprint(clean.connection.id)));
    },
  );
});

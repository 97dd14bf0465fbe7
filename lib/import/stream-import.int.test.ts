/**
 * The streaming import (stream-transactions.ts): turnovers read page by page give exactly the rows
 * of the whole-list path, a failure on a later page leaves the account as it was, and no staged row
 * outlives its run (success, failure, or a connection killed under it); the staging tables stay
 * with their pooled connection for its next run, truncated after a large one.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, pgPool } from "@/lib/db";
import { xs2aImportSource } from "@/lib/bank-gateway/import-source";
import { createXs2aClient, type Xs2aUserClient } from "@/lib/xs2a";
import { startSandboxServer, type SandboxServer } from "@/lib/xs2a-sandbox/server";
import { importConnection } from "./import-connection.ts";
import {
  openImportStaging,
  PRECHECK_MIN_ROWS,
  STAGING_TRUNCATE_AFTER_ROWS,
  type ImportStaging,
} from "./stream-transactions.ts";
import { upsertAccountTransactions } from "./upsert-transactions.ts";
import {
  createAccount,
  createConnection,
  createUser,
  memorySource,
  sourceAccount,
  sourceBalance,
  turnover,
} from "../../scripts/fixtures/test-fixtures.ts";
import type { ImportSource, SourceTurnover, SourceTurnoverBatch } from "./types.ts";

const API_KEY = "sandbox-stream-import-key";
let server: SandboxServer;
/** The imports' staging pool: one connection, so the staging tables a run used are the ones looked at after it. */
let one: pg.Pool;

beforeAll(async () => {
  server = await startSandboxServer({ port: 0, apiKey: API_KEY, statePath: "memory" });
  one = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
});
afterAll(async () => {
  await server?.close();
  await one?.end();
  await db.$disconnect();
});

/** Rows left in the staging tables of `one`'s connection (its tables exist once a run used it). */
const stagedRows = async () =>
  Number(
    (
      await one.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM saldo_import_stage) + (SELECT count(*) FROM saldo_import_written) AS n`,
      )
    ).rows[0]!.n,
  );

/** Staging tables in the temp schema of the session with that namespace oid. */
const stagingTablesIn = async (namespace: number) =>
  Number(
    (
      await db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM pg_class WHERE relnamespace = $1::oid
           AND relname IN ('saldo_import_stage', 'saldo_import_written')`,
        namespace,
      )
    )[0]!.n,
  );

/** Every bank-side and rule-side column of an account's rows, in a stable order. */
const rowsOf = (accountId: string) =>
  db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT identity, status::text, "bookingDate"::text, amount::text, currency, purpose, "counterpartyName",
            "counterpartyIban", "counterpartyBic", "creditorId", "xs2aTransactionId", "categoryId", tags,
            "userCategory", "categoryRuleId", "ruleTags", "ruleCounterparty", search::text, "replacedPending"
     FROM "Transaction" WHERE "accountId" = $1 ORDER BY identity`,
    accountId,
  );

/** Row ids and tuple versions: any write changes them. */
const versionsOf = (accountId: string) =>
  db.$queryRawUnsafe<{ id: bigint; v: string }[]>(
    `SELECT id, xmin::text AS v FROM "Transaction" WHERE "accountId" = $1 ORDER BY id`,
    accountId,
  );

async function linkSandboxTestbank(user: Xs2aUserClient) {
  const created = await user.connections.create({ syncMode: "full", countryId: "DE", days: 365 });
  const step = await user.wizard.step({ key: created.wizardSessionKey });
  if (step.form?.name === "bank")
    await user.wizard.step({ key: created.wizardSessionKey, country_id: "DE", bank_code: "88888888" });
  const done = await user.wizard.step({
    key: created.wizardSessionKey,
    USER_NAME: "any",
    USER_PIN: "123456",
    privacy_policy: true,
  });
  expect(done.finished).toBe(true);
  return user.connections.get(created.transaction);
}

async function sandboxUser(): Promise<Xs2aUserClient> {
  const client = createXs2aClient({ baseUrl: server.url, apiKey: API_KEY, timeoutMs: 10_000 });
  const bankUser = await client.bankUsers.create({ name: "Max Mustermann", email: `s${Date.now()}@example.com` });
  const token = await client.accessTokens.create(bankUser.id, { validUntil: new Date(Date.now() + 3_600_000) });
  return client.forToken(token.token);
}

/** A memory source that hands its turnovers out in pages of `perPage`, failing on page `failOn`. */
function paged(source: ImportSource, perPage: number, failOn?: { accountId: string; page: number }): ImportSource {
  return {
    ...source,
    async *turnoverPages(accountId, query) {
      const all = await source.turnovers(accountId, query);
      const pages = Math.max(1, Math.ceil(all.turnovers.length / perPage));
      for (let p = 0; p < pages; p++) {
        if (failOn?.accountId === accountId && failOn.page === p + 1) throw new Error(`network error on page ${p + 1}`);
        const page: SourceTurnoverBatch = {
          turnovers: all.turnovers.slice(p * perPage, (p + 1) * perPage),
          rejected: p === 0 ? all.rejected : [],
          roundedAmounts: [],
        };
        yield page;
      }
    },
  };
}

/** What a test's merge of one staged account passes: no run, window, rules or balance. */
type MergeInput = Parameters<ImportStaging["mergeAccount"]>[0];
function mergeInput(
  staged: MergeInput["staged"],
  ids: { userId: string; accountId: string; connectionId?: string },
): MergeInput {
  return {
    staged,
    ...ids,
    connectionId: ids.connectionId ?? null,
    runId: null,
    windowFrom: null,
    windowTo: null,
    hasRules: false,
    accountCurrency: "EUR",
    balance: null,
    currency: null,
  };
}

/**
 * One run on `one`'s connection: `turnovers` staged as one page of the account, then merged for
 * `mergeFor` (a user id) or, without it, left unmerged (as after a failed account); staging closed.
 */
async function stageOnePage(
  accountId: string,
  turnovers: SourceTurnover[],
  opts: { skipUnchanged?: boolean; mergeFor?: string } = {},
) {
  const staging = await openImportStaging(one);
  try {
    async function* pages() {
      yield { turnovers, rejected: [], roundedAmounts: [] };
    }
    const staged = await staging.stageAccount({
      pages: pages(),
      accountCurrency: "EUR",
      accountId,
      bankCode: null,
      rules: [],
      skipUnchanged: opts.skipUnchanged,
    });
    const merged = opts.mergeFor
      ? await staging.mergeAccount(mergeInput(staged, { userId: opts.mergeFor, accountId }))
      : null;
    return { staged, merged };
  } finally {
    await staging.close();
  }
}

describe("the streaming import", () => {
  it("reads the sandbox's turnovers in booking-date windows: the same items as the whole list, the same rows as the old path", async () => {
    const api = await sandboxUser();
    const xconn = await linkSandboxTestbank(api);
    const today = async () => new Date().toISOString().slice(0, 10);
    const whole = xs2aImportSource(api, xconn.id, { today });
    // About 3 turnovers a window: a year of Testbank history comes in many requests.
    const smallPages = xs2aImportSource(api, xconn.id, { windowTarget: 3, today });
    const [account] = await whole.listAccounts();
    const all = await whole.turnovers(account!.id, {});
    expect(all.turnovers.length).toBeGreaterThan(6);
    let pages = 0;
    const paged: SourceTurnover[] = [];
    for await (const page of smallPages.turnoverPages!(account!.id, {})) {
      pages++;
      paged.push(...page.turnovers);
    }
    expect(pages).toBeGreaterThan(2);
    const key = (t: SourceTurnover) => JSON.stringify(t);
    expect(paged.map(key).sort()).toEqual(all.turnovers.map(key).sort());

    // Streamed in windows …
    const user = await createUser(db);
    const connection = await db.bankConnection.update({
      where: { id: (await createConnection(db, user.id)).id },
      data: { xs2aId: xconn.id },
    });
    const r = await importConnection({ db, pool: one, connection, source: smallPages });
    expect(r.status).toBe("succeeded");
    // … against the old whole-list write of the same turnovers.
    const oldUser = await createUser(db);
    const oldConn = await createConnection(db, oldUser.id);
    for (const a of r.accounts) {
      const streamed = await db.bankAccount.findUniqueOrThrow({ where: { id: a.accountId! } });
      const oldAccount = await createAccount(db, oldUser.id, oldConn.id, { currency: streamed.currency });
      const list = await whole.turnovers(a.sourceAccountId, {});
      const old = await upsertAccountTransactions({
        db,
        userId: oldUser.id,
        accountId: oldAccount.id,
        turnovers: list.turnovers,
        rejected: list.rejected,
        window: { from: null, to: null },
      });
      expect(a.added).toBe(old.added);
      expect(a.added).toBeGreaterThan(0);
      expect(await rowsOf(a.accountId!)).toEqual(await rowsOf(oldAccount.id));
    }

    // A re-import in pages writes nothing.
    const before = await Promise.all(r.accounts.map((a) => versionsOf(a.accountId!)));
    const again = await importConnection({ db, pool: one, connection, source: smallPages });
    expect(again).toMatchObject({ status: "succeeded", added: 0, updated: 0, removed: 0 });
    expect(await Promise.all(r.accounts.map((a) => versionsOf(a.accountId!)))).toEqual(before);
    expect(await stagedRows()).toBe(0);
  });

  it("identities across page boundaries equal the whole batch's (repeated fingerprints, repeated ids, pending)", async () => {
    const twin = () => turnover({ cents: -500, purpose: ["Twin"], bookingDate: "2026-11-03" });
    const turnovers: SourceTurnover[] = [
      twin(),
      turnover({ transactionId: "TX-1", cents: -100 }),
      twin(),
      turnover({ transactionId: "TX-1", cents: -100 }), // delivered twice: ignored
      turnover({ prebooked: true, cents: -42 }),
      turnover({ prebooked: true, cents: -42 }),
      twin(),
      turnover({ transactionId: "TX-1", cents: -999 }), // id reused for another transaction
    ];
    const results = [];
    for (const perPage of [1, 3, 100]) {
      const user = await createUser(db);
      const connection = await createConnection(db, user.id);
      const account = sourceAccount({ bankConnectionId: connection.xs2aId });
      const source = paged(memorySource({ accounts: [account], turnovers: { [account.id]: turnovers } }), perPage);
      const r = await importConnection({ db, pool: pgPool(), connection, source });
      expect(r.status).toBe("succeeded");
      const rows = await rowsOf(r.accounts[0]!.accountId!);
      results.push({ added: r.added, rows: rows.map((x) => [x.identity, x.status, x.amount]) });
    }
    expect(results[0]!.added).toBe(7);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it("an error on a later page leaves that account exactly as it was; the others import; staging is empty after", async () => {
    const user = await createUser(db);
    const connection = await createConnection(db, user.id);
    const a = sourceAccount({ bankConnectionId: connection.xs2aId, iban: "DE62888888880012345678" });
    const b = sourceAccount({ bankConnectionId: connection.xs2aId, iban: "DE89370400440532013000" });
    const day = (i: number) => `2026-11-${String(1 + (i % 25)).padStart(2, "0")}`;
    const first = Array.from({ length: 20 }, (_, i) => turnover({ cents: -(100 + i), bookingDate: day(i) }));
    const pending = turnover({ prebooked: true, cents: -777, bookingDate: "2026-11-20" });
    await importConnection({
      db,
      pool: one,
      connection,
      source: paged(
        memorySource({
          accounts: [a, b],
          balances: { [a.id]: sourceBalance(1000), [b.id]: sourceBalance(2000) },
          turnovers: { [a.id]: [...first, pending], [b.id]: first },
        }),
        6,
      ),
    });
    const [acctA, acctB] = await Promise.all(
      [a, b].map((s) => db.bankAccount.findFirstOrThrow({ where: { userId: user.id, xs2aId: s.id } })),
    );
    const snapshot = async (id: string) => ({
      rows: await rowsOf(id),
      versions: await versionsOf(id),
      account: await db.bankAccount.findUniqueOrThrow({
        where: { id },
        select: { balance: true, available: true, balanceAsOf: true, historyFrom: true, currency: true },
      }),
      balances: await db.balanceSnapshot.findMany({ where: { accountId: id }, orderBy: { observedOn: "asc" } }),
    });
    const beforeA = await snapshot(acctA!.id);
    expect(beforeA.rows).toHaveLength(21);
    expect(await stagedRows()).toBe(0);

    // The bank now has more and changed data; A's third page never comes.
    const later = [
      ...Array.from({ length: 30 }, (_, i) => turnover({ cents: -(5000 + i), bookingDate: day(i) })),
      ...first,
    ];
    const newBalance = { ...sourceBalance(9999), date: new Date(Date.now() + 60_000) };
    const r = await importConnection({
      db,
      pool: one,
      connection,
      source: paged(
        memorySource({
          accounts: [a, b],
          balances: { [a.id]: newBalance, [b.id]: newBalance },
          turnovers: { [a.id]: later, [b.id]: later },
        }),
        6,
        { accountId: a.id, page: 3 },
      ),
    });
    expect(r.status).toBe("partial");
    expect(r.errors).toEqual([
      expect.objectContaining({ stage: "turnovers", sourceAccountId: a.id, message: "network error on page 3" }),
    ]);
    // A: not a row, not the pending one, not the balance, not historyFrom.
    expect(await snapshot(acctA!.id)).toEqual(beforeA);
    // B: the new rows and the balance of the same read.
    const b2 = await snapshot(acctB!.id);
    expect(b2.rows).toHaveLength(50);
    expect(b2.account.balance?.toFixed(2)).toBe("99.99");
    // A's staged pages went with its failed read, B's with its merge: the next run starts empty.
    expect(await stagedRows()).toBe(0);
  });

  it("staging dies with its connection: a killed session leaves no rows behind, and closing after it does not throw", async () => {
    // A session of its own, so its temp schema is the one that appears with it.
    const own = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    const namespaces = async () =>
      (
        await db.$queryRawUnsafe<{ ns: number }[]>(
          `SELECT relnamespace::int AS ns FROM pg_class WHERE relname = 'saldo_import_stage'`,
        )
      ).map((r) => r.ns);
    const earlier = new Set(await namespaces());
    const staging = await openImportStaging(own);
    const user = await createUser(db);
    const conn = await createConnection(db, user.id);
    const account = await createAccount(db, user.id, conn.id);
    async function* pages() {
      yield { turnovers: [turnover(), turnover({ cents: -1 })], rejected: [], roundedAmounts: [] };
    }
    const staged = await staging.stageAccount({
      pages: pages(),
      accountCurrency: "EUR",
      accountId: account.id,
      bankCode: null,
      rules: [],
    });
    expect(staged.rows).toBe(2);
    const ours = (await namespaces()).filter((ns) => !earlier.has(ns));
    expect(ours).toHaveLength(1);
    expect(await stagingTablesIn(ours[0]!)).toBe(2);
    // What a SIGKILLed worker or a PostgreSQL restart does to the run's connection.
    await db.$queryRawUnsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'COPY saldo_import_stage%' AND pid <> pg_backend_pid()`,
    );
    for (let i = 0; i < 50 && (await stagingTablesIn(ours[0]!)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await stagingTablesIn(ours[0]!)).toBe(0);
    await expect(
      staging.mergeAccount(mergeInput(staged, { userId: user.id, accountId: account.id, connectionId: conn.id })),
    ).rejects.toThrow();
    await staging.close();
    expect(await db.transaction.count({ where: { accountId: account.id } })).toBe(0);
    // The pool still serves.
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
    expect((await own.query("SELECT 1 AS x")).rows).toEqual([{ x: 1 }]);
    await own.end();
  });

  it("the staging tables stay with their connection: emptied after a run, truncated after a large one", async () => {
    const user = await createUser(db);
    const conn = await createConnection(db, user.id);
    const account = await createAccount(db, user.id, conn.id);
    const stageRows = async (n: number) => {
      const turnovers = Array.from({ length: n }, (_, i) => turnover({ cents: -(i + 1), purpose: [`row ${i}`] }));
      // Never merged (as after a failed account): close empties the tables all the same.
      const { staged } = await stageOnePage(account.id, turnovers);
      expect(staged.rows).toBe(n);
    };
    const state = async () =>
      (
        await one.query<{ oid: number; pages: string }>(
          `SELECT 'saldo_import_stage'::regclass::oid::int AS oid, pg_relation_size('saldo_import_stage')::text AS pages`,
        )
      ).rows[0]!;
    await stageRows(5);
    const small = await state();
    expect(await stagedRows()).toBe(0);
    // The same table again (not dropped and created), and the DELETE left its pages.
    await stageRows(5);
    expect((await state()).oid).toBe(small.oid);
    expect(Number((await state()).pages)).toBeGreaterThan(0);
    // More rows than the bound since the last truncate: the table is truncated to nothing.
    await stageRows(STAGING_TRUNCATE_AFTER_ROWS + 1);
    expect(await stagedRows()).toBe(0);
    expect(await state()).toEqual({ oid: small.oid, pages: "0" });
  });
  it("an unchanged re-import stages no booked row; a changed one is staged and updated; open quarantine stages all", async () => {
    const user = await createUser(db);
    const conn = await createConnection(db, user.id);
    const account = await createAccount(db, user.id, conn.id);
    const n = PRECHECK_MIN_ROWS + 50;
    // Every bank column in every shape it takes: null and set, zero and positive amounts, tags,
    // a purpose with a quote, backslash and umlauts; one pending row.
    const base = Array.from({ length: n }, (_, i) =>
      turnover({
        cents: i % 7 === 0 ? 0 : i % 2 ? -(i * 101) : i * 37,
        bookingDate: `2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
        purpose: [`Zahlung ${i} "Grüße" C:\\pfad`, ...(i % 3 ? [] : ["zweite Zeile"])],
        counterHolder: i % 5 ? `Händler ${i % 17}` : null,
        counterIban: i % 4 ? `DE${String(10_000_000_000_000_000_000 + i).slice(0, 20)}` : null,
        counterBic: i % 6 ? "TESTDEFFXXX" : null,
        creditorId: i % 9 ? null : "DE98ZZZ09999999999",
        transactionId: i % 2 ? `tx-${i}` : null,
        tags: i % 10 ? [] : ["a", "b c"],
        categoryId: i % 8 ? null : "K.1.1",
        prebooked: i === 3,
      }),
    );
    const run = async (turnovers: typeof base, skipUnchanged?: boolean) => {
      const { staged, merged } = await stageOnePage(account.id, turnovers, { skipUnchanged, mergeFor: user.id });
      return { staged, merged: merged! };
    };

    const first = await run(base);
    expect(first.merged.added).toBe(n);
    expect(first.staged).toMatchObject({ rows: n, unchanged: 0 });
    const rows = await rowsOf(account.id);
    const versions = await versionsOf(account.id);

    // The same rows again: only the pending one is staged (its absence would delete it), nothing written.
    const again = await run(base);
    expect(again.staged).toMatchObject({ rows: 1, unchanged: n - 1 });
    expect(again.merged).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(await versionsOf(account.id)).toEqual(versions);
    expect(await rowsOf(account.id)).toEqual(rows);

    // One row's counterparty changed (its identity stays: it carries a transaction id): that row is
    // staged and updated, the rest stays as it was.
    const changed = base.map((t, i) => (i === 11 ? { ...t, counterHolder: "Neuer Name" } : t));
    const third = await run(changed);
    expect(third.staged).toMatchObject({ rows: 2, unchanged: n - 2 });
    expect(third.merged).toMatchObject({ added: 0, updated: 1, removed: 0 });
    const after = await rowsOf(account.id);
    expect(after.filter((r, i) => JSON.stringify(r) !== JSON.stringify(rows[i]))).toHaveLength(1);
    expect(after.some((r) => r.counterpartyName === "Neuer Name")).toBe(true);

    // An account with open quarantine rows stages everything it reads.
    const all = await run(changed, false);
    expect(all.staged).toMatchObject({ rows: n, unchanged: 0 });
    expect(all.merged).toMatchObject({ added: 0, updated: 0, removed: 0 });
  });
});

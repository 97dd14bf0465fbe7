/**
 * The streaming import of an account's turnovers: each page, once normalised and the user's rules
 * applied, is streamed with `COPY` into a staging table; the account is then merged from there in
 * ONE short transaction. Memory stays flat (one page at a time plus the normaliser's per-batch
 * identity counters), and a failure before the merge (a page that does not come, PostgreSQL
 * going away) leaves the account exactly as it was.
 *
 * The merge keeps every invariant of upsert-transactions.ts (its header comment), with the same
 * statements fed from the staging table instead of parameter arrays.
 *
 * Staging is a TEMP table of the one connection a run holds from its first page to its last merge:
 * a run that fails, is killed (SIGKILL) or loses PostgreSQL loses its connection and with it every
 * staged row, so nothing leaks and a run taken over by another worker starts from an empty table
 * of its own. A run that ends normally empties it before the connection goes back to the pool,
 * and the tables stay with the pooled connection for its next run: creating and dropping two
 * tables per run wrote the system catalogs on every daily sync, most of which stage a handful of
 * rows. A connection whose run staged many rows truncates them instead (a temp table is never
 * vacuumed, so deleted rows would stay in it as dead tuples).
 */
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { hash } from "node:crypto";
import { applyRules, type RuleDef } from "@/lib/rules/rule-match";
import { inlineParams } from "@/lib/sql-inline";
import { balanceValues } from "./upsert-accounts.ts";
import { createTurnoverNormalizer, LIMITS, type NormalizedTurnover } from "./normalize-turnover.ts";
import { quarantineEntries, type QuarantineItem } from "./quarantine.ts";
import type { SourceBalance, SourceTurnoverBatch, SyncWarning } from "./types.ts";
import {
  BANK_COLUMNS,
  LINK_PENDING_SQL,
  PENDING_MATCH_DAYS,
  dayNumber,
  matchPending,
  pgTextArrayLiteral,
  quarantineItems,
  replacedPendingJson,
  writeQuarantine,
  type BookedCandidate,
  type SqlExec,
  type UpsertAccountTransactionsResult,
  type VanishedPending,
} from "./upsert-transactions.ts";

const STAGE = "saldo_import_stage";
const WRITTEN = "saldo_import_written";

const CREATE_STAGING_SQL = `
CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (
  acc int NOT NULL,
  identity text NOT NULL,
  status text NOT NULL,
  "bookingDate" date NOT NULL,
  amount numeric(18, 2) NOT NULL,
  currency text NOT NULL,
  purpose text NOT NULL,
  "counterpartyName" text,
  "counterpartyIban" text,
  "counterpartyBic" text,
  "creditorId" text,
  "xs2aTransactionId" text,
  "categoryId" text,
  tags text[] NOT NULL,
  rule_category text,
  rule_id text,
  rule_tags text[],
  rule_counterparty text
);
CREATE TEMP TABLE IF NOT EXISTS ${WRITTEN} (identity text NOT NULL, inserted boolean NOT NULL);
TRUNCATE ${STAGE}, ${WRITTEN};`;

/**
 * Rows a pooled connection may stage before its tables are truncated rather than emptied with
 * DELETE at a run's end: the dead tuples a DELETE leaves are bounded by this.
 */
export const STAGING_TRUNCATE_AFTER_ROWS = 10_000;

/** The pooled connections whose staging tables exist (and are empty between runs), with the rows staged since their last truncate. */
const stagingOf = new WeakMap<pg.PoolClient, { rowsSinceTruncate: number }>();

/**
 * Statements run once per account merge, prepared once per connection (named): their plans are
 * cached instead of parsed and planned on every merge.
 */
const preparedNames = new Map<string, string>();
const preparedName = (sql: string) => {
  let name = preparedNames.get(sql);
  if (!name) preparedNames.set(sql, (name = `saldo_import_${hash("sha1", sql).slice(0, 16)}`));
  return name;
};

const COPY_SQL = `COPY ${STAGE} (acc, identity, status, "bookingDate", amount, currency, purpose, "counterpartyName",
  "counterpartyIban", "counterpartyBic", "creditorId", "xs2aTransactionId", "categoryId", tags,
  rule_category, rule_id, rule_tags, rule_counterparty) FROM STDIN`;

const q = (c: string) => `"${c}"`;

// The statement of upsert-transactions.ts's UPSERT_SQL, over one account's staged rows. What it
// wrote is kept in WRITTEN for the statements after it (rules, pending links, quarantine).
const MERGE_SQL = `
WITH cmp AS (
  SELECT s.*, s.status::"TransactionStatus" AS st,
         t.identity IS NOT NULL AS stored,
         t.status AS stored_status, t.amount AS stored_amount, t.currency AS stored_currency,
         (t.identity IS NOT NULL AND (${BANK_COLUMNS.map((c) => `t.${q(c)}`).join(", ")})
            IS NOT DISTINCT FROM (s.status::"TransactionStatus", ${BANK_COLUMNS.slice(1)
              .map((c) => `s.${q(c)}`)
              .join(", ")})) AS unchanged
  FROM ${STAGE} s
  -- LATERAL + LIMIT keeps this an index probe per staged row; a plain join may hash the whole account.
  LEFT JOIN LATERAL (
    SELECT x.identity, x.status, x.amount, x.currency, ${BANK_COLUMNS.slice(1)
      .filter((c) => c !== "amount" && c !== "currency")
      .map((c) => `x.${q(c)}`)
      .join(", ")}
    FROM "Transaction" x WHERE x."accountId" = $2::text AND x.identity = s.identity LIMIT 1
  ) t ON true
  WHERE s.acc = $3::int
),
refused AS (
  SELECT identity, stored_amount::text AS "storedAmount", stored_currency AS "storedCurrency",
         amount::text AS amount, currency
  FROM cmp
  WHERE stored AND stored_status <> 'PENDING' AND st <> 'PENDING'
    AND (stored_amount <> amount OR stored_currency <> currency)
),
written AS (
  INSERT INTO "Transaction" ("userId", "accountId", identity, status, "bookingDate", amount, currency, purpose,
    "counterpartyName", "counterpartyIban", "counterpartyBic", "creditorId", "xs2aTransactionId", "categoryId",
    tags, "userCategory", "categoryRuleId", "ruleTags", "ruleCounterparty", search, "updatedAt")
  SELECT $1::text, $2::text, c.identity, c.st, c."bookingDate", c.amount, c.currency, c.purpose,
    c."counterpartyName", c."counterpartyIban", c."counterpartyBic", c."creditorId", c."xs2aTransactionId",
    c."categoryId", c.tags,
    -- What the user's rules give a new row, written with it (an existing row's are applied after).
    c.rule_category, c.rule_id, coalesce(c.rule_tags, '{}'), c.rule_counterparty,
    to_tsvector('simple', coalesce(c.purpose, '') || ' ' || coalesce(c."counterpartyName", '')),
    now()
  FROM cmp c
  WHERE NOT c.unchanged AND NOT EXISTS (SELECT 1 FROM refused r WHERE r.identity = c.identity)
  ON CONFLICT ("accountId", identity) DO UPDATE SET
    ${BANK_COLUMNS.map((c) => `${q(c)} = EXCLUDED.${q(c)}`).join(", ")},
    search = EXCLUDED.search,
    "updatedAt" = now()
  WHERE (${BANK_COLUMNS.map((c) => `"Transaction".${q(c)}`).join(", ")})
        IS DISTINCT FROM (${BANK_COLUMNS.map((c) => `EXCLUDED.${q(c)}`).join(", ")})
    AND ("Transaction".status = 'PENDING' OR EXCLUDED.status = 'PENDING'
         OR ("Transaction".amount = EXCLUDED.amount AND "Transaction".currency = EXCLUDED.currency))
  RETURNING identity, (xmax = 0) AS inserted
),
kept AS (INSERT INTO ${WRITTEN} (identity, inserted) SELECT identity, inserted FROM written)
SELECT (SELECT count(*) FROM written WHERE inserted)::int AS added,
       (SELECT count(*) FROM written WHERE NOT inserted)::int AS updated,
       (SELECT count(*) FROM refused)::int AS refused,
       (SELECT coalesce(json_agg(r ORDER BY r.identity), '[]'::json)
          FROM (SELECT * FROM refused ORDER BY identity LIMIT ${LIMITS.warnings}) r) AS "refusedRows"`;

/**
 * What a stored row's bank columns (BANK_COLUMNS, the ones the merge compares, in that order) hash
 * to: `bankHash` computes the same from a normalised turnover, whose fields carry the same names.
 * Both are derived from BANK_COLUMNS, so a column added there is compared here too. NULL is
 * chr(30), the fields are joined by chr(31), tags by chr(29): sanitize.ts strips every control
 * character from bank text, so no value holds them. Each column as text in the normaliser's form:
 * the date formatted explicitly (`::text` follows DateStyle), numeric(18,2) with its two decimals.
 */
const storedText = (c: (typeof BANK_COLUMNS)[number]) =>
  c === "tags"
    ? `array_to_string(tags, chr(29))`
    : c === "bookingDate"
      ? `to_char("bookingDate", 'YYYY-MM-DD')`
      : `coalesce(${q(c)}::text, chr(30))`;
const STORED_HASH_SQL = `
SELECT identity, md5(concat_ws(chr(31), ${BANK_COLUMNS.map(storedText).join(", ")})) AS h
FROM "Transaction" WHERE "accountId" = $1::text AND identity = ANY($2::text[])`;

const NULL_FIELD = "\u001e";
/** STORED_HASH_SQL's hash of a normalised turnover's bank columns. */
export function bankHash(r: NormalizedTurnover): string {
  return hash(
    "md5",
    BANK_COLUMNS.map((c) => (c === "tags" ? r.tags.join("\u001d") : (r[c] ?? NULL_FIELD))).join("\u001f"),
  );
}

/**
 * A page smaller than this is staged whole: comparing it first would cost a round trip more than
 * staging the few rows a daily sync reads.
 */
export const PRECHECK_MIN_ROWS = 200;

// upsert-transactions.ts's APPLY_RULES_SQL for the updated rows of the merge.
const APPLY_RULES_SQL = `
UPDATE "Transaction" t SET
  "userCategory" = CASE WHEN t."userCategory" IS NULL OR t."categoryRuleId" IS NOT NULL THEN r.category ELSE t."userCategory" END,
  "categoryRuleId" = CASE WHEN t."userCategory" IS NULL OR t."categoryRuleId" IS NOT NULL THEN r.rule ELSE t."categoryRuleId" END,
  "ruleTags" = r.tags,
  "ruleCounterparty" = r.counterparty
FROM (SELECT s.identity, s.rule_category AS category, s.rule_id AS rule, coalesce(s.rule_tags, '{}') AS tags,
             s.rule_counterparty AS counterparty
      FROM ${STAGE} s JOIN ${WRITTEN} w ON w.identity = s.identity AND NOT w.inserted
      WHERE s.acc = $2::int) r
WHERE t."accountId" = $1::text AND t.identity = r.identity
  AND (CASE WHEN t."userCategory" IS NULL OR t."categoryRuleId" IS NOT NULL
            THEN (t."userCategory", t."categoryRuleId") IS DISTINCT FROM (r.category, r.rule) ELSE false END
       OR t."ruleTags" IS DISTINCT FROM r.tags OR t."ruleCounterparty" IS DISTINCT FROM r.counterparty)`;

const DELETE_VANISHED_PENDING_SQL = `
DELETE FROM "Transaction" t
WHERE t."accountId" = $1::text AND t.status = 'PENDING'
  AND NOT EXISTS (SELECT 1 FROM ${STAGE} s WHERE s.acc = $2::int AND s.status = 'PENDING' AND s.identity = t.identity)
  AND ($3::date IS NULL OR t."bookingDate" >= $3::date)
  AND ($4::date IS NULL OR t."bookingDate" <= $4::date)
RETURNING identity, "bookingDate"::text AS "bookingDate", amount::text AS amount, currency, purpose,
  "counterpartyName", "counterpartyIban", "counterpartyBic", "creditorId", "xs2aTransactionId", "categoryId",
  tags, "userCategory", note, ("createdAt" AT TIME ZONE 'UTC') AS "createdAt"`;

const INSERTED_BOOKED_SQL = `
SELECT s.identity, s."bookingDate"::text AS "bookingDate", s.amount::text AS amount, s.currency,
       s."counterpartyIban", s."counterpartyName"
FROM ${STAGE} s JOIN ${WRITTEN} w ON w.identity = s.identity AND w.inserted
WHERE s.acc = $1::int AND s.status = 'BOOKED' AND s.amount = ANY($2::numeric[])`;

const EARLIER_BOOKED_SQL = `
SELECT identity, "bookingDate"::text AS "bookingDate", amount::text AS amount, currency, "counterpartyIban",
  "counterpartyName", ("createdAt" AT TIME ZONE 'UTC') AS "createdAt"
FROM "Transaction" t
WHERE t."accountId" = $1::text AND t.status = 'BOOKED' AND t."replacedPending" IS NULL
  AND t.amount = ANY($2::numeric[]) AND t."bookingDate" BETWEEN $3::date AND $4::date
  AND NOT EXISTS (SELECT 1 FROM ${WRITTEN} w WHERE w.identity = t.identity AND w.inserted)
LIMIT 1000`;

// The staged rows quarantine matching may need: those carrying an id an open row has, and the new ones.
const MATCH_ROWS_SQL = `
SELECT s.identity, s.status, s."bookingDate"::text AS "bookingDate", (s.amount * 100)::float8 AS "amountCents",
       s.amount::text AS amount, s.currency, s.purpose, s."counterpartyName", s."counterpartyIban",
       s."counterpartyBic", s."creditorId", s."xs2aTransactionId", s."categoryId", s.tags,
       coalesce(w.inserted, false) AS inserted
FROM ${STAGE} s LEFT JOIN ${WRITTEN} w ON w.identity = s.identity
WHERE s.acc = $1::int AND (w.inserted OR s."xs2aTransactionId" = ANY($2::text[]))`;

// The account's balance as read with these turnovers (upsert-accounts.ts writeBalance), the
// currency it gives and the earliest booking date delivered, in the merge's transaction.
const ACCOUNT_READ_SQL = `
UPDATE "BankAccount" SET
  currency = coalesce($2::text, currency),
  "historyFrom" = CASE WHEN $3::date IS NOT NULL AND ("historyFrom" IS NULL OR $3::date < "historyFrom")
                       THEN $3::date ELSE "historyFrom" END,
  "updatedAt" = now()
WHERE id = $1::text
  AND (($2::text IS NOT NULL AND currency <> $2::text)
       OR ($3::date IS NOT NULL AND ("historyFrom" IS NULL OR $3::date < "historyFrom")))`;

const BALANCE_SQL = `
WITH fresh AS (
  SELECT id FROM "BankAccount"
  WHERE id = $1::text AND ("balanceAsOf" IS NULL OR "balanceAsOf" <= ($5::timestamptz AT TIME ZONE 'UTC'))
),
upd AS (
  UPDATE "BankAccount" b SET balance = $2::numeric, available = $3::numeric, "limit" = $4::numeric,
    "balanceAsOf" = ($5::timestamptz AT TIME ZONE 'UTC'), "updatedAt" = now()
  FROM fresh WHERE b.id = fresh.id
    AND (b.balance, b.available, b."limit", b."balanceAsOf") IS DISTINCT FROM
        ($2::numeric, $3::numeric, $4::numeric, ($5::timestamptz AT TIME ZONE 'UTC'))
)
INSERT INTO "BalanceSnapshot" ("accountId", "observedOn", balance, available)
SELECT fresh.id, $6::date, $2::numeric, $3::numeric FROM fresh
ON CONFLICT ("accountId", "observedOn") DO UPDATE SET balance = EXCLUDED.balance, available = EXCLUDED.available
WHERE ("BalanceSnapshot".balance, "BalanceSnapshot".available) IS DISTINCT FROM (EXCLUDED.balance, EXCLUDED.available)`;

/** COPY text format: NULL is \N; backslash, tab, newline and carriage return are escaped. */
function field(v: string | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  return v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** What one account's staged read gave, for its merge. */
export interface StagedAccount {
  acc: number;
  rows: number;
  earliest: string | null;
  latest: string | null;
  rejected: number;
  /** Booked rows read but not staged: stored already exactly as read. */
  unchanged: number;
  warnings: SyncWarning[];
  quarantineItems: QuarantineItem[];
  roundedAmounts: Array<{ sent: number; decimal: string }>;
}

export interface ImportStaging {
  /** Reads an account's pages into staging; on an error its staged rows are removed and it throws. */
  stageAccount(opts: {
    pages: AsyncIterable<SourceTurnoverBatch>;
    accountCurrency: string;
    accountId: string;
    bankCode: string | null;
    rules: readonly RuleDef[];
    /**
     * Leave out booked rows already stored exactly as read (the merge would leave them alone
     * anyway): an unchanged re-import stages nothing. False when the account has open quarantine
     * rows, whose matching reads every staged row carrying a transaction id. Default true.
     */
    skipUnchanged?: boolean;
  }): Promise<StagedAccount>;
  /** Writes one staged account (and the balance read with it) in one short transaction. */
  mergeAccount(opts: {
    staged: StagedAccount;
    userId: string;
    accountId: string;
    connectionId: string | null;
    runId: string | null;
    /** YYYY-MM-DD inclusive; null = unbounded. */
    windowFrom: string | null;
    windowTo: string | null;
    hasRules: boolean;
    /** False when the account had no open quarantine rows when the run began (quarantine.ts); default true. */
    openQuarantine?: boolean;
    accountCurrency: string;
    /** The balance read with these turnovers (null: leave the stored one). */
    balance: SourceBalance | null;
    currency: string | null;
    now?: Date;
  }): Promise<UpsertAccountTransactionsResult>;
  /** Drops the staging tables and returns the connection (or destroys it after an error). */
  close(): Promise<void>;
}

/** Takes one connection of `pool` for the run and creates its (empty) staging tables. */
export async function openImportStaging(pool: pg.Pool): Promise<ImportStaging> {
  const client = await pool.connect();
  let broken: Error | null = null;
  // A connection that dies while checked out (a PostgreSQL restart) must not crash the process:
  // the statement in flight fails, and the connection is destroyed on close.
  const onError = (err: Error) => (broken ??= err);
  client.on("error", onError);
  let staging = stagingOf.get(client);
  if (!staging) {
    try {
      await client.query(CREATE_STAGING_SQL);
    } catch (err) {
      client.removeListener("error", onError);
      client.release(err instanceof Error ? err : true);
      throw err;
    }
    staging = { rowsSinceTruncate: 0 };
    stagingOf.set(client, staging);
  }
  const tables = staging;
  let nextAcc = 0;
  let lane: Promise<unknown> = Promise.resolve();
  let closed = false;
  const exec: SqlExec = async <T>(sql: string, ...params: unknown[]) => (await client.query(sql, params)).rows as T[];
  /** `exec` for the statements every merge runs: prepared once per connection. */
  const execPrepared: SqlExec = async <T>(sql: string, ...params: unknown[]) =>
    (await client.query({ name: preparedName(sql), text: sql, values: params })).rows as T[];

  async function copyRows(acc: number, rows: readonly NormalizedTurnover[], outcomes: (RuleOutcomeLike | null)[]) {
    const lines = rows.map((r, i) => {
      const o = outcomes[i];
      return [
        String(acc),
        field(r.identity),
        r.status,
        r.bookingDate,
        r.amount,
        field(r.currency),
        field(r.purpose),
        field(r.counterpartyName),
        field(r.counterpartyIban),
        field(r.counterpartyBic),
        field(r.creditorId),
        field(r.xs2aTransactionId),
        field(r.categoryId),
        field(pgTextArrayLiteral(r.tags)),
        field(o?.category?.value),
        field(o?.category?.ruleId),
        o ? field(pgTextArrayLiteral(o.tags)) : "\\N",
        field(o?.counterparty),
      ].join("\t");
    });
    // Accounts are read side by side but share the one connection: one COPY at a time.
    await inLane(() => pipeline(Readable.from([lines.join("\n") + "\n"]), client.query(copyFrom(COPY_SQL))));
  }

  /** One statement on the run's connection, in turn with the COPYs of accounts read beside it. */
  function inLane<T>(run: () => Promise<T>): Promise<T> {
    const turn = lane.then(run);
    lane = turn.catch(() => undefined);
    return turn;
  }

  async function accountHasRows(accountId: string): Promise<boolean> {
    const rows = await inLane(() =>
      execPrepared<{ x: number }>(`SELECT 1 AS x FROM "Transaction" WHERE "accountId" = $1::text LIMIT 1`, accountId),
    );
    return rows.length > 0;
  }

  /** `rows` without the booked ones stored exactly as read (counted in `staged.unchanged`). */
  async function withoutUnchanged(accountId: string, rows: NormalizedTurnover[], staged: StagedAccount) {
    const booked = rows.filter((r) => r.status === "BOOKED");
    if (booked.length === 0) return rows;
    const stored = await inLane(() =>
      execPrepared<{ identity: string; h: string }>(
        STORED_HASH_SQL,
        accountId,
        booked.map((r) => r.identity),
      ),
    );
    if (stored.length === 0) return rows;
    const hashOf = new Map(stored.map((s) => [s.identity, s.h]));
    const kept = rows.filter((r) => r.status !== "BOOKED" || hashOf.get(r.identity) !== bankHash(r));
    staged.unchanged += rows.length - kept.length;
    return kept;
  }

  return {
    async stageAccount(opts) {
      const acc = nextAcc++;
      const normalizer = createTurnoverNormalizer({ accountCurrency: opts.accountCurrency });
      const staged: StagedAccount = {
        acc,
        rows: 0,
        earliest: null,
        latest: null,
        rejected: 0,
        unchanged: 0,
        warnings: [],
        quarantineItems: [],
        roundedAmounts: [],
      };
      /** Whether the account has stored rows (asked once, at its first page worth comparing). */
      let mayHaveStored: boolean | undefined;
      const writePage = async (read: NormalizedTurnover[]) => {
        let rows = read;
        if (opts.skipUnchanged !== false && rows.length >= PRECHECK_MIN_ROWS) {
          mayHaveStored ??= await accountHasRows(opts.accountId);
          if (mayHaveStored) rows = await withoutUnchanged(opts.accountId, rows, staged);
        }
        if (rows.length === 0) return;
        // Rules read only the bank's data, so their outcome is known before the write.
        const outcomes = rows.map((r) =>
          opts.rules.length > 0
            ? applyRules(opts.rules, { ...r, accountId: opts.accountId, bankCode: opts.bankCode })
            : null,
        );
        tables.rowsSinceTruncate += rows.length;
        await copyRows(acc, rows, outcomes);
        staged.rows += rows.length;
      };
      let inFlight: Promise<void> = Promise.resolve();
      try {
        for await (const page of opts.pages) {
          const normalized = normalizer.add(page.turnovers);
          staged.rejected += normalized.rejected;
          staged.quarantineItems.push(...quarantineItems(page.rejected, normalized.rejectedItems));
          staged.roundedAmounts.push(...page.roundedAmounts);
          const rows = normalized.turnovers;
          if (rows.length === 0) continue;
          for (const r of rows) {
            if (staged.earliest === null || r.bookingDate < staged.earliest) staged.earliest = r.bookingDate;
            if (staged.latest === null || r.bookingDate > staged.latest) staged.latest = r.bookingDate;
          }
          // This page is compared and written while the next one is read and normalised: at most
          // one page in flight, so PostgreSQL's part of a page overlaps the process's own.
          await inFlight;
          inFlight = writePage(rows);
          // Marked as handled at once (it is awaited above or below): a failure while the next page
          // is read must not count as an unhandled rejection.
          inFlight.catch(() => undefined);
        }
        await inFlight;
      } catch (err) {
        // The page in flight first: its COPY must not land after the DELETE.
        await inFlight.catch(() => undefined);
        if (!broken) await client.query(`DELETE FROM ${STAGE} WHERE acc = $1`, [acc]).catch(() => undefined);
        throw err;
      }
      // The normaliser's refusals are reported through the quarantine, not as warnings of their own.
      staged.warnings = normalizer.warnings().filter((w) => w.code !== "invalid_turnover");
      return staged;
    },

    async mergeAccount(opts) {
      const { staged, accountId } = opts;
      const quarantine = quarantineEntries(staged.quarantineItems, {
        accountCurrency: opts.accountCurrency,
        windowFrom: opts.windowFrom,
      });
      const { earliest, latest } = staged;
      // Pending rows are replaced over the window asked for, stretched to every date delivered.
      const replaceFrom =
        opts.windowFrom === null ? null : earliest !== null && earliest < opts.windowFrom ? earliest : opts.windowFrom;
      const replaceTo =
        opts.windowTo === null ? null : latest !== null && latest > opts.windowTo ? latest : opts.windowTo;
      const warnings = [...staged.warnings];
      const timeoutMs = 30_000 + Math.ceil(staged.rows / 1000) * 1000;

      const bal = opts.balance ? balanceValues(opts.balance, opts.now ?? new Date()) : null;
      // One round trip for what comes before the merge: the transaction, its timeout, the account's
      // lock, WRITTEN emptied (DELETE, not TRUNCATE: no catalog write per merge), the account's read
      // and its balance. Each statement of a simple query takes its own snapshot, so the statements
      // after the lock see what the lock's previous holder committed; a failing one skips the rest.
      try {
        await client.query(
          [
            `BEGIN`,
            `SET LOCAL statement_timeout = ${timeoutMs}`,
            `SELECT pg_advisory_xact_lock(hashtext(${client.escapeLiteral(accountId)}))`,
            `DELETE FROM ${WRITTEN}`,
            inlineParams(client, ACCOUNT_READ_SQL, [accountId, opts.currency, earliest]),
            ...(bal
              ? [
                  inlineParams(client, BALANCE_SQL, [
                    accountId,
                    bal.balance,
                    bal.available,
                    bal.limit,
                    bal.asOf.toISOString(),
                    bal.observedOn,
                  ]),
                ]
              : []),
          ].join(";\n"),
        );

        const [merged] = await execPrepared<{
          added: number;
          updated: number;
          refused: number;
          refusedRows: {
            identity: string;
            storedAmount: string;
            storedCurrency: string;
            amount: string;
            currency: string;
          }[];
        }>(MERGE_SQL, opts.userId, accountId, staged.acc);
        let added = merged!.added;
        let updated = merged!.updated;
        for (const w of merged!.refusedRows)
          warnings.push({
            code: "amount_mismatch",
            identity: w.identity,
            message: `stored as ${w.storedAmount} ${w.storedCurrency}, the bank now sends ${w.amount} ${w.currency} under the same identity: left unchanged`,
          });
        if (merged!.refused > LIMITS.warnings)
          warnings.push({
            code: "amount_mismatch",
            message: `${merged!.refused - LIMITS.warnings} more rows refused for a changed amount or currency`,
          });

        // An updated row may gain or lose what rules gave before, and the user's own category must win.
        if (opts.hasRules && updated > 0) await exec(APPLY_RULES_SQL, accountId, staged.acc);

        const vanished = await execPrepared<VanishedPending>(
          DELETE_VANISHED_PENDING_SQL,
          accountId,
          staged.acc,
          replaceFrom,
          replaceTo,
        );
        let links: Array<[VanishedPending, BookedCandidate]> = [];
        let linkedNew = 0;
        if (vanished.length > 0) {
          const amounts = [...new Set(vanished.map((p) => p.amount))];
          const insertedBooked = await exec<BookedCandidate>(INSERTED_BOOKED_SQL, staged.acc, amounts);
          links = matchPending(vanished, insertedBooked);
          linkedNew = links.length;
          // Banks sometimes list the booked row while the pending one is still there; when the
          // pending row vanishes later, its booked row is already stored: link that one.
          const unmatched = vanished.filter((p) => !links.some(([lp]) => lp === p));
          if (unmatched.length > 0) {
            const days = unmatched.map((p) => dayNumber(p.bookingDate));
            const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
            const earlier = await exec<BookedCandidate>(
              EARLIER_BOOKED_SQL,
              accountId,
              [...new Set(unmatched.map((p) => p.amount))],
              isoDay(Math.min(...days) - PENDING_MATCH_DAYS),
              isoDay(Math.max(...days) + PENDING_MATCH_DAYS),
            );
            if (earlier.length > 0) links = [...links, ...matchPending(unmatched, earlier)];
          }
        }
        if (links.length > 0)
          await exec(
            LINK_PENDING_SQL,
            accountId,
            links.map(([, b]) => b.identity),
            links.map(([p]) => replacedPendingJson(p)),
          );
        // A booked row that replaced a pending one is the same transaction moving on: one update,
        // not an addition plus a removal.
        added -= linkedNew;
        updated += links.length;

        const quarantined = await writeQuarantine(execPrepared, {
          userId: opts.userId,
          accountId,
          connectionId: opts.connectionId,
          runId: opts.runId,
          entries: quarantine,
          mayHaveOpen: opts.openQuarantine ?? true,
          matchRows: async () => {
            const txIds = quarantine.map((e) => e.transactionId).filter((t): t is string => !!t);
            const open = await exec<{ transactionId: string | null }>(
              `SELECT "transactionId" FROM "QuarantinedTurnover" WHERE "accountId" = $1::text AND status = 'OPEN'`,
              accountId,
            );
            for (const o of open) if (o.transactionId) txIds.push(o.transactionId);
            const rows = await exec<NormalizedTurnover & { inserted: boolean }>(MATCH_ROWS_SQL, staged.acc, txIds);
            return { rows, inserted: new Set(rows.filter((r) => r.inserted).map((r) => r.identity)) };
          },
        });

        await client.query(`DELETE FROM ${STAGE} WHERE acc = ${Number(staged.acc)}; COMMIT`);
        return {
          added,
          updated,
          removed: vanished.length - links.length,
          warnings,
          linkedPending: links.length,
          rejected: staged.rejected,
          earliestBookingDate: earliest,
          quarantine: quarantined,
        };
      } catch (err) {
        if (!broken) await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      client.removeListener("error", onError);
      if (broken) return client.release(broken);
      try {
        // Empty for the connection's next run (an account that failed before its merge left rows).
        if (tables.rowsSinceTruncate > STAGING_TRUNCATE_AFTER_ROWS) {
          await client.query(`TRUNCATE ${STAGE}, ${WRITTEN}`);
          tables.rowsSinceTruncate = 0;
        } else await client.query(`DELETE FROM ${STAGE}; DELETE FROM ${WRITTEN}`);
        client.release();
      } catch (err) {
        stagingOf.delete(client);
        client.release(err instanceof Error ? err : true);
      }
    },
  };
}

type RuleOutcomeLike = ReturnType<typeof applyRules>;

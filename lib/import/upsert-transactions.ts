/**
 * Writes one account's turnovers in ONE short database transaction (no network inside).
 *
 * The sync's import streams its turnovers page by page through a staging table and merges them
 * with the same statements and the same invariants (stream-transactions.ts); this whole-list form
 * is what tests and fixtures write with, and the reference the streaming import is tested against.
 *
 * Invariants:
 *  - ("accountId", identity) is unique in the database; `INSERT … ON CONFLICT` is the final guard.
 *  - Only bank-owned columns are ever updated, and only when they changed (an unchanged re-import
 *    writes 0 rows); `userCategory` and `note` are never written by a sync (a replaced pending
 *    row's user data is kept in the booked row's `replacedPending` for the UI to offer).
 *  - A stored booked/cancelled row whose amount or currency differs from the incoming row with the
 *    same identity is left untouched and reported (field notes §1 row 2: an unstable id must never
 *    overwrite an unrelated transaction).
 *  - Pending rows are replaced by the current pending list in the same transaction that writes the
 *    booked ones; a new booked row that matches a vanished pending row (amount, currency,
 *    counterparty, booking date ±5 days) carries that row in `replacedPending`. The net effect is
 *    "delete every pending row of the window, insert the current list", done as a diff so that
 *    unchanged pending rows are not rewritten.
 *  - `search` is not maintained by a trigger: every statement writing purpose/counterpartyName
 *    sets it too.
 *  - Turnovers that cannot be stored (the source could not read them, or they fail the
 *    normaliser) go to the quarantine (quarantine.ts) in the same transaction, and open quarantine
 *    rows that this batch resolves are marked so: an item is never dropped between the two.
 *
 * Counts describe what the user sees change:
 *  - added: transactions that were not there before (booked, cancelled or pending);
 *  - updated: stored rows whose bank data changed (incl. booked → cancelled), plus booked rows that
 *    replaced a pending row (one transaction that moved on, not a new one);
 *  - removed: pending rows that vanished without a booked replacement.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { LIMITS, normalizeTurnovers, type NormalizedTurnover } from "./normalize-turnover.ts";
import {
  matchQuarantined,
  quarantineEntries,
  type OpenQuarantineRow,
  type QuarantineEntry,
  type QuarantineItem,
} from "./quarantine.ts";
import { applyRules, parseRule, type RuleDef } from "@/lib/rules/rule-match";
import { parseCalendarDate } from "./sanitize.ts";
import type { RejectedSourceTurnover, SourceTurnover, SyncWarning } from "./types.ts";

export interface ImportWindow {
  /** YYYY-MM-DD inclusive; null/undefined = unbounded. */
  from?: string | null;
  /** YYYY-MM-DD inclusive; null/undefined = unbounded. */
  to?: string | null;
}

export interface UpsertAccountTransactionsResult {
  added: number;
  updated: number;
  removed: number;
  warnings: SyncWarning[];
  /** Booked rows linked to the pending row they replaced (included in `updated`). */
  linkedPending: number;
  /** Turnovers that could not be imported at all (see warnings). */
  rejected: number;
  /** Earliest booking date in the batch, or null for an empty batch. */
  earliestBookingDate: string | null;
  quarantine: QuarantineOutcome;
}

export interface QuarantineOutcome {
  /** Items of this batch that are in quarantine and open (new ones and ones seen before). */
  open: number;
  /** Of those, the ones seen for the first time. */
  added: number;
  /** Open rows whose valid version this batch brought (now imported). */
  resolved: number;
  /** The reasons of this batch's open items, `path: message`, for the run's warning. */
  reasons: string[];
}

/** Rows per statement: big enough to amortise round trips, small enough for short statements. */
const CHUNK_SIZE = 5000;
/** How far (days) a booked row's date may be from the pending row it replaces. */
export const PENDING_MATCH_DAYS = 5;

interface WriteRow {
  identity: string;
  inserted: boolean | null;
  refused: boolean;
  storedAmount: string | null;
  storedCurrency: string | null;
}

export interface VanishedPending {
  identity: string;
  bookingDate: string;
  amount: string;
  currency: string;
  purpose: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  counterpartyBic: string | null;
  creditorId: string | null;
  xs2aTransactionId: string | null;
  categoryId: string | null;
  tags: string[] | null;
  userCategory: string | null;
  note: string | null;
  createdAt: Date;
}

export const BANK_COLUMNS = [
  "status",
  "bookingDate",
  "amount",
  "currency",
  "purpose",
  "counterpartyName",
  "counterpartyIban",
  "counterpartyBic",
  "creditorId",
  "xs2aTransactionId",
  "categoryId",
  "tags",
] as const;
const q = (c: string) => `"${c}"`;

// One statement per chunk. `cmp` joins the chunk with the stored rows once: rows identical to the
// stored ones are not even offered to the INSERT (so an unchanged re-import takes no row locks and
// computes no tsvector), rows whose amount/currency changed are refused. The DO UPDATE guards
// repeat both conditions so the statement is safe on its own.
const UPSERT_SQL = `
WITH input AS (
  SELECT * FROM unnest($3::text[], $4::text[], $5::date[], $6::numeric[], $7::text[], $8::text[], $9::text[],
                       $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                       $16::text[], $17::text[], $18::text[], $19::text[])
    AS i(identity, status, "bookingDate", amount, currency, purpose, "counterpartyName",
         "counterpartyIban", "counterpartyBic", "creditorId", "xs2aTransactionId", "categoryId", tags_literal,
         rule_category, rule_id, rule_tags_literal, rule_counterparty)
),
cmp AS (
  SELECT i.*, i.status::"TransactionStatus" AS st, i.tags_literal::text[] AS tags,
         t.identity IS NOT NULL AS stored,
         t.status AS stored_status, t.amount AS stored_amount, t.currency AS stored_currency,
         (t.identity IS NOT NULL AND (${BANK_COLUMNS.map((c) => `t.${q(c)}`).join(", ")})
            IS NOT DISTINCT FROM (i.status::"TransactionStatus", ${BANK_COLUMNS.slice(1, -1)
              .map((c) => `i.${q(c)}`)
              .join(", ")}, i.tags_literal::text[])) AS unchanged
  FROM input i
  -- LATERAL + LIMIT keeps this an index probe per incoming row; a plain join may hash the whole account.
  LEFT JOIN LATERAL (
    SELECT s.identity, s.status, s.amount, s.currency, ${BANK_COLUMNS.slice(1)
      .filter((c) => c !== "amount" && c !== "currency")
      .map((c) => `s.${q(c)}`)
      .join(", ")}
    FROM "Transaction" s WHERE s."accountId" = $2 AND s.identity = i.identity LIMIT 1
  ) t ON true
),
refused AS (
  SELECT identity, stored_amount::text AS "storedAmount", stored_currency AS "storedCurrency"
  FROM cmp
  WHERE stored AND stored_status <> 'PENDING' AND st <> 'PENDING'
    AND (stored_amount <> amount OR stored_currency <> currency)
),
written AS (
  INSERT INTO "Transaction" ("userId", "accountId", identity, status, "bookingDate", amount, currency, purpose,
    "counterpartyName", "counterpartyIban", "counterpartyBic", "creditorId", "xs2aTransactionId", "categoryId",
    tags, "userCategory", "categoryRuleId", "ruleTags", "ruleCounterparty", search, "updatedAt")
  SELECT $1, $2, c.identity, c.st, c."bookingDate", c.amount, c.currency, c.purpose,
    c."counterpartyName", c."counterpartyIban", c."counterpartyBic", c."creditorId", c."xs2aTransactionId",
    c."categoryId", c.tags,
    -- What the user's rules give a new row, written with it (an existing row's are applied after).
    c.rule_category, c.rule_id, coalesce(c.rule_tags_literal::text[], '{}'), c.rule_counterparty,
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
)
SELECT identity, inserted, false AS refused, NULL::text AS "storedAmount", NULL::text AS "storedCurrency" FROM written
UNION ALL
SELECT identity, NULL::boolean, true, "storedAmount", "storedCurrency" FROM refused`;

const DELETE_VANISHED_PENDING_SQL = `
DELETE FROM "Transaction"
WHERE "accountId" = $1 AND status = 'PENDING' AND NOT (identity = ANY($2::text[]))
  AND ($3::date IS NULL OR "bookingDate" >= $3::date)
  AND ($4::date IS NULL OR "bookingDate" <= $4::date)
RETURNING identity, "bookingDate"::text AS "bookingDate", amount::text AS amount, currency, purpose,
  "counterpartyName", "counterpartyIban", "counterpartyBic", "creditorId", "xs2aTransactionId", "categoryId",
  tags, "userCategory", note, "createdAt"`;

const EARLIER_BOOKED_SQL = `
SELECT identity, "bookingDate"::text AS "bookingDate", amount::text AS amount, currency, "counterpartyIban", "counterpartyName", "createdAt"
FROM "Transaction"
WHERE "accountId" = $1 AND status = 'BOOKED' AND "replacedPending" IS NULL
  AND amount = ANY($2::numeric[]) AND "bookingDate" BETWEEN $3::date AND $4::date
  AND NOT (identity = ANY($5::text[]))
LIMIT 1000`;

export const LINK_PENDING_SQL = `
UPDATE "Transaction" t
SET "replacedPending" = l.pending::jsonb
FROM unnest($2::text[], $3::text[]) AS l(identity, pending)
WHERE t."accountId" = $1 AND t.identity = l.identity AND t.status = 'BOOKED'`;

const QUARANTINE_UPSERT_SQL = `
INSERT INTO "QuarantinedTurnover" AS q (id, "userId", "accountId", "connectionId", "rawKey", raw, reasons,
  "transactionId", "matchFields", "retryFrom", "firstSeenRunId", "lastSeenRunId")
SELECT 'q' || replace(gen_random_uuid()::text, '-', ''), $1::text, $2::text, $3::text, i."rawKey", i.raw::jsonb,
  i.reasons::jsonb, i."transactionId", i."matchFields"::jsonb, i."retryFrom"::date, $4::text, $4::text
FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
  AS i("rawKey", raw, reasons, "transactionId", "matchFields", "retryFrom")
ON CONFLICT ("accountId", "rawKey") DO UPDATE SET
  "connectionId" = EXCLUDED."connectionId",
  reasons = EXCLUDED.reasons,
  "matchFields" = EXCLUDED."matchFields",
  "retryFrom" = CASE WHEN q."retryFrom" IS NULL OR EXCLUDED."retryFrom" IS NULL THEN NULL
                     ELSE LEAST(q."retryFrom", EXCLUDED."retryFrom") END,
  "timesSeen" = q."timesSeen" + CASE WHEN q."lastSeenRunId" IS NOT DISTINCT FROM EXCLUDED."lastSeenRunId" THEN 0 ELSE 1 END,
  "lastSeenRunId" = EXCLUDED."lastSeenRunId",
  "lastSeenAt" = now()
RETURNING "rawKey", status::text AS status, (xmax = 0) AS inserted`;

// Open rows whose raw item this batch did not carry: the ones a valid item of the batch may resolve.
const QUARANTINE_OPEN_SQL = `
SELECT id, "rawKey", "transactionId", "matchFields" FROM "QuarantinedTurnover"
WHERE "accountId" = $1 AND status = 'OPEN' AND NOT ("rawKey" = ANY($2::text[]))
ORDER BY "rawKey"
FOR UPDATE`;

const QUARANTINE_RESOLVE_SQL = `
UPDATE "QuarantinedTurnover" q
SET status = 'RESOLVED', "resolvedAt" = now(), "resolvedRunId" = $2::text, "resolvedIdentity" = r.identity
FROM unnest($3::text[], $4::text[]) AS r(id, identity)
WHERE q."accountId" = $1 AND q.id = r.id AND q.status = 'OPEN'`;

// Rules (issue 17) on the rows this import wrote: the rules' category only where the user made no
// choice of their own (userCategory empty, or written by a rule), never over the user's; tags added
// by rules and the shown counterparty are the rules' own columns. Only rows that change are written.
const APPLY_RULES_SQL = `
UPDATE "Transaction" t SET
  "userCategory" = CASE WHEN t."userCategory" IS NULL OR t."categoryRuleId" IS NOT NULL THEN r.category ELSE t."userCategory" END,
  "categoryRuleId" = CASE WHEN t."userCategory" IS NULL OR t."categoryRuleId" IS NOT NULL THEN r.rule ELSE t."categoryRuleId" END,
  "ruleTags" = r.tags_literal::text[],
  "ruleCounterparty" = r.counterparty
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS r(identity, category, rule, tags_literal, counterparty)
WHERE t."accountId" = $1 AND t.identity = r.identity
  AND (CASE WHEN t."userCategory" IS NULL OR t."categoryRuleId" IS NOT NULL
            THEN (t."userCategory", t."categoryRuleId") IS DISTINCT FROM (r.category, r.rule) ELSE false END
       OR t."ruleTags" IS DISTINCT FROM r.tags_literal::text[] OR t."ruleCounterparty" IS DISTINCT FROM r.counterparty)`;

/** The user's rules in their order (stored rules that no longer parse are skipped). */
export async function loadRules(db: PrismaClient, userId: string): Promise<RuleDef[]> {
  const rows = await db.rule.findMany({
    where: { userId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, match: true, conditions: true, actions: true },
  });
  return rows.map(parseRule).filter((r): r is RuleDef => r !== null);
}

/** The source's unreadable items and the normaliser's refusals, as one list for the quarantine. */
export function quarantineItems(
  fromSource: readonly RejectedSourceTurnover[],
  refused: ReturnType<typeof normalizeTurnovers>["rejectedItems"],
): QuarantineItem[] {
  return [
    ...fromSource.map((r) => ({ raw: r.raw, reasons: r.issues, partial: r.partial })),
    ...refused.map((r) => {
      const { bookingDate, amount, ...rest } = r.turnover;
      return {
        raw: r.turnover,
        reasons: [{ path: r.path, message: r.message }],
        partial: r.path === "booking_date" ? { ...rest, amount } : { ...rest, bookingDate },
      };
    }),
  ];
}

/** Runs one statement with positional parameters inside the caller's transaction. */
export type SqlExec = <T>(sql: string, ...params: unknown[]) => Promise<T[]>;

/** What quarantine matching needs of the batch's rows (loaded only when open rows exist). */
export type MatchRows = () => Promise<{ rows: readonly NormalizedTurnover[]; inserted: ReadonlySet<string> }>;

/** Keeps this batch's unreadable items and resolves the open rows whose valid version it brought. */
export async function writeQuarantine(
  query: SqlExec,
  opts: {
    userId: string;
    accountId: string;
    connectionId: string | null;
    runId: string | null;
    entries: QuarantineEntry[];
    matchRows: MatchRows;
    /**
     * False when the caller knows the account had no open rows when its run began (only that
     * connection's runs, one at a time, write them): with no entries either, there is nothing to
     * look up or resolve. Default true.
     */
    mayHaveOpen?: boolean;
  },
): Promise<QuarantineOutcome> {
  const { entries } = opts;
  if (entries.length === 0 && opts.mayHaveOpen === false) return { open: 0, added: 0, resolved: 0, reasons: [] };
  let open = 0;
  let added = 0;
  const openKeys = new Set<string>();
  for (let start = 0; start < entries.length; start += CHUNK_SIZE) {
    const chunk = entries.slice(start, start + CHUNK_SIZE);
    const written = await query<{ rawKey: string; status: string; inserted: boolean }>(
      QUARANTINE_UPSERT_SQL,
      opts.userId,
      opts.accountId,
      opts.connectionId,
      opts.runId,
      chunk.map((e) => e.rawKey),
      chunk.map((e) => JSON.stringify(e.raw)),
      chunk.map((e) => JSON.stringify(e.reasons)),
      chunk.map((e) => e.transactionId),
      chunk.map((e) => JSON.stringify(e.matchFields)),
      chunk.map((e) => e.retryFrom),
    );
    for (const w of written) {
      if (w.status !== "OPEN") continue; // resolved or dismissed before: seen again, stays closed
      open++;
      openKeys.add(w.rawKey);
      if (w.inserted) added++;
    }
  }
  const candidates = await query<OpenQuarantineRow>(
    QUARANTINE_OPEN_SQL,
    opts.accountId,
    entries.map((e) => e.rawKey),
  );
  let resolved = new Map<string, string>();
  if (candidates.length > 0) {
    const { rows, inserted } = await opts.matchRows();
    resolved = matchQuarantined(candidates, rows, inserted);
  }
  if (resolved.size > 0)
    await query(QUARANTINE_RESOLVE_SQL, opts.accountId, opts.runId, [...resolved.keys()], [...resolved.values()]);
  const reasons = entries
    .filter((e) => openKeys.has(e.rawKey))
    .flatMap((e) => e.reasons.map((r) => `${r.path}: ${r.message}`));
  return { open, added, resolved: resolved.size, reasons: [...new Set(reasons)].slice(0, LIMITS.warnings) };
}

export function pgTextArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (m) => `\\${m}`)}"`).join(",")}}`;
}

/** A vanished pending row as the booked row that replaced it keeps it (`replacedPending`). */
export function replacedPendingJson(p: VanishedPending): string {
  return JSON.stringify({
    identity: p.identity,
    bookingDate: p.bookingDate,
    amount: p.amount,
    currency: p.currency,
    purpose: p.purpose,
    counterpartyName: p.counterpartyName,
    counterpartyIban: p.counterpartyIban,
    counterpartyBic: p.counterpartyBic,
    creditorId: p.creditorId,
    xs2aTransactionId: p.xs2aTransactionId,
    categoryId: p.categoryId,
    tags: p.tags ?? [],
    // The user's own data stays theirs to move: kept here, never written into the booked row.
    userCategory: p.userCategory,
    note: p.note,
    firstSeenAt: p.createdAt instanceof Date ? p.createdAt.toISOString() : p.createdAt,
  });
}

export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

function nameKey(name: string | null): string {
  return (name ?? "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N} ]/gu, "")
    .trim();
}

/** 0 = incompatible; higher = more alike. Amount and currency are already equal. */
/** What pending matching needs of a booked row. `createdAt` is set for rows stored by earlier imports. */
export type BookedCandidate = Pick<
  NormalizedTurnover,
  "identity" | "bookingDate" | "amount" | "currency" | "counterpartyIban" | "counterpartyName"
> & {
  createdAt?: Date;
};

function counterpartyScore(p: VanishedPending, b: BookedCandidate): number {
  if (p.counterpartyIban && b.counterpartyIban) return p.counterpartyIban === b.counterpartyIban ? 3 : 0;
  const pn = nameKey(p.counterpartyName);
  const bn = nameKey(b.counterpartyName);
  if (!pn || !bn) return 1; // card holds often carry no counterparty: amount and date decide
  if (pn === bn) return 3;
  const compact = (s: string) => s.replace(/ /g, "");
  if (compact(pn).includes(compact(bn)) || compact(bn).includes(compact(pn))) return 2;
  const first = (s: string) => s.split(" ")[0] ?? "";
  return first(pn).length >= 3 && first(pn) === first(bn) ? 2 : 0;
}

/** Greedy one-to-one matching, best pairs first; deterministic. */
export function matchPending(
  vanished: VanishedPending[],
  booked: BookedCandidate[],
): Array<[VanishedPending, BookedCandidate]> {
  const pairs: Array<{ p: VanishedPending; b: BookedCandidate; score: number; days: number }> = [];
  for (const p of vanished) {
    const pDay = dayNumber(p.bookingDate);
    for (const b of booked) {
      if (b.amount !== p.amount || b.currency !== p.currency) continue;
      // A booked row stored before the pending one existed cannot be its successor.
      if (b.createdAt && b.createdAt.getTime() < new Date(p.createdAt).getTime()) continue;
      const days = Math.abs(dayNumber(b.bookingDate) - pDay);
      if (days > PENDING_MATCH_DAYS) continue;
      const score = counterpartyScore(p, b);
      if (score > 0) pairs.push({ p, b, score, days });
    }
  }
  pairs.sort(
    (x, y) =>
      y.score - x.score ||
      x.days - y.days ||
      x.p.identity.localeCompare(y.p.identity) ||
      x.b.identity.localeCompare(y.b.identity),
  );
  const usedP = new Set<string>();
  const usedB = new Set<string>();
  const out: Array<[VanishedPending, BookedCandidate]> = [];
  for (const { p, b } of pairs) {
    if (usedP.has(p.identity) || usedB.has(b.identity)) continue;
    usedP.add(p.identity);
    usedB.add(b.identity);
    out.push([p, b]);
  }
  return out;
}

export async function upsertAccountTransactions(opts: {
  db: PrismaClient;
  userId: string;
  accountId: string;
  turnovers: readonly SourceTurnover[];
  /** Items the source could not read: kept in quarantine. */
  rejected?: readonly RejectedSourceTurnover[];
  /** Recorded on quarantine rows: the run that saw them, and the account's connection. */
  runId?: string | null;
  connectionId?: string | null;
  window: ImportWindow;
  chunkSize?: number;
}): Promise<UpsertAccountTransactionsResult> {
  const { db, userId, accountId } = opts;
  const chunkSize = Math.max(1, opts.chunkSize ?? CHUNK_SIZE);
  const windowFrom = opts.window.from == null ? null : parseCalendarDate(opts.window.from);
  const windowTo = opts.window.to == null ? null : parseCalendarDate(opts.window.to);
  if ((opts.window.from != null && !windowFrom) || (opts.window.to != null && !windowTo))
    throw new AppError("invalid_input", "import window must be YYYY-MM-DD dates");

  const account = await db.bankAccount.findFirst({
    where: { id: accountId, userId },
    select: { currency: true, bankCode: true },
  });
  if (!account) throw new AppError("not_found", "bank account not found");
  const rules = await loadRules(db, userId);

  // Pure work first, so the transaction below only writes.
  const normalized = normalizeTurnovers({ turnovers: opts.turnovers, accountCurrency: account.currency });
  const rows = normalized.turnovers;
  // The normaliser's refusals are reported through the quarantine, not as warnings of their own.
  const warnings = normalized.warnings.filter((w) => w.code !== "invalid_turnover");
  const quarantine = quarantineEntries(quarantineItems(opts.rejected ?? [], normalized.rejectedItems), {
    accountCurrency: account.currency,
    windowFrom,
  });
  const byIdentity = new Map(rows.map((r) => [r.identity, r]));
  const pendingIdentities = rows.filter((r) => r.status === "PENDING").map((r) => r.identity);
  let earliest: string | null = null;
  let latest: string | null = null;
  for (const r of rows) {
    if (earliest === null || r.bookingDate < earliest) earliest = r.bookingDate;
    if (latest === null || r.bookingDate > latest) latest = r.bookingDate;
  }
  // Pending rows are replaced over the window asked for, stretched to every date delivered.
  const replaceFrom = windowFrom === null ? null : earliest !== null && earliest < windowFrom ? earliest : windowFrom;
  const replaceTo = windowTo === null ? null : latest !== null && latest > windowTo ? latest : windowTo;

  const timeout = 30_000 + Math.ceil(rows.length / 1000) * 1000;
  return db.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) l`, accountId);

      let added = 0;
      let updated = 0;
      let refused = 0;
      const ruleRows: {
        identity: string;
        category: string | null;
        rule: string | null;
        tags: string;
        cp: string | null;
      }[] = [];
      const insertedBooked: NormalizedTurnover[] = [];
      const inserted = new Set<string>();
      for (let start = 0; start < rows.length; start += chunkSize) {
        const chunk = rows.slice(start, start + chunkSize);
        // Rules read only the bank's data, so their outcome is known before the write.
        const outcomes = chunk.map((r) =>
          rules.length > 0 ? applyRules(rules, { ...r, accountId, bankCode: account.bankCode }) : null,
        );
        const outcomeOf = new Map(chunk.map((r, i) => [r.identity, outcomes[i]]));
        const result = await tx.$queryRawUnsafe<WriteRow[]>(
          UPSERT_SQL,
          userId,
          accountId,
          chunk.map((r) => r.identity),
          chunk.map((r) => r.status),
          chunk.map((r) => r.bookingDate),
          chunk.map((r) => r.amount),
          chunk.map((r) => r.currency),
          chunk.map((r) => r.purpose),
          chunk.map((r) => r.counterpartyName),
          chunk.map((r) => r.counterpartyIban),
          chunk.map((r) => r.counterpartyBic),
          chunk.map((r) => r.creditorId),
          chunk.map((r) => r.xs2aTransactionId),
          chunk.map((r) => r.categoryId),
          chunk.map((r) => pgTextArrayLiteral(r.tags)),
          outcomes.map((o) => o?.category?.value ?? null),
          outcomes.map((o) => o?.category?.ruleId ?? null),
          outcomes.map((o) => (o ? pgTextArrayLiteral(o.tags) : null)),
          outcomes.map((o) => o?.counterparty ?? null),
        );
        for (const w of result) {
          const row = byIdentity.get(w.identity);
          if (w.refused) {
            refused++;
            if (refused <= LIMITS.warnings)
              warnings.push({
                code: "amount_mismatch",
                identity: w.identity,
                message: `stored as ${w.storedAmount} ${w.storedCurrency}, the bank now sends ${row?.amount} ${row?.currency} under the same identity: left unchanged`,
              });
          } else if (w.inserted) {
            inserted.add(w.identity);
            if (row?.status === "BOOKED") insertedBooked.push(row);
            added++;
          } else {
            updated++;
          }
          const outcome = outcomeOf.get(w.identity);
          // A new row was written with its rules' outcome; an updated one may gain or lose what
          // rules gave before, and the user's own category must win: that is a second statement.
          if (!w.refused && !w.inserted && outcome)
            ruleRows.push({
              identity: w.identity,
              category: outcome.category?.value ?? null,
              rule: outcome.category?.ruleId ?? null,
              tags: pgTextArrayLiteral(outcome.tags),
              cp: outcome.counterparty,
            });
        }
      }
      for (let start = 0; start < ruleRows.length; start += chunkSize) {
        const chunk = ruleRows.slice(start, start + chunkSize);
        await tx.$executeRawUnsafe(
          APPLY_RULES_SQL,
          accountId,
          chunk.map((r) => r.identity),
          chunk.map((r) => r.category),
          chunk.map((r) => r.rule),
          chunk.map((r) => r.tags),
          chunk.map((r) => r.cp),
        );
      }

      if (refused > LIMITS.warnings)
        warnings.push({
          code: "amount_mismatch",
          message: `${refused - LIMITS.warnings} more rows refused for a changed amount or currency`,
        });

      const vanished = await tx.$queryRawUnsafe<VanishedPending[]>(
        DELETE_VANISHED_PENDING_SQL,
        accountId,
        pendingIdentities,
        replaceFrom,
        replaceTo,
      );
      let links = matchPending(vanished, insertedBooked);
      // Banks sometimes list the booked row while the pending one is still there; when the
      // pending row vanishes later, its booked row is already stored: link that one.
      const unmatched = vanished.filter((p) => !links.some(([lp]) => lp === p));
      if (unmatched.length > 0) {
        const days = unmatched.map((p) => dayNumber(p.bookingDate));
        const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
        const earlier = await tx.$queryRawUnsafe<BookedCandidate[]>(
          EARLIER_BOOKED_SQL,
          accountId,
          [...new Set(unmatched.map((p) => p.amount))],
          isoDay(Math.min(...days) - PENDING_MATCH_DAYS),
          isoDay(Math.max(...days) + PENDING_MATCH_DAYS),
          insertedBooked.map((b) => b.identity),
        );
        if (earlier.length > 0) links = [...links, ...matchPending(unmatched, earlier)];
      }
      if (links.length > 0) {
        await tx.$executeRawUnsafe(
          LINK_PENDING_SQL,
          accountId,
          links.map(([, b]) => b.identity),
          links.map(([p]) => replacedPendingJson(p)),
        );
      }
      // A booked row that replaced a pending one is the same transaction moving on: one update,
      // not an addition plus a removal.
      const linkedNew = links.filter(([, b]) => !b.createdAt).length;
      added -= linkedNew;
      updated += links.length;

      const quarantined = await writeQuarantine((sql, ...params) => tx.$queryRawUnsafe(sql, ...params), {
        userId,
        accountId,
        connectionId: opts.connectionId ?? null,
        runId: opts.runId ?? null,
        entries: quarantine,
        matchRows: async () => ({ rows, inserted }),
      });

      return {
        added,
        updated,
        removed: vanished.length - links.length,
        warnings,
        linkedPending: links.length,
        rejected: normalized.rejected,
        earliestBookingDate: earliest,
        quarantine: quarantined,
      };
    },
    { maxWait: 10_000, timeout },
  );
}

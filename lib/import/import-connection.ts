/**
 * Imports what XS2A holds for one connection: accounts, balances and turnovers.
 *
 * Order of a run: the account list is read and written (one short transaction); then each
 * account's balance and turnovers are read — the turnovers page by page, streamed into the run's
 * staging table (stream-transactions.ts), never all in memory and never inside a transaction on
 * the account's data; then each account whose read completed is merged with the balance of the
 * same read in its own short transaction. A failure before an account's merge leaves that account
 * exactly as it was. A failure of one account (reading or writing) leaves the others imported,
 * and the run is `partial`. A turnover that cannot be stored does not fail its account: it is kept in quarantine
 * (quarantine.ts) in the account's transaction, and while an account has open quarantine rows its
 * turnovers are read far enough back to see a later valid version of them. This does not start an XS2A sync and does not record a SyncRun (the sync engine does
 * both, and owns the connection's own state such as `lastImportedAt`).
 */
import type pg from "pg";
import type { BankConnection, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { normalizeCurrency, parseCalendarDate } from "./sanitize.ts";
import { openImportStaging, type ImportStaging, type StagedAccount } from "./stream-transactions.ts";
import type { ImportSource, SourceAccount, SourceBalance, SyncWarning } from "./types.ts";
import { upsertAccounts, type AccountMatch } from "./upsert-accounts.ts";
import { loadRules } from "./upsert-transactions.ts";

/** Bank calls in flight at once for one connection (XS2A and banks rate-limit). */
const FETCH_CONCURRENCY = 3;

export type ImportStage = "list" | "balance" | "turnovers" | "accounts" | "transactions";

export interface ImportError {
  stage: ImportStage;
  /** XS2A's account id, when the error concerns one account. */
  sourceAccountId: string | null;
  /** Saldo's account id, when known. */
  accountId: string | null;
  message: string;
}

export interface ImportedAccount {
  sourceAccountId: string;
  accountId: string | null;
  /** `imported`: balance and transactions written; `failed`: see `errors` (other accounts are unaffected). */
  status: "imported" | "failed";
  matchedBy: AccountMatch | null;
  duplicateOfId: string | null;
  added: number;
  updated: number;
  removed: number;
  /** Turnovers of this account in quarantine after this import (open), and of those new. */
  quarantined: number;
  quarantinedNew: number;
  /** Quarantine rows whose valid version this import stored. */
  quarantineResolved: number;
  warnings: SyncWarning[];
}

export interface ImportConnectionResult {
  status: "succeeded" | "partial" | "failed";
  added: number;
  updated: number;
  removed: number;
  /** Sums over the accounts (see ImportedAccount). */
  quarantined: number;
  quarantinedNew: number;
  quarantineResolved: number;
  /** Amounts that were float artefacts, rounded to the cent (reported once per run as a warning). */
  roundedAmounts: number;
  accounts: ImportedAccount[];
  /** Saldo account ids closed because XS2A no longer returns them. */
  closed: string[];
  errors: ImportError[];
  warnings: SyncWarning[];
}

export interface ImportLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

interface Fetched {
  source: SourceAccount;
  balance: SourceBalance | null;
  /** The account's turnovers as staged; null when their read failed (nothing of them is kept). */
  staged: StagedAccount | null;
  /** The first booking date asked for (undefined = everything). */
  from: string | undefined;
  errors: ImportError[];
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

/**
 * Per XS2A account id of this connection with open quarantine rows: the first booking date later
 * imports must read to see their valid version again (null = everything XS2A holds).
 */
async function quarantineWindows(db: PrismaClient, connection: BankConnection): Promise<Map<string, string | null>> {
  const rows = await db.$queryRawUnsafe<{ xs2aId: string; unbounded: boolean; from: string | null }[]>(
    `SELECT a."xs2aId", bool_or(q."retryFrom" IS NULL) AS unbounded, min(q."retryFrom")::text AS "from"
     FROM "QuarantinedTurnover" q JOIN "BankAccount" a ON a.id = q."accountId"
     WHERE a."userId" = $1 AND a."connectionId" = $2 AND q.status = 'OPEN'
     GROUP BY a."xs2aId"`,
    connection.userId,
    connection.id,
  );
  return new Map(rows.map((r) => [r.xs2aId, r.unbounded ? null : r.from]));
}

/** What a run and each of its accounts count, before anything is imported. */
const noCounts = () => ({ added: 0, updated: 0, removed: 0, quarantined: 0, quarantinedNew: 0, quarantineResolved: 0 });

/** The float artefacts an account's read brought: its turnovers', and its balance's where that was written. */
function roundedOf(f: Fetched): Array<{ sent: number; decimal: string }> {
  if (!f.staged) return [];
  return [...f.staged.roundedAmounts, ...(f.balance?.roundedAmounts ?? [])];
}

/** A source without pages is read as one page. */
async function* pagesOf(source: ImportSource, accountId: string, query: { from?: string }) {
  if (source.turnoverPages) yield* source.turnoverPages(accountId, query);
  else yield await source.turnovers(accountId, query);
}

/** The earlier of the run's window and a quarantine's (undefined/null = unbounded). */
function widen(from: string | undefined, retryFrom: string | null | undefined): string | undefined {
  if (retryFrom === undefined || from === undefined) return from;
  if (retryFrom === null) return undefined;
  return retryFrom < from ? retryFrom : from;
}

export async function importConnection(opts: {
  db: PrismaClient;
  /** The pool behind `db`: the run's staging connection comes from it. */
  pool: pg.Pool;
  connection: BankConnection;
  source: ImportSource;
  /** YYYY-MM-DD: read turnovers booked from this day on; omitted = as far back as XS2A holds. */
  from?: string;
  /** The SyncRun this import belongs to (recorded on quarantine rows). */
  runId?: string | null;
  log?: ImportLog;
}): Promise<ImportConnectionResult> {
  const { db, connection, source, log } = opts;
  const from = opts.from === undefined ? undefined : parseCalendarDate(opts.from);
  if (from === null) throw new AppError("invalid_input", "from must be a YYYY-MM-DD date");

  const result: ImportConnectionResult = {
    status: "succeeded",
    ...noCounts(),
    roundedAmounts: 0,
    accounts: [],
    closed: [],
    errors: [],
    warnings: [],
  };
  const fail = (error: ImportError): ImportConnectionResult => {
    result.errors.push(error);
    result.status = "failed";
    log?.warn({ connectionId: connection.id, stage: error.stage, error: error.message }, "import failed");
    return result;
  };

  // 1. The account list: read, then written (identities, closing, duplicates); balances and
  // turnovers come later, together, per account.
  let listed: SourceAccount[];
  try {
    listed = await source.listAccounts();
  } catch (err) {
    return fail({ stage: "list", sourceAccountId: null, accountId: null, message: messageOf(err) });
  }
  // A source may list the bank user's other connections too; an account without a connection id
  // is trusted to belong to the connection the source was made for.
  const own = listed.filter(
    (a) => a.bankConnectionId == null || connection.xs2aId == null || a.bankConnectionId === connection.xs2aId,
  );

  let upserted;
  try {
    upserted = await upsertAccounts({ db, connection, accounts: own.map((source) => ({ source })) });
  } catch (err) {
    return fail({ stage: "accounts", sourceAccountId: null, accountId: null, message: messageOf(err) });
  }
  result.closed = upserted.closed;
  result.warnings.push(...upserted.warnings);
  const bySource = new Map(upserted.accounts.map((a) => [a.sourceAccountId, a]));

  const retryFrom = await quarantineWindows(db, connection);
  const rules = await loadRules(db, connection.userId);
  const bankCodes = new Map(
    (
      await db.bankAccount.findMany({
        where: { id: { in: upserted.accounts.map((a) => a.accountId) } },
        select: { id: true, bankCode: true },
      })
    ).map((a) => [a.id, a.bankCode]),
  );

  let staging: ImportStaging;
  try {
    staging = await openImportStaging(opts.pool);
  } catch (err) {
    return fail({ stage: "transactions", sourceAccountId: null, accountId: null, message: messageOf(err) });
  }
  try {
    // 2. Network: each account's balance and turnovers, the turnovers streamed into staging.
    const fetched = await mapLimited(own, FETCH_CONCURRENCY, async (account): Promise<Fetched> => {
      const acct = bySource.get(account.id);
      const accountFrom = widen(from, retryFrom.get(account.id));
      const f: Fetched = { source: account, balance: null, staged: null, from: accountFrom, errors: [] };
      if (!acct) return f;
      try {
        f.balance = await source.balance(account.id);
      } catch (err) {
        f.errors.push({ stage: "balance", sourceAccountId: account.id, accountId: null, message: messageOf(err) });
      }
      try {
        f.staged = await staging.stageAccount({
          pages: pagesOf(source, account.id, accountFrom ? { from: accountFrom } : {}),
          // The currency the account gets from this read's balance (upsert-accounts.ts).
          accountCurrency: normalizeCurrency(f.balance?.currency) ?? acct.currency,
          accountId: acct.accountId,
          bankCode: bankCodes.get(acct.accountId) ?? null,
          rules,
          // Open quarantine rows are matched against every row read (mergeAccount).
          skipUnchanged: !retryFrom.has(account.id),
        });
      } catch (err) {
        f.errors.push({ stage: "turnovers", sourceAccountId: account.id, accountId: null, message: messageOf(err) });
      }
      return f;
    });

    // 3. Each account whose turnovers came: its transactions and the balance of the same read,
    // in one transaction.
    for (const f of fetched) {
      const acct = bySource.get(f.source.id);
      const entry: ImportedAccount = {
        sourceAccountId: f.source.id,
        accountId: acct?.accountId ?? null,
        status: "imported",
        matchedBy: acct?.matchedBy ?? null,
        duplicateOfId: acct?.duplicateOfId ?? null,
        ...noCounts(),
        warnings: [],
      };
      result.accounts.push(entry);
      const errors = f.errors.map((e) => ({ ...e, accountId: entry.accountId }));
      if (acct && f.staged) {
        try {
          const r = await staging.mergeAccount({
            staged: f.staged,
            userId: connection.userId,
            accountId: acct.accountId,
            connectionId: connection.id,
            runId: opts.runId ?? null,
            windowFrom: f.from ?? null,
            windowTo: null,
            hasRules: rules.length > 0,
            // Read after the account list was written, under this run (one per connection at a time).
            openQuarantine: retryFrom.has(f.source.id),
            accountCurrency: normalizeCurrency(f.balance?.currency) ?? acct.currency,
            balance: f.balance,
            currency: normalizeCurrency(f.balance?.currency),
          });
          entry.added = r.added;
          entry.updated = r.updated;
          entry.removed = r.removed;
          entry.quarantined = r.quarantine.open;
          entry.quarantinedNew = r.quarantine.added;
          entry.quarantineResolved = r.quarantine.resolved;
          entry.warnings = r.warnings.map((w) => ({ ...w, sourceAccountId: f.source.id }));
          if (r.quarantine.open > 0)
            entry.warnings.push({
              code: "quarantined",
              sourceAccountId: f.source.id,
              message:
                `${r.quarantine.open} turnover${r.quarantine.open === 1 ? "" : "s"} could not be stored and ${r.quarantine.open === 1 ? "is" : "are"} kept in quarantine (${r.quarantine.added} new): ${r.quarantine.reasons.join("; ")}`.slice(
                  0,
                  1000,
                ),
            });
          result.added += r.added;
          result.updated += r.updated;
          result.removed += r.removed;
          result.quarantined += r.quarantine.open;
          result.quarantinedNew += r.quarantine.added;
          result.quarantineResolved += r.quarantine.resolved;
          result.roundedAmounts += roundedOf(f).length;
          result.warnings.push(...entry.warnings);
        } catch (err) {
          errors.push({
            stage: "transactions",
            sourceAccountId: f.source.id,
            accountId: entry.accountId,
            message: messageOf(err),
          });
        }
      } else if (!acct && errors.length === 0) {
        errors.push({
          stage: "accounts",
          sourceAccountId: f.source.id,
          accountId: null,
          message: "account was not written (invalid id)",
        });
      }
      if (errors.length > 0) {
        entry.status = "failed";
        result.errors.push(...errors);
        log?.warn(
          {
            connectionId: connection.id,
            accountId: entry.accountId,
            errors: errors.map((e) => `${e.stage}: ${e.message}`),
          },
          "account import failed",
        );
      }
    }

    // Once per run, however many accounts and amounts: a float artefact is noteworthy, not alarming.
    const rounded = fetched.flatMap(roundedOf);
    if (rounded.length > 0)
      result.warnings.push({
        code: "amount_rounded",
        message: `${rounded.length} amount${rounded.length === 1 ? " was" : "s were"} within 1e-9 of a cent and rounded to it (e.g. ${rounded[0]!.sent} → ${rounded[0]!.decimal})`,
      });
  } finally {
    await staging.close();
  }

  const imported = result.accounts.filter((a) => a.status === "imported").length;
  result.status = result.errors.length === 0 ? "succeeded" : imported > 0 ? "partial" : "failed";
  log?.info(
    {
      connectionId: connection.id,
      status: result.status,
      added: result.added,
      updated: result.updated,
      removed: result.removed,
      quarantined: result.quarantined,
      quarantineResolved: result.quarantineResolved,
      accounts: result.accounts.length,
      closed: result.closed.length,
      warnings: result.warnings.length,
    },
    "import finished",
  );
  return result;
}

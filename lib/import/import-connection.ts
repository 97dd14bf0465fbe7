/**
 * Imports what XS2A holds for one connection: accounts, balances and turnovers.
 *
 * Order of a run: every network read happens first, outside any database transaction; then the
 * account list is written in one short transaction, then each account's transactions in their own.
 * A failure of one account (reading or writing) leaves the others imported, and the run is
 * `partial`. This does not start an XS2A sync and does not record a SyncRun (the sync engine does
 * both, and owns the connection's own state such as `lastImportedAt`).
 */
import type { BankConnection, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseCalendarDate } from "./sanitize.ts";
import type { ImportSource, SourceAccount, SourceBalance, SourceTurnover, SyncWarning } from "./types.ts";
import { upsertAccounts, type AccountMatch } from "./upsert-accounts.ts";
import { upsertAccountTransactions } from "./upsert-transactions.ts";

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
  warnings: SyncWarning[];
}

export interface ImportConnectionResult {
  status: "succeeded" | "partial" | "failed";
  added: number;
  updated: number;
  removed: number;
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
  turnovers: SourceTurnover[] | null;
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

function earliestDate(turnovers: readonly SourceTurnover[] | null): string | null {
  let min: string | null = null;
  for (const t of turnovers ?? []) {
    const d = parseCalendarDate(t.bookingDate);
    if (d && (min === null || d < min)) min = d;
  }
  return min;
}

export async function importConnection(opts: {
  db: PrismaClient;
  connection: BankConnection;
  source: ImportSource;
  /** YYYY-MM-DD: read turnovers booked from this day on; omitted = as far back as XS2A holds. */
  from?: string;
  log?: ImportLog;
}): Promise<ImportConnectionResult> {
  const { db, connection, source, log } = opts;
  const from = opts.from === undefined ? undefined : parseCalendarDate(opts.from);
  if (from === null) throw new AppError("invalid_input", "from must be a YYYY-MM-DD date");

  const result: ImportConnectionResult = {
    status: "succeeded",
    added: 0,
    updated: 0,
    removed: 0,
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

  // 1. Network: everything is read before anything is written.
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

  const fetched = await mapLimited(own, FETCH_CONCURRENCY, async (account): Promise<Fetched> => {
    const f: Fetched = { source: account, balance: null, turnovers: null, errors: [] };
    try {
      f.turnovers = await source.turnovers(account.id, from ? { from } : {});
    } catch (err) {
      f.errors.push({ stage: "turnovers", sourceAccountId: account.id, accountId: null, message: messageOf(err) });
    }
    try {
      f.balance = await source.balance(account.id);
    } catch (err) {
      f.errors.push({ stage: "balance", sourceAccountId: account.id, accountId: null, message: messageOf(err) });
    }
    return f;
  });

  // 2. The account list: identities, closing, duplicates, balances (only where the turnovers came
  // too, so balance and transactions stay from the same read).
  let upserted;
  try {
    upserted = await upsertAccounts({
      db,
      connection,
      accounts: fetched.map((f) => ({
        source: f.source,
        balance: f.turnovers ? f.balance : null,
        earliestBookingDate: earliestDate(f.turnovers),
      })),
    });
  } catch (err) {
    return fail({ stage: "accounts", sourceAccountId: null, accountId: null, message: messageOf(err) });
  }
  result.closed = upserted.closed;
  result.warnings.push(...upserted.warnings);
  const bySource = new Map(upserted.accounts.map((a) => [a.sourceAccountId, a]));

  // 3. Each account's transactions in its own transaction.
  for (const f of fetched) {
    const acct = bySource.get(f.source.id);
    const entry: ImportedAccount = {
      sourceAccountId: f.source.id,
      accountId: acct?.accountId ?? null,
      status: "imported",
      matchedBy: acct?.matchedBy ?? null,
      duplicateOfId: acct?.duplicateOfId ?? null,
      added: 0,
      updated: 0,
      removed: 0,
      warnings: [],
    };
    result.accounts.push(entry);
    const errors = f.errors.map((e) => ({ ...e, accountId: entry.accountId }));
    if (acct && f.turnovers) {
      try {
        const r = await upsertAccountTransactions({
          db,
          userId: connection.userId,
          accountId: acct.accountId,
          turnovers: f.turnovers,
          window: { from: from ?? null, to: null },
        });
        entry.added = r.added;
        entry.updated = r.updated;
        entry.removed = r.removed;
        entry.warnings = r.warnings.map((w) => ({ ...w, sourceAccountId: f.source.id }));
        result.added += r.added;
        result.updated += r.updated;
        result.removed += r.removed;
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

  const imported = result.accounts.filter((a) => a.status === "imported").length;
  result.status = result.errors.length === 0 ? "succeeded" : imported > 0 ? "partial" : "failed";
  log?.info(
    {
      connectionId: connection.id,
      status: result.status,
      added: result.added,
      updated: result.updated,
      removed: result.removed,
      accounts: result.accounts.length,
      closed: result.closed.length,
      warnings: result.warnings.length,
    },
    "import finished",
  );
  return result;
}

/**
 * Imports what XS2A holds for one connection: accounts, balances and turnovers.
 *
 * Order of a run: the account list, each account's balance and its newest window of turnovers are
 * read first, outside any database transaction; then the account list is written in one short
 * transaction, then each account's transactions, one window per transaction, newest first.
 * A failure of one account (reading or writing) leaves the others imported, and the run is
 * `partial`. This does not start an XS2A sync and does not record a SyncRun (the sync engine does
 * both, and owns the connection's own state such as `lastImportedAt`).
 *
 * Windows. XS2A returns an account's turnovers in one unpaginated response, so a long history
 * (a first import reads all of it) is read in booking-date windows, newest first, the read of
 * window n+1 running while window n is written: memory holds about two windows instead of the
 * whole history, and reading overlaps writing. The newest window is WINDOW_DAYS up to today (and
 * anything dated later); each older one is sized from the density of the one before (WINDOW_ROWS).
 * A window is whole days (`from`/`to` filter on the booking date), so identities do not depend on
 * where the windows fall, and the windows of one account share a normalisation session
 * (transaction ids, pending counts, warning budget): rows, counts and warnings are those of one
 * read of the whole range. With `from`, the windows end at it. Without, they go back to the first
 * day XS2A says it holds (`historyFrom`, from the response's `days`) and the last read is open
 * below, so nothing older is missed; an empty window in between is not the end.
 * Pending rows: the newest window reaches at least PENDING_MATCH_DAYS below the oldest stored
 * pending row (one more read if needed), so every stored pending row is replaced and linked to its
 * booked successor in that window's transaction, exactly as in one read; older windows hold none.
 * Balances are written with the account list when the newest window was read. A window that
 * fails (read or write) leaves the newer ones written and the account `failed` (the run
 * `partial`); nothing is doubled, and the sync engine's next run reads the whole history again.
 */
import type { BankConnection, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseCalendarDate } from "./sanitize.ts";
import type { ImportSource, SourceAccount, SourceBalance, SourceTurnover, SourceTurnovers, SyncWarning, TurnoverQuery } from "./types.ts";
import { extendHistoryFrom, upsertAccounts, type AccountMatch } from "./upsert-accounts.ts";
import { finishUpsertSession, PENDING_MATCH_DAYS, upsertAccountTransactions, upsertSession, type UpsertSession } from "./upsert-transactions.ts";

/** Bank calls in flight at once for one connection (XS2A and banks rate-limit). */
const FETCH_CONCURRENCY = 3;
/** Booking days of the newest window (see "Windows" above): ~8k rows for 100k turnovers a year. */
export const WINDOW_DAYS = 30;
/**
 * Rows an older window aims at: its length follows the density of the one before (at most 4×
 * longer, at most a year), so a quiet account takes two or three reads, a busy one many small ones.
 */
export const WINDOW_ROWS = 8000;
const MAX_WINDOW_DAYS = 366;

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

/** One window of turnovers as read: `from`/`to` null = open on that side. */
interface WindowRead {
  from: string | null;
  to: string | null;
  /** Its length in booking days (the newest window: up to today). */
  days: number;
  turnovers: SourceTurnover[];
  historyFrom: string | null;
  /** Earliest valid booking date in `turnovers`. */
  earliest: string | null;
}

interface Fetched {
  source: SourceAccount;
  balance: SourceBalance | null;
  /** The newest window, read with the balance before anything is written. */
  first: WindowRead | null;
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

const minDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

const berlinDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" });

async function readWindow(source: ImportSource, accountId: string, from: string | null, to: string | null, days: number): Promise<WindowRead> {
  const query: TurnoverQuery = {};
  if (from !== null) query.from = from;
  if (to !== null) query.to = to;
  const res: SourceTurnovers = await source.turnovers(accountId, query);
  return { from, to, days, turnovers: res.turnovers, historyFrom: parseCalendarDate(res.historyFrom ?? null), earliest: earliestDate(res.turnovers) };
}

/**
 * The window after (older than) the one starting at `lowest`, or null when there is none.
 * With the import's `from`, the windows end at it (the last one reaching down to exactly `from`).
 * Without one, they go back to `historyFrom` (where XS2A says its history starts; null: unknown)
 * and the last read is open below, so nothing older is missed (and a turnover whose date a server
 * compares as "0000-00-00" is read once, as by one unbounded read).
 */
function nextWindow(lowest: string, from: string | null, historyFrom: string | null, days: number): { from: string | null; to: string; days: number } | null {
  const to = addDays(lowest, -1);
  const start = addDays(to, -(days - 1));
  if (from !== null) {
    const floor = historyFrom !== null && historyFrom > from ? historyFrom : from;
    if (lowest <= floor) return null;
    return start <= floor ? { from, to, days } : { from: start, to, days };
  }
  if (historyFrom === null || start <= historyFrom) return { from: null, to, days };
  return { from: start, to, days };
}

export async function importConnection(opts: {
  db: PrismaClient;
  connection: BankConnection;
  source: ImportSource;
  /** YYYY-MM-DD: read turnovers booked from this day on; omitted = as far back as XS2A holds. */
  from?: string;
  /** YYYY-MM-DD (Berlin): where the newest window ends up; only a hint for its size. Default: the system clock. */
  today?: string;
  /** Booking days of the newest window and rows aimed at per older one; default WINDOW_DAYS / WINDOW_ROWS (tests use small ones). */
  windowDays?: number;
  windowRows?: number;
  log?: ImportLog;
}): Promise<ImportConnectionResult> {
  const { db, connection, source, log } = opts;
  const from = opts.from === undefined ? null : parseCalendarDate(opts.from);
  if (from === null && opts.from !== undefined) throw new AppError("invalid_input", "from must be a YYYY-MM-DD date");
  const today = parseCalendarDate(opts.today ?? null) ?? berlinDay.format(new Date());
  // The newest window: WINDOW_DAYS up to today and everything dated later (pending rows may be).
  const windowDays = Math.min(36_500, Math.max(1, Math.floor(opts.windowDays ?? WINDOW_DAYS)));
  const windowRows = Math.max(1, Math.floor(opts.windowRows ?? WINDOW_ROWS));
  const recent = addDays(today, -(windowDays - 1));
  const firstFrom = from !== null && from > recent ? from : recent;

  const result: ImportConnectionResult = { status: "succeeded", added: 0, updated: 0, removed: 0, accounts: [], closed: [], errors: [], warnings: [] };
  const fail = (error: ImportError): ImportConnectionResult => {
    result.errors.push(error);
    result.status = "failed";
    log?.warn({ connectionId: connection.id, stage: error.stage, error: error.message }, "import failed");
    return result;
  };

  // 1. Network: the account list, then per account its newest window and its balance.
  let listed: SourceAccount[];
  try {
    listed = await source.listAccounts();
  } catch (err) {
    return fail({ stage: "list", sourceAccountId: null, accountId: null, message: messageOf(err) });
  }
  // A source may list the bank user's other connections too; an account without a connection id
  // is trusted to belong to the connection the source was made for.
  const own = listed.filter((a) => a.bankConnectionId == null || connection.xs2aId == null || a.bankConnectionId === connection.xs2aId);

  const fetched = await mapLimited(own, FETCH_CONCURRENCY, async (account): Promise<Fetched> => {
    const f: Fetched = { source: account, balance: null, first: null, errors: [] };
    try {
      f.first = await readWindow(source, account.id, firstFrom, null, daysBetween(firstFrom, today) + 1);
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
        balance: f.first ? f.balance : null,
        earliestBookingDate: f.first?.earliest ?? null,
      })),
    });
  } catch (err) {
    return fail({ stage: "accounts", sourceAccountId: null, accountId: null, message: messageOf(err) });
  }
  result.closed = upserted.closed;
  result.warnings.push(...upserted.warnings);
  const bySource = new Map(upserted.accounts.map((a) => [a.sourceAccountId, a]));

  // 3. Each account's transactions, window by window, each window in its own transaction.
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
    if (acct && f.first) {
      await importWindows({ db, userId: connection.userId, accountId: acct.accountId, source, from, today, windowRows, fetched: f, entry, errors });
      result.added += entry.added;
      result.updated += entry.updated;
      result.removed += entry.removed;
      result.warnings.push(...entry.warnings);
    } else if (!acct && errors.length === 0) {
      errors.push({ stage: "accounts", sourceAccountId: f.source.id, accountId: null, message: "account was not written (invalid id)" });
    }
    if (errors.length > 0) {
      entry.status = "failed";
      result.errors.push(...errors);
      log?.warn({ connectionId: connection.id, accountId: entry.accountId, errors: errors.map((e) => `${e.stage}: ${e.message}`) }, "account import failed");
    }
  }

  const imported = result.accounts.filter((a) => a.status === "imported").length;
  result.status = result.errors.length === 0 ? "succeeded" : imported > 0 ? "partial" : "failed";
  log?.info(
    { connectionId: connection.id, status: result.status, added: result.added, updated: result.updated, removed: result.removed, accounts: result.accounts.length, closed: result.closed.length, warnings: result.warnings.length },
    "import finished",
  );
  return result;
}

/** Days of the window after `w`: as many as held ~`rows` rows in `w`, at most 4× `w`'s length. */
function nextWindowDays(w: WindowRead, rows: number): number {
  const want = Math.floor((w.days * rows) / Math.max(1, w.turnovers.length));
  return Math.max(1, Math.min(want, w.days * 4, MAX_WINDOW_DAYS));
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

/**
 * Writes one account's newest window, then reads and writes the older ones (reading window n+1
 * while window n is written) until the floor. Adds counts and warnings to `entry`, errors to
 * `errors`; stops at the first failure (the newer windows stay written).
 */
async function importWindows(opts: {
  db: PrismaClient;
  userId: string;
  accountId: string;
  source: ImportSource;
  from: string | null;
  today: string;
  windowRows: number;
  /** Its newest window is taken over (and let go once written). */
  fetched: Fetched;
  entry: ImportedAccount;
  errors: ImportError[];
}): Promise<void> {
  const { db, userId, accountId, source, from, today, windowRows, entry, errors } = opts;
  const sourceAccountId = opts.fetched.source.id;
  const session: UpsertSession = upsertSession();
  let current: WindowRead | null = opts.fetched.first!;
  opts.fetched.first = null;
  const historyFrom = current.historyFrom;
  const firstEarliest = current.earliest;
  let earliest = current.earliest;
  const readError = (err: unknown) => errors.push({ stage: "turnovers", sourceAccountId, accountId, message: messageOf(err) });

  // Every stored pending row must fall in the first window, with room for its successor's date:
  // widen it (one more read) when an older pending row is stored.
  if (current.from !== null && (from === null || current.from > from)) {
    let need: string | null = null;
    try {
      const stored = await db.transaction.aggregate({ where: { accountId, status: "PENDING" }, _min: { bookingDate: true } });
      const oldest = stored._min.bookingDate?.toISOString().slice(0, 10) ?? null;
      need = oldest === null ? null : addDays(oldest, -PENDING_MATCH_DAYS);
    } catch (err) {
      errors.push({ stage: "transactions", sourceAccountId, accountId, message: messageOf(err) });
      current = null;
    }
    if (current && need !== null && need < current.from!) {
      const extFrom = from !== null && from > need ? from : need;
      try {
        const days = daysBetween(extFrom, today) + 1;
        const ext = await readWindow(source, sourceAccountId, extFrom, addDays(current.from!, -1), days);
        current = { from: extFrom, to: null, days: Math.max(days, current.days), turnovers: current.turnovers.concat(ext.turnovers), historyFrom, earliest: minDate(current.earliest, ext.earliest) };
        earliest = current.earliest;
      } catch (err) {
        readError(err);
        current = null;
      }
    }
  }

  let isFirst = true;
  while (current) {
    const next = current.from === null ? null : nextWindow(current.from, from, historyFrom, nextWindowDays(current, windowRows));
    // Reading the next window overlaps writing this one (never inside its transaction).
    const reading = next ? settle(readWindow(source, sourceAccountId, next.from, next.to, next.days)) : null;
    // Only the first window can hold stored pending rows, so an empty later one has nothing to do.
    if (isFirst || current.turnovers.length > 0) {
      try {
        const r = await upsertAccountTransactions({
          db,
          userId,
          accountId,
          turnovers: current.turnovers,
          // An open lower end reaches down to the import's `from`, as one read would.
          window: { from: current.from ?? from, to: current.to },
          session,
        });
        entry.added += r.added;
        entry.updated += r.updated;
        entry.removed += r.removed;
        entry.warnings.push(...r.warnings.map((w) => ({ ...w, sourceAccountId })));
      } catch (err) {
        errors.push({ stage: "transactions", sourceAccountId, accountId, message: messageOf(err) });
        await reading; // settled: never rejects; its rows are dropped
        break;
      }
    }
    isFirst = false;
    current = null;
    if (!reading) break;
    const read = await reading;
    if (!read.ok) {
      readError(read.error);
      break;
    }
    current = read.value;
    earliest = minDate(earliest, current.earliest);
  }

  entry.warnings.push(...finishUpsertSession(session).map((w) => ({ ...w, sourceAccountId })));
  // historyFrom only moves earlier; the first window's earliest day went with the account list.
  if (earliest !== null && earliest !== firstEarliest) {
    try {
      await extendHistoryFrom({ db, accountId, earliestBookingDate: earliest });
    } catch (err) {
      errors.push({ stage: "accounts", sourceAccountId, accountId, message: messageOf(err) });
    }
  }
}

/**
 * Writes the account list of one connection, in one short transaction (no network inside).
 *
 * Invariants:
 *  - An account keeps its row — and with it its transactions, the user's categories and notes —
 *    across consent renewals and re-links, even when XS2A hands out new account ids: it is found by
 *    (userId, xs2aId), else by IBAN (then account number + bank code, then an unambiguous
 *    type + description + holder) among the user's accounts of this connection, of the connections
 *    it was re-linked from, or orphaned by a deleted connection.
 *  - Accounts are never deleted here: one this connection no longer returns gets `closedAt` and is
 *    reopened if it comes back. An empty account list closes nothing (it is reported instead).
 *  - When one IBAN is shown through several active connections of the user, the oldest account
 *    stays primary and the others point at it with `duplicateOfId`.
 *  - One BalanceSnapshot per account and Berlin calendar day; a balance older than the stored one
 *    does not overwrite it. `historyFrom` only ever moves earlier.
 *  - Rows are only written when something changed.
 */
import type { BankAccount, BankConnection, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import {
  compactUpper,
  normalizeBic,
  normalizeCurrency,
  normalizeIban,
  parseCalendarDate,
  parseMoney,
  sanitizeNullable,
} from "./sanitize.ts";
import type { SourceAccount, SourceAccountType, SourceBalance, SyncWarning } from "./types.ts";

export interface AccountInput {
  source: SourceAccount;
  /** The balance fetched now; null/undefined leaves the stored balance alone (e.g. its fetch failed). */
  balance?: SourceBalance | null;
  /** Earliest booking date XS2A delivered in this import (YYYY-MM-DD). */
  earliestBookingDate?: string | null;
}

export type AccountMatch = "xs2aId" | "iban" | "accountNumber" | "description" | "created";

export interface UpsertedAccount {
  sourceAccountId: string;
  accountId: string;
  matchedBy: AccountMatch;
  reopened: boolean;
  currency: string;
  duplicateOfId: string | null;
}

export interface UpsertAccountsResult {
  accounts: UpsertedAccount[];
  /** Ids of the accounts closed by this import. */
  closed: string[];
  warnings: SyncWarning[];
}

const ACCOUNT_TYPE = {
  giro: "GIRO",
  savings: "SAVINGS",
  creditcard: "CREDITCARD",
  loan: "LOAN",
  securities: "SECURITIES",
  wallet: "WALLET",
  other: "OTHER",
} as const satisfies Record<SourceAccountType, string>;

const berlinDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const toDay = (d: Date) => berlinDay.format(d);
const dateOnly = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const dec = (v: { toFixed(n: number): string } | null) => (v === null ? null : v.toFixed(2));

function cleanAccount(src: SourceAccount) {
  return {
    iban: normalizeIban(src.iban),
    accountNumber: compactUpper(src.accountNumber, 64),
    bankCode: compactUpper(src.bankCode, 32),
    bic: normalizeBic(src.bic),
    bankName: sanitizeNullable(src.bankName, 300),
    holder: sanitizeNullable(src.holder, 300),
    description: sanitizeNullable(src.description, 300),
    type: ACCOUNT_TYPE[src.type] ?? "OTHER",
    jointAccount: src.jointAccount === true,
  };
}

type Tx = Prisma.TransactionClient;

export async function upsertAccounts(opts: {
  db: PrismaClient;
  connection: Pick<BankConnection, "id" | "userId" | "relinkedFromId">;
  accounts: readonly AccountInput[];
  now?: Date;
}): Promise<UpsertAccountsResult> {
  const { db, connection } = opts;
  const userId = connection.userId;
  const now = opts.now ?? new Date();
  const inputs = uniqueBySourceId(opts.accounts);

  return db.$transaction(
    async (tx) => {
      // Matching and duplicate flags look at all of the user's accounts: one writer per user.
      await tx.$queryRawUnsafe(
        `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) l`,
        `sync-accounts:${userId}`,
      );
      const connections = await tx.bankConnection.findMany({
        where: { userId },
        select: { id: true, relinkedFromId: true, status: true },
      });
      const byId = new Map(connections.map((c) => [c.id, c]));
      const existing = await tx.bankAccount.findMany({
        where: { userId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      const ctx: MatchContext = {
        connectionId: connection.id,
        family: connectionFamily(connection, byId),
        existing,
        sourceIds: new Set(inputs.map((i) => i.source.id)),
        taken: new Set<string>(),
      };

      const results: UpsertedAccount[] = [];
      for (const input of inputs) {
        const { match, matchedBy } = findMatch(ctx, input.source);
        const written = await writeAccount(tx, { userId, connectionId: connection.id, input, match, now });
        if (!match) existing.push(written.account);
        ctx.taken.add(written.account.id);
        existing[existing.findIndex((a) => a.id === written.account.id)] = written.account;
        results.push({
          sourceAccountId: input.source.id,
          accountId: written.account.id,
          matchedBy: match ? matchedBy : "created",
          reopened: written.reopened,
          currency: written.account.currency,
          duplicateOfId: null,
        });
      }

      const warnings: SyncWarning[] = [];
      const closed = await closeMissing(tx, { ctx, inputs, now, warnings });
      const active = (connectionId: string | null) =>
        connectionId !== null && (connectionId === connection.id || byId.get(connectionId)?.status === "ACTIVE");
      await flagDuplicates(tx, { existing, active, results });
      return { accounts: results, closed, warnings };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

/** Source ids must be unique; a repeated one is the same account. */
function uniqueBySourceId(accounts: readonly AccountInput[]): AccountInput[] {
  const inputs: AccountInput[] = [];
  const seen = new Set<string>();
  for (const input of accounts) {
    const id = sanitizeNullable(input.source.id, 200);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    inputs.push({ ...input, source: { ...input.source, id } });
  }
  return inputs;
}

/** This connection and the ones it was re-linked from (their accounts may be taken over). */
function connectionFamily(
  connection: Pick<BankConnection, "id" | "relinkedFromId">,
  byId: Map<string, { id: string; relinkedFromId: string | null }>,
): Set<string> {
  const family = new Set<string>([connection.id]);
  for (let c = byId.get(connection.relinkedFromId ?? ""); c && !family.has(c.id); c = byId.get(c.relinkedFromId ?? ""))
    family.add(c.id);
  return family;
}

interface MatchContext {
  connectionId: string;
  family: Set<string>;
  /** All of the user's accounts, kept current as this import writes them. */
  existing: BankAccount[];
  /** XS2A ids this import returned. */
  sourceIds: Set<string>;
  /** Accounts already matched by this import. */
  taken: Set<string>;
}

/** The stored account a returned one is: by XS2A id, else IBAN, account number + bank code, or an unambiguous description. */
function findMatch(ctx: MatchContext, src: SourceAccount): { match: BankAccount | undefined; matchedBy: AccountMatch } {
  const byXs2aId = ctx.existing.find((a) => a.xs2aId === src.id && !ctx.taken.has(a.id));
  if (byXs2aId) return { match: byXs2aId, matchedBy: "xs2aId" };
  const clean = cleanAccount(src);
  // Rows another returned account still owns by id are not up for grabs.
  const pool = ctx.existing.filter(
    (a) =>
      !ctx.taken.has(a.id) &&
      !ctx.sourceIds.has(a.xs2aId) &&
      (a.connectionId === null || ctx.family.has(a.connectionId)),
  );
  const prefer = (list: BankAccount[]) =>
    [...list].sort(
      (x, y) =>
        Number(y.connectionId === ctx.connectionId) - Number(x.connectionId === ctx.connectionId) ||
        Number(x.closedAt !== null) - Number(y.closedAt !== null),
    )[0];
  if (clean.iban) return { match: prefer(pool.filter((a) => a.iban === clean.iban)), matchedBy: "iban" };
  if (clean.accountNumber && clean.bankCode) {
    const same = pool.filter(
      (a) => !a.iban && a.accountNumber === clean.accountNumber && a.bankCode === clean.bankCode,
    );
    return { match: prefer(same), matchedBy: "accountNumber" };
  }
  const same = pool.filter(
    (a) =>
      !a.iban &&
      !a.accountNumber &&
      a.type === clean.type &&
      a.description === clean.description &&
      a.holder === clean.holder,
  );
  // Only an unambiguous match keeps identity; otherwise a new account is safer than a wrong merge.
  return { match: same.length === 1 ? same[0] : undefined, matchedBy: "description" };
}

/** Updates the matched account (only what changed) or creates it, then its balance. */
async function writeAccount(
  tx: Tx,
  w: { userId: string; connectionId: string; input: AccountInput; match: BankAccount | undefined; now: Date },
): Promise<{ account: BankAccount; reopened: boolean }> {
  const { input, match } = w;
  const src = input.source;
  const clean = cleanAccount(src);
  const balance = input.balance ?? null;
  const currency = normalizeCurrency(balance?.currency) ?? match?.currency ?? "EUR";
  const earliest = parseCalendarDate(input.earliestBookingDate ?? null);

  let account: BankAccount;
  let reopened = false;
  if (match) {
    const changes: Record<string, unknown> = {};
    const want = { ...clean, xs2aId: src.id, connectionId: w.connectionId, currency } as const;
    for (const [k, v] of Object.entries(want)) if ((match as Record<string, unknown>)[k] !== v) changes[k] = v;
    if (match.closedAt !== null) {
      changes.closedAt = null;
      reopened = true;
    }
    if (earliest && (!match.historyFrom || earliest < dayOf(match.historyFrom)!))
      changes.historyFrom = dateOnly(earliest);
    account = Object.keys(changes).length
      ? await tx.bankAccount.update({ where: { id: match.id }, data: changes })
      : match;
  } else {
    account = await tx.bankAccount.create({
      data: {
        userId: w.userId,
        connectionId: w.connectionId,
        xs2aId: src.id,
        ...clean,
        currency,
        historyFrom: earliest ? dateOnly(earliest) : null,
      },
    });
  }
  if (balance) account = await writeBalance(tx, account, balance, w.now);
  return { account, reopened };
}

/**
 * What a fetched balance writes: the values, when it was observed and its Berlin day (the
 * BalanceSnapshot's). Null when it carries no usable balance (then nothing is written).
 */
export function balanceValues(
  balance: SourceBalance,
  now: Date,
): { balance: string; available: string | null; limit: string | null; asOf: Date; observedOn: string } | null {
  const balanceMoney = parseMoney(balance.balance);
  if (!balanceMoney) return null;
  const asOf = balance.date && !Number.isNaN(balance.date.getTime()) ? balance.date : now;
  return {
    balance: balanceMoney.decimal,
    available: parseMoney(balance.available)?.decimal ?? null,
    limit: parseMoney(balance.limit)?.decimal ?? null,
    asOf,
    observedOn: toDay(asOf),
  };
}

/** The account's balance and the day's BalanceSnapshot; an older balance never overwrites a newer one. */
async function writeBalance(tx: Tx, account: BankAccount, balance: SourceBalance, now: Date): Promise<BankAccount> {
  const balanceMoney = parseMoney(balance.balance);
  if (!balanceMoney) return account;
  const asOf = balance.date && !Number.isNaN(balance.date.getTime()) ? balance.date : now;
  const available = parseMoney(balance.available)?.decimal ?? null;
  const limit = parseMoney(balance.limit)?.decimal ?? null;
  if (account.balanceAsOf && asOf.getTime() < account.balanceAsOf.getTime()) return account;
  if (
    dec(account.balance) !== balanceMoney.decimal ||
    dec(account.available) !== available ||
    dec(account.limit) !== limit ||
    account.balanceAsOf?.getTime() !== asOf.getTime()
  ) {
    account = await tx.bankAccount.update({
      where: { id: account.id },
      data: { balance: balanceMoney.decimal, available, limit, balanceAsOf: asOf },
    });
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "BalanceSnapshot" ("accountId", "observedOn", balance, available)
     VALUES ($1, $2::date, $3::numeric, $4::numeric)
     ON CONFLICT ("accountId", "observedOn") DO UPDATE SET balance = EXCLUDED.balance, available = EXCLUDED.available
     WHERE ("BalanceSnapshot".balance, "BalanceSnapshot".available) IS DISTINCT FROM (EXCLUDED.balance, EXCLUDED.available)`,
    account.id,
    toDay(asOf),
    balanceMoney.decimal,
    available,
  );
  return account;
}

/** This connection's accounts the import did not return are closed (never deleted); an empty list closes none. */
async function closeMissing(
  tx: Tx,
  c: { ctx: MatchContext; inputs: AccountInput[]; now: Date; warnings: SyncWarning[] },
): Promise<string[]> {
  const { existing, connectionId, taken } = c.ctx;
  if (c.inputs.length === 0) {
    if (existing.some((a) => a.connectionId === connectionId && a.closedAt === null))
      c.warnings.push({
        code: "accounts_suspicious",
        message: "XS2A returned no accounts for this connection; none were closed",
      });
    return [];
  }
  const closed: string[] = [];
  for (const [i, a] of existing.entries()) {
    if (a.connectionId !== connectionId || a.closedAt !== null || taken.has(a.id)) continue;
    existing[i] = await tx.bankAccount.update({ where: { id: a.id }, data: { closedAt: c.now } });
    closed.push(a.id);
  }
  return closed;
}

/**
 * Duplicate flags, recomputed for all of the user's accounts (a handful): deterministic, so the
 * imports of two connections agree on the primary (the oldest open account of an IBAN).
 */
async function flagDuplicates(
  tx: Tx,
  f: { existing: BankAccount[]; active: (connectionId: string | null) => boolean; results: UpsertedAccount[] },
) {
  const primaryByIban = new Map<string, BankAccount>();
  for (const a of f.existing) {
    if (!a.iban || a.closedAt !== null || !f.active(a.connectionId)) continue;
    const p = primaryByIban.get(a.iban);
    if (!p || a.createdAt < p.createdAt || (a.createdAt.getTime() === p.createdAt.getTime() && a.id < p.id))
      primaryByIban.set(a.iban, a);
  }
  for (const a of f.existing) {
    const p = a.iban && a.closedAt === null && f.active(a.connectionId) ? primaryByIban.get(a.iban) : undefined;
    const want = p && p.id !== a.id && p.connectionId !== a.connectionId ? p.id : null;
    if (a.duplicateOfId !== want) await tx.bankAccount.update({ where: { id: a.id }, data: { duplicateOfId: want } });
    const r = f.results.find((x) => x.accountId === a.id);
    if (r) r.duplicateOfId = want;
  }
}

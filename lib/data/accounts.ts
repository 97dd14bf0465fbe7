import "server-only";
import { cachedForUser } from "@/lib/cache/user-cache";
import { cache } from "react";
import type { Viewer } from "@/lib/auth/viewer";
import { connectionNamer, namingSelect } from "@/lib/data/connection-names";
import { db } from "@/lib/db";
import { addDays, fromCents, toCents } from "@/lib/transactions/cents";

/** An account as the combined view shows it. No credentials, full IBAN only to its owner. */
export interface AccountDto {
  id: string;
  name: string;
  type: string;
  iban: string | null;
  holder: string | null;
  currency: string;
  bankName: string;
  connectionId: string | null;
  balance: string | null;
  available: string | null;
  limit: string | null;
  /** When the bank reported the balance (else when Saldo last imported the bank). */
  dataAsOf: Date | null;
  historyFrom: string | null;
  closed: boolean;
}

const accountSelect = {
  id: true,
  description: true,
  type: true,
  iban: true,
  holder: true,
  currency: true,
  bankName: true,
  connectionId: true,
  balance: true,
  available: true,
  limit: true,
  balanceAsOf: true,
  historyFrom: true,
  closedAt: true,
  connection: { select: { lastImportedAt: true, ...namingSelect } },
} as const;

type Row = {
  id: string;
  description: string | null;
  type: string;
  iban: string | null;
  holder: string | null;
  currency: string;
  bankName: string | null;
  connectionId: string | null;
  balance: { toFixed(n: number): string } | null;
  available: { toFixed(n: number): string } | null;
  limit: { toFixed(n: number): string } | null;
  balanceAsOf: Date | null;
  historyFrom: Date | null;
  closedAt: Date | null;
  connection: {
    name: string | null;
    bankName: string | null;
    accounts: { description: string | null; type: string; iban: string | null }[];
    lastImportedAt: Date | null;
  } | null;
};

type Namer = Awaited<ReturnType<typeof connectionNamer>>;

function toDto(a: Row, nameOfConnection: Namer): AccountDto {
  return {
    id: a.id,
    name: a.description ?? a.type,
    type: a.type,
    iban: a.iban,
    holder: a.holder,
    currency: a.currency,
    // The bank login's name (its user-given or default name), so two logins at one bank read apart.
    bankName: a.connection ? nameOfConnection(a.connection) : (a.bankName ?? ""),
    connectionId: a.connectionId,
    balance: a.balance?.toFixed(2) ?? null,
    available: a.available?.toFixed(2) ?? null,
    limit: a.limit?.toFixed(2) ?? null,
    dataAsOf: a.balanceAsOf ?? a.connection?.lastImportedAt ?? null,
    historyFrom: a.historyFrom?.toISOString().slice(0, 10) ?? null,
    closed: !!a.closedAt,
  };
}

/**
 * The viewer's accounts that count: not hidden as a duplicate of another login's account (the
 * same IBAN seen twice is shown once), and not of a bank being removed. Closed accounts stay,
 * flagged, because their history is still the user's.
 */
export async function listVisibleAccounts(viewer: Viewer): Promise<AccountDto[]> {
  return cachedForUser(viewer.id, "visible-accounts", [], () => readVisibleAccounts(viewer));
}

async function readVisibleAccounts(viewer: Viewer): Promise<AccountDto[]> {
  const rows = await db.bankAccount.findMany({
    where: {
      userId: viewer.id,
      duplicateOfId: null,
      OR: [{ connectionId: null }, { connection: { status: { in: ["ACTIVE", "DISABLED"] } } }],
    },
    orderBy: [{ createdAt: "asc" }],
    select: accountSelect,
  });
  const namer = await connectionNamer(viewer.id);
  return rows.map((r) => toDto(r, namer));
}

export interface BankGroupDto {
  key: string;
  bankName: string;
  dataAsOf: Date | null;
  accounts: AccountDto[];
}

/** Accounts grouped by bank login, in the order the user linked them. */
export function groupByBank(accounts: AccountDto[]): BankGroupDto[] {
  const groups = new Map<string, BankGroupDto>();
  for (const a of accounts) {
    const key = a.connectionId ?? `bank:${a.bankName}`;
    const g = groups.get(key) ?? { key, bankName: a.bankName, dataAsOf: null, accounts: [] };
    g.accounts.push(a);
    // The oldest account figure is what the whole group can promise.
    if (a.dataAsOf && (!g.dataAsOf || a.dataAsOf < g.dataAsOf)) g.dataAsOf = a.dataAsOf;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** One account of the viewer; null when it does not exist or is not theirs. Cached per request. */
export const getAccount = cache((viewer: Viewer, unverifiedAccountId: string): Promise<AccountDto | null> =>
  cachedForUser(viewer.id, "account", [unverifiedAccountId], () => readAccount(viewer, unverifiedAccountId)),
);

async function readAccount(viewer: Viewer, unverifiedAccountId: string): Promise<AccountDto | null> {
  const row = await db.bankAccount.findFirst({
    where: { id: unverifiedAccountId, userId: viewer.id },
    select: accountSelect,
  });
  return row ? toDto(row, await connectionNamer(viewer.id)) : null;
}

export interface BalancePoint {
  date: string;
  balance: string;
}

/**
 * Daily end-of-day balances for the last `days` days, derived backwards from the current booked
 * balance and the booked transactions (the bank's own snapshots win on the days we have them).
 * Derived in SQL with a window sum so it costs one index range scan per account.
 */
export async function balanceHistory(
  viewer: Viewer,
  account: AccountDto,
  opts: { today: string; days: number },
): Promise<BalancePoint[]> {
  if (account.balance === null) return [];
  return cachedForUser(viewer.id, "balance-history", [account.id, account.balance, opts.today, opts.days], () =>
    readBalanceHistory(viewer, account, opts),
  );
}

async function readBalanceHistory(
  viewer: Viewer,
  account: AccountDto,
  opts: { today: string; days: number },
): Promise<BalancePoint[]> {
  const from = addDays(opts.today, -opts.days);
  const [movements, snapshots] = await Promise.all([
    db.$queryRaw<{ d: Date; total: { toString(): string } }[]>`
      SELECT t."bookingDate" AS d, sum(t.amount) AS total
      FROM "Transaction" t
      WHERE t."userId" = ${viewer.id} AND t."accountId" = ${account.id} AND t.status = 'BOOKED' AND t."bookingDate" > ${from}::date
      GROUP BY t."bookingDate"`,
    db.balanceSnapshot.findMany({
      where: {
        accountId: account.id,
        account: { userId: viewer.id },
        observedOn: { gte: new Date(`${from}T00:00:00Z`) },
      },
      select: { observedOn: true, balance: true },
    }),
  ]);
  const byDay = new Map(movements.map((r) => [r.d.toISOString().slice(0, 10), toCents(r.total.toString())]));
  const snap = new Map(snapshots.map((s) => [s.observedOn.toISOString().slice(0, 10), toCents(s.balance.toFixed(2))]));
  const out: BalancePoint[] = [];
  let cents = toCents(account.balance ?? "0");
  // Booked movements dated after "today" (banks sometimes book ahead) are in the balance already.
  for (const [day, c] of byDay) if (day > opts.today) cents -= c;
  for (let day = opts.today; day >= from; day = addDays(day, -1)) {
    const value = snap.get(day) ?? cents;
    out.push({ date: day, balance: fromCents(value) });
    cents -= byDay.get(day) ?? 0;
  }
  return out.reverse();
}

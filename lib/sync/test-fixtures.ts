/** Fixtures for lib/sync tests: rows with unique ids, and turnovers/accounts with sane defaults. */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decimalFromCents } from "./sanitize.ts";
import type { ImportSource, SourceAccount, SourceBalance, SourceTurnover } from "./types.ts";

export const uid = (prefix = "t") => `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 16)}`;

export async function createUser(db: PrismaClient) {
  const id = uid("user");
  return db.user.create({ data: { id, email: `${id}@example.test`, passwordHash: "x" } });
}

export async function createConnection(
  db: PrismaClient,
  userId: string,
  data: { status?: "PENDING" | "ACTIVE" | "DISABLED" | "REMOVED"; relinkedFromId?: string } = {},
) {
  const id = uid("conn");
  return db.bankConnection.create({
    data: {
      id,
      userId,
      xs2aId: uid("xconn"),
      transaction: uid("wtx"),
      syncMode: "FULL",
      status: data.status ?? "ACTIVE",
      relinkedFromId: data.relinkedFromId,
    },
  });
}

export async function createAccount(
  db: PrismaClient,
  userId: string,
  connectionId: string | null,
  data: { iban?: string; currency?: string } = {},
) {
  return db.bankAccount.create({
    data: {
      id: uid("acct"),
      userId,
      connectionId,
      xs2aId: uid("xacct"),
      iban: data.iban ?? null,
      currency: data.currency ?? "EUR",
      type: "GIRO",
    },
  });
}

export function turnover(over: Partial<Omit<SourceTurnover, "amount">> & { cents?: number } = {}): SourceTurnover {
  const { cents = -320, ...rest } = over;
  return {
    id: null,
    transactionId: null,
    bookingDate: "2026-11-02",
    amount: { cents, decimal: decimalFromCents(cents) },
    currency: "EUR",
    purpose: ["Kaffee Bohne & Co"],
    counterIban: null,
    counterBic: null,
    counterHolder: "Café Bohne",
    prebooked: false,
    canceled: false,
    tags: [],
    categoryId: null,
    creditorId: null,
    ...rest,
  };
}

export function sourceAccount(over: Partial<SourceAccount> = {}): SourceAccount {
  return {
    id: uid("xacct"),
    bankConnectionId: null,
    holder: "Max Mustermann",
    iban: "DE62888888880012345678",
    description: "Girokonto",
    bic: "TESTDE88XXX",
    accountNumber: "0012345678",
    bankCode: "88888888",
    bankName: "Testbank",
    countryId: "DE",
    type: "giro",
    jointAccount: false,
    ...over,
  };
}

export function sourceBalance(cents: number, date = new Date("2026-11-20T10:00:00Z")): SourceBalance {
  return { balance: { cents, decimal: decimalFromCents(cents) }, available: null, limit: null, currency: "EUR", date };
}

/** An in-memory ImportSource; failures can be injected per account and call. */
export function memorySource(data: {
  accounts: SourceAccount[];
  balances?: Record<string, SourceBalance>;
  turnovers?: Record<string, SourceTurnover[]>;
  failBalance?: string[];
  failTurnovers?: string[];
  failList?: boolean;
}): ImportSource {
  return {
    async listAccounts() {
      if (data.failList) throw new Error("listAccounts failed");
      return data.accounts;
    },
    async balance(accountId) {
      if (data.failBalance?.includes(accountId)) throw new Error(`balance of ${accountId} failed`);
      return data.balances?.[accountId] ?? { balance: null, available: null, limit: null, currency: "EUR", date: null };
    },
    async turnovers(accountId, query) {
      if (data.failTurnovers?.includes(accountId)) throw new Error(`turnovers of ${accountId} failed`);
      return (data.turnovers?.[accountId] ?? []).filter(
        (t) => (!query.from || t.bookingDate >= query.from) && (!query.to || t.bookingDate <= query.to),
      );
    },
  };
}

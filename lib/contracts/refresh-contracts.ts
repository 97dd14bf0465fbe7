import "server-only";
import { db } from "@/lib/db";
import { CADENCE_FROM_DB } from "./contract-overview.ts";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ContractCadence as DbCadence } from "@/lib/generated/prisma/enums";
import {
  detectContractsWithDecisions,
  type Cadence,
  type ContractClaim,
  type ContractTransaction,
  type DetectedContract,
  type ShapedContract,
} from "./detect-contracts.ts";

export const CADENCE_TO_DB: Record<Cadence, DbCadence> = {
  weekly: "WEEKLY",
  monthly: "MONTHLY",
  quarterly: "QUARTERLY",
  "half-yearly": "HALF_YEARLY",
  yearly: "YEARLY",
};

function dateOnly(ymd: string): Date {
  return new Date(`${ymd}T00:00:00Z`);
}

function money(cents: number): Prisma.Decimal {
  return new Prisma.Decimal(cents).div(100);
}

/** A stored `claims` value read forgivingly (anything else is no claim). */
export function readClaims(value: unknown): ContractClaim[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((c: unknown) => {
    const o = c as { key?: unknown; from?: unknown } | null;
    if (!o || typeof o.key !== "string") return [];
    return [{ key: o.key, from: typeof o.from === "string" ? o.from : null }];
  });
}

/** Serialises every contract decision detection must follow: claims and pins. */
export function lockContracts(tx: Prisma.TransactionClient, userId: string) {
  return tx.$queryRawUnsafe(
    `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) l`,
    `contracts:${userId}`,
  );
}

/** The user-shaped contracts (with claims or pinned payments) and a fingerprint of those decisions. */
async function readDecisions(client: Prisma.TransactionClient | typeof db, userId: string) {
  const [rows, pins] = await Promise.all([
    client.contract.findMany({
      where: { userId },
      select: { id: true, claims: true, cadence: true },
      orderBy: { id: "asc" },
    }),
    client.contractTransaction.findMany({
      where: { pinned: true, contract: { userId } },
      select: { contractId: true, transactionId: true },
      orderBy: [{ contractId: "asc" }, { transactionId: "asc" }],
    }),
  ]);
  const pinned = new Map<string, string[]>();
  for (const p of pins) {
    const list = pinned.get(p.contractId);
    if (list) list.push(String(p.transactionId));
    else pinned.set(p.contractId, [String(p.transactionId)]);
  }
  const shaped: ShapedContract[] = rows.flatMap((r) => {
    const claims = readClaims(r.claims);
    const pins = pinned.get(r.id) ?? [];
    return claims.length || pins.length
      ? [{ id: r.id, claims, pinned: pins, cadence: CADENCE_FROM_DB[r.cadence] }]
      : [];
  });
  return { shaped, fingerprint: JSON.stringify(shaped) };
}

export interface RefreshContractsResult {
  detected: number;
  created: number;
  removed: number;
}

function detectedData(c: DetectedContract, detectedAt: Date) {
  return {
    direction: c.direction,
    detectedName: c.name.slice(0, 200),
    cadence: CADENCE_TO_DB[c.cadence],
    counterpartyName: c.counterpartyName,
    counterpartyIban: c.counterpartyIban,
    creditorId: c.creditorId,
    mandateReference: c.mandateReference,
    categoryId: c.categoryId,
    amountMin: money(c.amountMinCents),
    amountMax: money(c.amountMaxCents),
    typicalAmount: money(c.typicalAmountCents),
    lastAmount: money(c.lastAmountCents),
    firstDate: dateOnly(c.firstDate),
    lastDate: dateOnly(c.lastDate),
    nextDate: dateOnly(c.nextDate),
    active: c.active,
    accountIds: c.accountIds,
    missingSince: null,
    detectedAt,
  };
}

/**
 * Runs detection over all of a user's booked transactions and stores the result. Detected fields
 * are rewritten; the user's decisions (status, name, end date, notice period, and the shaping of
 * merged, split and hand-marked contracts: `claims` and pinned payments) are kept and followed
 * (detect-contracts.ts, detectContractsWithDecisions). A suggestion detection no longer finds is
 * removed; a confirmed, dismissed or shaped contract stays (with `missingSince`), so a dismissed
 * one is never suggested again. Idempotent. A decision made while detection ran is not lost: the
 * write holds the user's contracts lock and detection runs again when the decisions changed.
 */
export async function refreshContracts(opts: { userId: string; today: string }): Promise<RefreshContractsResult> {
  const accounts = await db.bankAccount.findMany({
    // An account hidden as the duplicate of another shows the same movements again.
    where: { userId: opts.userId, duplicateOfId: null },
    select: { id: true, iban: true, holder: true },
  });
  const allIbans = await db.bankAccount.findMany({ where: { userId: opts.userId }, select: { iban: true } });
  const transactions = await readTransactions(
    opts.userId,
    accounts.map((a) => a.id),
  );
  const run = (shaped: ShapedContract[]) =>
    detectContractsWithDecisions({
      transactions,
      ownIbans: allIbans.flatMap((a) => (a.iban ? [a.iban] : [])),
      ownNames: accounts.flatMap((a) => (a.holder ? [a.holder] : [])),
      today: opts.today,
      shaped,
    });
  let decisions = await readDecisions(db, opts.userId);
  let found = run(decisions.shaped);
  // The app-clock day detection ran on (midnight UTC): alerts judge "late" against it.
  const detectedAt = new Date(`${opts.today}T00:00:00Z`);
  for (let attempt = 0; ; attempt++) {
    const result = await db.$transaction(
      async (tx) => {
        await lockContracts(tx, opts.userId);
        const now = await readDecisions(tx, opts.userId);
        if (now.fingerprint !== decisions.fingerprint) return now;
        return write(tx, opts.userId, found, detectedAt);
      },
      { timeout: 60_000 },
    );
    if ("detected" in result) return result;
    if (attempt >= 4) throw new Error("contract decisions kept changing during detection");
    decisions = result;
    found = run(decisions.shaped);
  }
}

async function write(
  tx: Prisma.TransactionClient,
  userId: string,
  found: ReturnType<typeof detectContractsWithDecisions>,
  detectedAt: Date,
): Promise<RefreshContractsResult> {
  const existing = await tx.contract.findMany({ where: { userId }, select: { id: true, key: true, status: true } });
  const byKey = new Map(existing.map((c) => [c.key, c]));
  const links = async (contractId: string, transactionIds: string[]) => {
    // Pinned links are the user's; only detection's own are rewritten.
    await tx.contractTransaction.deleteMany({ where: { contractId, pinned: false } });
    await tx.contractTransaction.createMany({
      data: transactionIds.map((id) => ({ contractId, transactionId: BigInt(id) })),
      skipDuplicates: true,
    });
  };
  let created = 0;
  const seen = new Set<string>();
  for (const [id, c] of found.shaped) {
    seen.add(id);
    if (c) {
      await tx.contract.update({ where: { id }, data: detectedData(c, detectedAt), select: { id: true } });
      await links(id, c.transactionIds);
    } else {
      await tx.contract.updateMany({
        where: { id, missingSince: null },
        data: { missingSince: detectedAt, active: false },
      });
      await links(id, []);
    }
  }
  for (const c of found.detected) {
    const prior = byKey.get(c.key);
    // A shaped contract's key is never detection's again (its groups are claimed).
    if (prior && seen.has(prior.id)) continue;
    if (prior) seen.add(prior.id);
    const data = detectedData(c, detectedAt);
    const row = prior
      ? await tx.contract.update({ where: { id: prior.id }, data, select: { id: true } })
      : await tx.contract.create({ data: { ...data, userId, key: c.key }, select: { id: true } });
    if (!prior) created++;
    await links(row.id, c.transactionIds);
  }
  const gone = existing.filter((c) => !seen.has(c.id));
  const removable = gone.filter((c) => c.status === "SUGGESTED").map((c) => c.id);
  if (removable.length) await tx.contract.deleteMany({ where: { id: { in: removable } } });
  const kept = gone.filter((c) => c.status !== "SUGGESTED").map((c) => c.id);
  if (kept.length)
    await tx.contract.updateMany({
      where: { id: { in: kept }, missingSince: null },
      data: { missingSince: detectedAt, active: false },
    });
  return {
    detected: found.detected.length + [...found.shaped.values()].filter(Boolean).length,
    created,
    removed: removable.length,
  };
}

/** The user's booked transactions on the given accounts, in detection's shape. */
async function readTransactions(userId: string, accountIds: string[]): Promise<ContractTransaction[]> {
  const rows = await db.transaction.findMany({
    where: { userId, status: "BOOKED", accountId: { in: accountIds } },
    select: {
      id: true,
      accountId: true,
      bookingDate: true,
      amount: true,
      counterpartyName: true,
      counterpartyIban: true,
      creditorId: true,
      purpose: true,
      categoryId: true,
      userCategory: true,
    },
  });
  return rows.map((r) => ({
    id: String(r.id),
    accountId: r.accountId,
    bookingDate: r.bookingDate.toISOString().slice(0, 10),
    amountCents: r.amount.mul(100).toNumber(),
    counterpartyName: r.counterpartyName,
    counterpartyIban: r.counterpartyIban,
    creditorId: r.creditorId,
    purpose: r.purpose,
    categoryId: r.userCategory ?? r.categoryId,
  }));
}

import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ContractCadence } from "@/lib/generated/prisma/enums";
import { detectContracts, type Cadence, type ContractTransaction } from "./detect-contracts.ts";

export const CADENCE_TO_DB: Record<Cadence, ContractCadence> = {
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

export interface RefreshContractsResult {
  detected: number;
  created: number;
  removed: number;
}

/**
 * Runs detection over all of a user's booked transactions and stores the result. Detected fields
 * are rewritten; the user's decisions (status, name, end date, notice period) are kept. A
 * suggestion detection no longer finds is removed; a confirmed or dismissed contract stays (with
 * `missingSince`), so a dismissed one is never suggested again. Idempotent.
 */
export async function refreshContracts(opts: { userId: string; today: string }): Promise<RefreshContractsResult> {
  const accounts = await db.bankAccount.findMany({
    // An account hidden as the duplicate of another shows the same movements again.
    where: { userId: opts.userId, duplicateOfId: null },
    select: { id: true, iban: true, holder: true },
  });
  const allIbans = await db.bankAccount.findMany({ where: { userId: opts.userId }, select: { iban: true } });
  const rows = await db.transaction.findMany({
    where: { userId: opts.userId, status: "BOOKED", accountId: { in: accounts.map((a) => a.id) } },
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
  const transactions: ContractTransaction[] = rows.map((r) => ({
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
  const found = detectContracts({
    transactions,
    ownIbans: allIbans.flatMap((a) => (a.iban ? [a.iban] : [])),
    ownNames: accounts.flatMap((a) => (a.holder ? [a.holder] : [])),
    today: opts.today,
  });
  // The app-clock day detection ran on (midnight UTC): alerts judge "late" against it.
  const detectedAt = new Date(`${opts.today}T00:00:00Z`);
  return db.$transaction(
    async (tx) => {
      const existing = await tx.contract.findMany({
        where: { userId: opts.userId },
        select: { id: true, key: true, status: true },
      });
      const byKey = new Map(existing.map((c) => [c.key, c]));
      let created = 0;
      const seen = new Set<string>();
      for (const c of found) {
        seen.add(c.key);
        const data = {
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
        const prior = byKey.get(c.key);
        const row = prior
          ? await tx.contract.update({ where: { id: prior.id }, data, select: { id: true } })
          : await tx.contract.create({ data: { ...data, userId: opts.userId, key: c.key }, select: { id: true } });
        if (!prior) created++;
        await tx.contractTransaction.deleteMany({ where: { contractId: row.id } });
        await tx.contractTransaction.createMany({
          data: c.transactionIds.map((id) => ({ contractId: row.id, transactionId: BigInt(id) })),
          skipDuplicates: true,
        });
      }
      const gone = existing.filter((c) => !seen.has(c.key));
      const removable = gone.filter((c) => c.status === "SUGGESTED").map((c) => c.id);
      if (removable.length) await tx.contract.deleteMany({ where: { id: { in: removable } } });
      const kept = gone.filter((c) => c.status !== "SUGGESTED").map((c) => c.id);
      if (kept.length)
        await tx.contract.updateMany({
          where: { id: { in: kept }, missingSince: null },
          data: { missingSince: detectedAt, active: false },
        });
      return { detected: found.length, created, removed: removable.length };
    },
    { timeout: 60_000 },
  );
}

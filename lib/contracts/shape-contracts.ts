import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { today } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { shortName } from "@/lib/short-name";
import { contractGroupKey, type ContractClaim } from "./detect-contracts.ts";
import { CADENCE_TO_DB, lockContracts, readClaims, refreshContracts } from "./refresh-contracts.ts";
import { isBigintId } from "@/lib/bigint-id";

// The user shapes contracts: merge two, split one, mark a payment as the start of one. Each
// decision is stored as claims (detection groups a contract takes) and pinned payments, which
// detection follows on every re-run (detect-contracts.ts, detectContractsWithDecisions); then
// detection runs at once so the page shows the result.

const contractId = z.string().min(1).max(64);
/** A transaction id (PostgreSQL bigint) as a string. */

export const mergeContractsInput = z
  .object({
    /** The contract that stays (its name, status and end date win). */
    contractId,
    /** The contract merged into it (gone afterwards). */
    otherId: contractId,
  })
  .strict();

export const splitContractInput = z
  .object({
    contractId,
    /** The payments that form the new contract (at least one stays behind). */
    transactionIds: z.array(z.string().refine(isBigintId)).min(1).max(500),
    name: shortName(60).optional(),
  })
  .strict();

export const markContractStartInput = z
  .object({
    transactionId: z.string().refine(isBigintId),
    cadence: z.enum(["weekly", "monthly", "quarterly", "half-yearly", "yearly"]),
    name: shortName(60).optional(),
  })
  .strict();

type Tx = Prisma.TransactionClient;

/** A contract's claims as stored, or (a plain detected contract) the claim of its own key. */
function effectiveClaims(c: { key: string; claims: unknown }): ContractClaim[] {
  const claims = readClaims(c.claims);
  if (claims.length) return claims;
  // Keys of contracts made by the user are no detection groups.
  return c.key.startsWith("user:") ? [] : [{ key: c.key, from: null }];
}

function uniqueClaims(claims: ContractClaim[]): ContractClaim[] {
  const seen = new Set<string>();
  return claims.filter((c) => {
    const id = `${c.key}\u0000${c.from ?? ""}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

const txFields = {
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
} as const;

/** The detection group a stored transaction falls in (see contractGroupKey). */
function groupKeyOf(t: {
  id: bigint;
  accountId: string;
  bookingDate: Date;
  amount: Prisma.Decimal;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  creditorId: string | null;
  purpose: string;
  categoryId: string | null;
  userCategory: string | null;
}): string | null {
  return contractGroupKey({
    id: String(t.id),
    accountId: t.accountId,
    bookingDate: t.bookingDate.toISOString().slice(0, 10),
    amountCents: t.amount.mul(100).toNumber(),
    counterpartyName: t.counterpartyName,
    counterpartyIban: t.counterpartyIban,
    creditorId: t.creditorId,
    purpose: t.purpose,
    categoryId: t.userCategory ?? t.categoryId,
  });
}

async function ownedContract(tx: Tx, viewer: Viewer, id: string) {
  const c = await tx.contract.findFirst({
    where: { id, userId: viewer.id },
    include: { transactions: { select: { transactionId: true, pinned: true } } },
  });
  if (!c) throw new AppError("not_found", "contract not found");
  return c;
}

async function decide<T>(viewer: Viewer, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await db.$transaction(async (tx) => {
    await lockContracts(tx, viewer.id);
    return fn(tx);
  });
  await refreshContracts({ userId: viewer.id, today: await today() });
  return result;
}

/** Merges `otherId` into `contractId`: one contract takes both's payments, now and on every re-run. */
export async function mergeContracts(opts: { viewer: Viewer; input: z.infer<typeof mergeContractsInput> }) {
  const { viewer, input } = opts;
  return decide(viewer, async (tx) => {
    const keep = await ownedContract(tx, viewer, input.contractId);
    if (input.contractId === input.otherId) throw new AppError("conflict", "merge_same");
    const other = await ownedContract(tx, viewer, input.otherId);
    if (keep.direction !== other.direction) throw new AppError("conflict", "merge_direction");
    const pinned = other.transactions.filter((t) => t.pinned).map((t) => t.transactionId);
    await tx.contract.delete({ where: { id: other.id } });
    await tx.contract.update({
      where: { id: keep.id },
      data: {
        claims: uniqueClaims([...effectiveClaims(keep), ...effectiveClaims(other)]) as object[],
        status: keep.status === "SUGGESTED" ? "CONFIRMED" : keep.status,
        endDate: keep.endDate ?? other.endDate,
        noticeDays: keep.noticeDays ?? other.noticeDays,
      },
    });
    if (pinned.length)
      await tx.contractTransaction.createMany({
        data: pinned.map((transactionId) => ({ contractId: keep.id, transactionId, pinned: true })),
        skipDuplicates: true,
      });
    return { contractId: keep.id };
  });
}

/**
 * Moves the chosen payments of a contract into a new contract of their own. Every payment stays
 * where the user left it (pinned), and the new contract shares the old one's claims on the groups
 * its payments come from: a later payment of such a group goes to the part it resembles
 * (detect-contracts.ts), not always to the old one.
 */
export async function splitContract(opts: { viewer: Viewer; input: z.infer<typeof splitContractInput> }) {
  const { viewer, input } = opts;
  return decide(viewer, async (tx) => {
    const from = await ownedContract(tx, viewer, input.contractId);
    const mine = new Set(from.transactions.map((t) => String(t.transactionId)));
    const chosen = [...new Set(input.transactionIds)];
    if (chosen.some((id) => !mine.has(id))) throw new AppError("not_found", "payment not in this contract");
    if (chosen.length >= mine.size) throw new AppError("conflict", "split_all");
    const ids = chosen.map((id) => BigInt(id));
    const chosenRows = await tx.transaction.findMany({
      where: { id: { in: ids }, userId: viewer.id },
      select: txFields,
    });
    const groups = new Set(
      chosenRows.flatMap((t) => {
        const gk = groupKeyOf(t);
        return gk ? [gk, `${gk}:${t.amount.mul(100).toNumber()}`] : [];
      }),
    );
    const claims = effectiveClaims(from);
    const { id: _id, key: _key, claims: _claims, transactions: _t, createdAt: _c, updatedAt: _u, ...copy } = from;
    const created = await tx.contract.create({
      data: {
        ...copy,
        key: `user:${randomUUID()}`,
        name: input.name || null,
        status: "CONFIRMED",
        endDate: null,
        noticeDays: null,
        claims: claims.filter((c) => groups.has(c.key)) as object[],
      },
      select: { id: true },
    });
    // A payment belongs to one contract: the chosen ones leave the old one (pinned or not).
    await tx.contractTransaction.deleteMany({ where: { contractId: from.id, transactionId: { in: ids } } });
    await tx.contractTransaction.createMany({
      data: ids.map((transactionId) => ({ contractId: created.id, transactionId, pinned: true })),
    });
    await tx.contractTransaction.updateMany({ where: { contractId: from.id }, data: { pinned: true } });
    await tx.contract.update({
      where: { id: from.id },
      data: {
        claims: claims as object[],
        status: from.status === "SUGGESTED" ? "CONFIRMED" : from.status,
      },
    });
    return { contractId: created.id };
  });
}

/**
 * Marks one booked transaction as the first payment of a contract: the contract takes it and every
 * later payment of the same counterparty (its detection group), on the cadence the user chose
 * until the payments show one.
 */
export async function markContractStart(opts: { viewer: Viewer; input: z.infer<typeof markContractStartInput> }) {
  const { viewer, input } = opts;
  return decide(viewer, async (tx) => {
    const t = await tx.transaction.findFirst({
      where: { id: BigInt(input.transactionId), userId: viewer.id },
      select: { ...txFields, status: true },
    });
    if (!t) throw new AppError("not_found", "transaction not found");
    if (t.status !== "BOOKED") throw new AppError("conflict", "not_booked");
    const cents = t.amount.mul(100).toNumber();
    if (cents === 0) throw new AppError("conflict", "zero_amount");
    const date = t.bookingDate.toISOString().slice(0, 10);
    const categoryId = t.userCategory ?? t.categoryId;
    const group = groupKeyOf(t);
    // Pinned elsewhere: this latest decision wins.
    await tx.contractTransaction.deleteMany({ where: { transactionId: t.id, pinned: true } });
    const day = new Date(`${date}T00:00:00Z`);
    const created = await tx.contract.create({
      data: {
        userId: viewer.id,
        key: `user:${randomUUID()}`,
        status: "CONFIRMED",
        direction: cents < 0 ? "out" : "in",
        detectedName: (t.counterpartyName?.trim() || t.purpose.slice(0, 60) || "–").slice(0, 200),
        name: input.name || null,
        cadence: CADENCE_TO_DB[input.cadence],
        counterpartyName: t.counterpartyName,
        counterpartyIban: t.counterpartyIban,
        creditorId: t.creditorId,
        categoryId,
        amountMin: t.amount,
        amountMax: t.amount,
        typicalAmount: t.amount,
        lastAmount: t.amount,
        firstDate: day,
        lastDate: day,
        nextDate: day,
        accountIds: [t.accountId],
        detectedAt: day,
        claims: group ? [{ key: group, from: date }] : [],
        transactions: { create: { transactionId: t.id, pinned: true } },
      },
      select: { id: true },
    });
    return { contractId: created.id };
  });
}

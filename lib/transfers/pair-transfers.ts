import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_DAYS_APART, matchTransfers, rejectionKey, type TransferSide } from "./match-transfers.ts";
import { isBigintId } from "@/lib/bigint-id";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Pairs written per UPDATE statement. */
const PAIR_BATCH = 5_000;

// One refine, not .regex().refine(): zod 4 runs a refine after a failed regex, and BigInt("x…") throws.
const bigintId = z.string().refine(isBigintId);

/** One user's pairings at a time (two banks' imports finishing together). */
const lockUser = (tx: Tx, userId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`transfers:${userId}`}))`;

/**
 * Pairs the unpaired booked rows of one user that are the two sides of an own transfer (see
 * match-transfers.ts), over all their visible accounts and banks. Runs after every import. One
 * set-based statement finds the candidates (a hash join on currency and the negated amount,
 * narrowed by date, evidence and the user's unpairings), the pure matcher picks one partner per
 * row, and the pairs are written in batches of one UPDATE each. Already paired rows stay as they
 * are; rows the user unpaired are never paired again.
 */
export async function pairTransfers(opts: { userId: string; client?: Db }): Promise<{ paired: number }> {
  const client = opts.client ?? db;
  const { userId } = opts;
  return client.$transaction(
    async (tx) => {
      await lockUser(tx, userId);
      const rows = await tx.$queryRaw<
        {
          outId: string;
          outAccount: string;
          outIban: string | null;
          outDate: string;
          cents: string;
          currency: string;
          outCpIban: string | null;
          outPurpose: string;
          outCategory: string | null;
          inId: string;
          inAccount: string;
          inIban: string | null;
          inDate: string;
          inCpIban: string | null;
          inPurpose: string;
          inCategory: string | null;
        }[]
      >`
      SELECT o.id::text AS "outId", o."accountId" AS "outAccount", oa.iban AS "outIban", to_char(o."bookingDate", 'YYYY-MM-DD') AS "outDate",
             (o.amount * 100)::bigint::text AS cents, o.currency, o."counterpartyIban" AS "outCpIban", o.purpose AS "outPurpose",
             coalesce(o."userCategory", o."categoryId") AS "outCategory",
             i.id::text AS "inId", i."accountId" AS "inAccount", ia.iban AS "inIban", to_char(i."bookingDate", 'YYYY-MM-DD') AS "inDate",
             i."counterpartyIban" AS "inCpIban", i.purpose AS "inPurpose", coalesce(i."userCategory", i."categoryId") AS "inCategory"
      FROM "Transaction" o
      JOIN "BankAccount" oa ON oa.id = o."accountId" AND oa."duplicateOfId" IS NULL
      JOIN "Transaction" i ON i."userId" = o."userId" AND i.currency = o.currency AND i.amount = -o.amount
        AND i."accountId" <> o."accountId"
        AND i."bookingDate" BETWEEN o."bookingDate" - ${MAX_DAYS_APART}::int AND o."bookingDate" + ${MAX_DAYS_APART}::int
      JOIN "BankAccount" ia ON ia.id = i."accountId" AND ia."duplicateOfId" IS NULL
      WHERE o."userId" = ${userId} AND o.amount < 0 AND o.status = 'BOOKED' AND o."transferPeerId" IS NULL
        AND i.amount > 0 AND i.status = 'BOOKED' AND i."transferPeerId" IS NULL
        AND (
          upper(replace(o."counterpartyIban", ' ', '')) = upper(replace(ia.iban, ' ', ''))
          OR upper(replace(i."counterpartyIban", ' ', '')) = upper(replace(oa.iban, ' ', ''))
          OR (length(btrim(o.purpose)) >= 4
              AND lower(btrim(regexp_replace(o.purpose, '\\s+', ' ', 'g'))) = lower(btrim(regexp_replace(i.purpose, '\\s+', ' ', 'g'))))
          OR (coalesce(o."userCategory", o."categoryId") LIKE 'N%' AND coalesce(i."userCategory", i."categoryId") LIKE 'N%')
        )
        AND NOT EXISTS (SELECT 1 FROM "TransferRejection" r WHERE r."outId" = o.id AND r."inId" = i.id)`;
      if (rows.length === 0) return { paired: 0 };
      const sides = new Map<string, TransferSide>();
      for (const r of rows) {
        const cents = Number(r.cents);
        sides.set(r.outId, {
          id: r.outId,
          accountId: r.outAccount,
          accountIban: r.outIban,
          bookingDate: r.outDate,
          cents,
          currency: r.currency,
          counterpartyIban: r.outCpIban,
          purpose: r.outPurpose,
          category: r.outCategory,
        });
        sides.set(r.inId, {
          id: r.inId,
          accountId: r.inAccount,
          accountIban: r.inIban,
          bookingDate: r.inDate,
          cents: -cents,
          currency: r.currency,
          counterpartyIban: r.inCpIban,
          purpose: r.inPurpose,
          category: r.inCategory,
        });
      }
      // Only the joined combinations are candidates (the SQL already left out the unpaired ones).
      const allowed = new Set(rows.map((r) => rejectionKey(r.outId, r.inId)));
      const matches = matchTransfers([...sides.values()]).filter((m) => allowed.has(rejectionKey(m.outId, m.inId)));
      let paired = 0;
      for (let i = 0; i < matches.length; i += PAIR_BATCH) {
        const batch = matches.slice(i, i + PAIR_BATCH);
        paired += await writePairs(tx, userId, batch);
      }
      return { paired };
    },
    { timeout: 120_000 },
  );
}

/** Sets both sides of each pair in one statement; returns the pairs written. */
async function writePairs(tx: Tx, userId: string, pairs: { outId: string; inId: string }[]) {
  const ids = [...pairs.map((p) => p.outId), ...pairs.map((p) => p.inId)];
  const peers = [...pairs.map((p) => p.inId), ...pairs.map((p) => p.outId)];
  const n = await tx.$executeRaw`
    UPDATE "Transaction" t SET "transferPeerId" = v.peer
    FROM unnest(${ids}::bigint[], ${peers}::bigint[]) AS v(id, peer)
    WHERE t.id = v.id AND t."userId" = ${userId} AND t."transferPeerId" IS NULL`;
  return n / 2;
}

export const unpairTransferInput = z.object({ transactionId: bigintId }).strict();

/**
 * The user says a paired row is not a transfer: both sides lose their pairing, and the pair is
 * remembered so that no later import pairs them again. Not the viewer's → not_found.
 */
export async function unpairTransfer(opts: { viewer: Viewer; input: z.infer<typeof unpairTransferInput> }) {
  const userId = opts.viewer.id;
  return db.$transaction(async (tx) => {
    await lockUser(tx, userId);
    const row = await tx.transaction.findFirst({
      where: { id: BigInt(opts.input.transactionId), userId },
      select: { id: true, amount: true, transferPeerId: true },
    });
    if (!row) throw new AppError("not_found", "transaction not found");
    if (row.transferPeerId === null) return { transactionId: opts.input.transactionId, peerId: null };
    const peerId = row.transferPeerId;
    const [outId, inId] = row.amount.isNegative() ? [row.id, peerId] : [peerId, row.id];
    await tx.transaction.updateMany({
      where: { id: { in: [row.id, peerId] }, userId },
      data: { transferPeerId: null },
    });
    await tx.transferRejection.upsert({
      where: { outId_inId: { outId, inId } },
      create: { outId, inId, userId },
      update: {},
    });
    return { transactionId: opts.input.transactionId, peerId: null };
  });
}

export const pairTransferInput = z.object({ transactionId: bigintId, peerId: bigintId }).strict();

/**
 * The user pairs two rows by hand: both theirs, booked or pending, on different accounts, same
 * currency, same amount with opposite signs, neither paired yet. An earlier unpairing of these two
 * is forgotten.
 */
export async function pairTransfer(opts: { viewer: Viewer; input: z.infer<typeof pairTransferInput> }) {
  const userId = opts.viewer.id;
  const { transactionId, peerId } = opts.input;
  return db.$transaction(async (tx) => {
    await lockUser(tx, userId);
    const rows = await tx.transaction.findMany({
      where: { id: { in: [BigInt(transactionId), BigInt(peerId)] }, userId },
      select: { id: true, accountId: true, amount: true, currency: true, status: true, transferPeerId: true },
    });
    const a = rows.find((r) => r.id === BigInt(transactionId));
    const b = rows.find((r) => r.id === BigInt(peerId));
    if (!a || !b) throw new AppError("not_found", "transaction not found");
    if (
      a.id === b.id ||
      a.accountId === b.accountId ||
      a.currency !== b.currency ||
      !a.amount.plus(b.amount).isZero() ||
      a.amount.isZero() ||
      a.status === "CANCELED" ||
      b.status === "CANCELED"
    )
      throw new AppError("invalid_input", "not_a_transfer");
    if (a.transferPeerId !== null || b.transferPeerId !== null) throw new AppError("conflict", "already_paired");
    const [outId, inId] = a.amount.isNegative() ? [a.id, b.id] : [b.id, a.id];
    await tx.transferRejection.deleteMany({ where: { outId, inId, userId } });
    await writePairs(tx, userId, [{ outId: String(outId), inId: String(inId) }]);
    return { transactionId, peerId };
  });
}

export const transferCandidatesInput = z.object({ transactionId: bigintId }).strict();

export interface TransferCandidateDto {
  id: string;
  accountName: string;
  bookingDate: string;
  amount: string;
  currency: string;
  title: string;
}

/** Rows the user may pair one row with by hand: opposite amount, another visible account, ±14 days. */
export async function transferCandidates(opts: {
  viewer: Viewer;
  input: z.infer<typeof transferCandidatesInput>;
}): Promise<TransferCandidateDto[]> {
  const userId = opts.viewer.id;
  const row = await db.transaction.findFirst({
    where: { id: BigInt(opts.input.transactionId), userId },
    select: { id: true },
  });
  if (!row) throw new AppError("not_found", "transaction not found");
  return db.$queryRaw<TransferCandidateDto[]>`
    SELECT c.id::text AS id, coalesce(a.description, a.type::text) AS "accountName", to_char(c."bookingDate", 'YYYY-MM-DD') AS "bookingDate",
           c.amount::text AS amount, c.currency, coalesce(c."counterpartyName", split_part(c.purpose, E'\n', 1), '') AS title
    FROM "Transaction" t
    JOIN "Transaction" c ON c."userId" = t."userId" AND c.currency = t.currency AND c.amount = -t.amount AND c."accountId" <> t."accountId"
      AND c."bookingDate" BETWEEN t."bookingDate" - 14 AND t."bookingDate" + 14
    JOIN "BankAccount" a ON a.id = c."accountId" AND a."duplicateOfId" IS NULL
    WHERE t.id = ${row.id} AND t."userId" = ${userId} AND c.status <> 'CANCELED' AND c."transferPeerId" IS NULL
    ORDER BY abs(c."bookingDate" - t."bookingDate"), c.id
    LIMIT 20`;
}

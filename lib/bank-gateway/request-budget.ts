import "server-only";
import { db } from "@/lib/db";

/**
 * The global XS2A call budget (XS2A_MAX_REQUESTS_PER_SECOND), shared by every worker and web
 * process through one PostgreSQL row: each call reserves the next free slot — `nextAt` moves on by
 * 1/rate per call, from now when the budget was idle — and waits until its slot. One short UPDATE
 * per call, no lock held while waiting, and no burst beyond the rate after an idle spell.
 * Returns the slot (epoch ms, PostgreSQL's clock) and how long the caller must wait for it.
 */
export async function reserveXs2aSlot(perSecond: number): Promise<{ waitMs: number; slot: number }> {
  const stepMs = 1000 / perSecond;
  const [row] = await db.$queryRaw<{ wait_ms: number; slot_ms: number }[]>`
    INSERT INTO "Xs2aRequestBudget" (id, "nextAt")
    VALUES ('global', clock_timestamp() + ${stepMs} * interval '1 millisecond')
    ON CONFLICT (id) DO UPDATE
      SET "nextAt" = GREATEST("Xs2aRequestBudget"."nextAt", clock_timestamp()) + ${stepMs} * interval '1 millisecond'
    RETURNING GREATEST(0, EXTRACT(EPOCH FROM ("nextAt" - clock_timestamp())) * 1000 - ${stepMs})::float8 AS wait_ms,
      (EXTRACT(EPOCH FROM "nextAt") * 1000 - ${stepMs})::float8 AS slot_ms`;
  return { waitMs: row?.wait_ms ?? 0, slot: row?.slot_ms ?? Date.now() };
}

/** Waits for a slot of the global budget (no budget: returns at once). */
export function waitForXs2aSlot(perSecond: number | null): () => Promise<void> {
  return async () => {
    if (!perSecond) return;
    const { waitMs } = await reserveXs2aSlot(perSecond);
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
  };
}

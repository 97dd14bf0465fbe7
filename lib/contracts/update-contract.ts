import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { shortName } from "@/lib/short-name";

const ymd = /^\d{4}-\d{2}-\d{2}$/;

export const updateContractInput = z.object({
  contractId: z.string().min(1).max(64),
  /** Confirm or dismiss (dismissed: never suggested again); "SUGGESTED" undoes either. */
  status: z.enum(["SUGGESTED", "CONFIRMED", "DISMISSED"]).optional(),
  /** The user's own name; "" goes back to the detected one. */
  name: shortName(60).optional(),
  /** The contract's last day ("" clears it) and its notice period in days. */
  endDate: z
    .string()
    .trim()
    .refine((v) => v === "" || (ymd.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), "invalid_date")
    .optional(),
  noticeDays: z.number().int().min(0, "invalid_notice").max(730, "invalid_notice").nullable().optional(),
});

/**
 * The user's decisions about one of their contracts. Detection never writes these columns
 * (refresh-contracts.ts), so they survive every re-run. Not the viewer's → not_found.
 */
export async function updateContract(opts: { viewer: Viewer; input: z.infer<typeof updateContractInput> }) {
  const { viewer, input } = opts;
  const data: {
    status?: "SUGGESTED" | "CONFIRMED" | "DISMISSED";
    name?: string | null;
    endDate?: Date | null;
    noticeDays?: number | null;
  } = {};
  if (input.status !== undefined) data.status = input.status;
  if (input.name !== undefined) data.name = input.name || null;
  if (input.endDate !== undefined) data.endDate = input.endDate ? new Date(`${input.endDate}T00:00:00Z`) : null;
  if (input.noticeDays !== undefined) data.noticeDays = input.noticeDays;
  const result = await db.contract.updateMany({ where: { id: input.contractId, userId: viewer.id }, data });
  if (result.count === 0) throw new AppError("not_found", "contract not found");
  return { contractId: input.contractId };
}

import "server-only";
import { z } from "zod";
import { ownedConnectionOrThrow } from "@/lib/auth/ownership";
import type { Viewer } from "@/lib/auth/viewer";
import { toAppError } from "@/lib/bank-gateway/errors";
import { toXs2aSyncMode } from "@/lib/bank-gateway/sync-mode";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { AppError } from "@/lib/errors";
import { isDisabled } from "@/lib/sync/sync-policy";
import { openWizardForNewConnection } from "./open-wizard.ts";

export const startRelinkInput = z.object({ connectionId: z.string().min(1).max(64) }).strict();

/**
 * Re-link a bank XS2A disabled (3 failed syncs; purpose RELINK): XS2A cannot revive it, so a new
 * XS2A connection is created (same bank, same sync mode) as a PENDING row that points at the old
 * one. When its wizard finishes, the import matches the accounts by IBAN, so transactions,
 * categories and notes stay; then the old row is retired (sync/retire-relinked-connection.ts).
 */
export async function startRelink({
  viewer,
  locale,
  input,
}: {
  viewer: Viewer;
  locale: "de" | "en";
  input: z.infer<typeof startRelinkInput>;
}) {
  const old = await ownedConnectionOrThrow(viewer, input.connectionId, { status: { in: ["ACTIVE", "DISABLED"] } });
  if (!isDisabled(old)) throw new AppError("conflict", "not_disabled");
  const ref = await withUserApi(viewer.id, (api) =>
    api.connections.create({
      syncMode: toXs2aSyncMode(old.syncMode),
      countryId: old.countryId ?? "DE",
      bic: old.bic ?? undefined,
      days: 365,
      accountSelection: "all",
      language: locale,
    }),
  ).catch((err) => {
    throw toAppError(err);
  });
  return openWizardForNewConnection({
    userId: viewer.id,
    purpose: "RELINK",
    ref,
    connection: {
      syncMode: old.syncMode,
      countryId: old.countryId,
      bic: old.bic,
      bankName: old.bankName,
      bankCode: old.bankCode,
      relinkedFromId: old.id,
    },
  });
}

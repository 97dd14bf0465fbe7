import { z } from "zod";
import { db } from "@/lib/db";
import { toXs2aSyncMode } from "@/lib/bank-gateway/sync-mode";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { AppError } from "@/lib/errors";
import { isXs2aError } from "@/lib/xs2a";

export const startRelinkInput = z.object({ connectionId: z.string().min(1).max(64) }).strict();

/**
 * Re-link a bank XS2A disabled (3 failed syncs): XS2A cannot revive it, so a new XS2A connection
 * is created (same bank, same sync mode) as a PENDING row that points at the old one. When its
 * wizard (purpose RELINK) finishes, the import matches the accounts by IBAN, so transactions,
 * categories and notes stay; then the old row is retired (retire-relinked-connection.ts).
 */
export async function startRelink({
  userId,
  locale,
  input,
}: {
  userId: string;
  locale: "de" | "en";
  input: z.infer<typeof startRelinkInput>;
}) {
  const old = await db.bankConnection.findFirst({
    where: { id: input.connectionId, userId, status: { in: ["ACTIVE", "DISABLED"] } },
  });
  if (!old) throw new AppError("not_found", "not found");
  if (old.status !== "DISABLED" && old.syncFailCounter < 3) throw new AppError("conflict", "not_disabled");
  let ref;
  try {
    ref = await withUserApi(userId, (api) =>
      api.connections.create({
        syncMode: toXs2aSyncMode(old.syncMode),
        countryId: old.countryId ?? "DE",
        bic: old.bic ?? undefined,
        days: 365,
        accountSelection: "all",
        language: locale,
      }),
    );
  } catch (err) {
    if (isXs2aError(err, "retryable")) throw new AppError("unavailable", "xs2a_unavailable", { cause: err });
    throw err;
  }
  const wizard = await db.$transaction(async (tx) => {
    const connection = await tx.bankConnection.create({
      data: {
        userId,
        transaction: ref.transaction,
        syncMode: old.syncMode,
        status: "PENDING",
        countryId: old.countryId,
        bic: old.bic,
        bankName: old.bankName,
        bankCode: old.bankCode,
        relinkedFromId: old.id,
      },
    });
    return tx.wizardSession.create({
      data: {
        userId,
        connectionId: connection.id,
        purpose: "RELINK",
        key: ref.wizardSessionKey,
        transaction: ref.transaction,
        syncMode: old.syncMode,
      },
      select: { id: true },
    });
  });
  return { wizardId: wizard.id };
}

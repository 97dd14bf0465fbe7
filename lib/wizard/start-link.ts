import { z } from "zod";
import { db } from "@/lib/db";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { toXs2aSyncMode } from "@/lib/bank-gateway/sync-mode";
import { AppError } from "@/lib/errors";
import { isXs2aError } from "@/lib/xs2a";

export const startLinkInput = z
  .object({
    syncMode: z.enum(["FULL", "SHARED", "NONE"]).default("FULL"),
    bic: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, "invalid_bic")
      .optional(),
  })
  .strict();

/** The most history XS2A should collect at first consent (banks cap it themselves). */
const HISTORY_DAYS = 365;

/**
 * "Add bank": creates the connection at XS2A and keeps its wizard session for the owner.
 * The connection row stays PENDING until the wizard finishes (complete-wizard.ts).
 */
export async function startLink({
  userId,
  locale,
  input,
}: {
  userId: string;
  locale: "de" | "en";
  input: z.infer<typeof startLinkInput>;
}) {
  let ref;
  try {
    ref = await withUserApi(userId, (api) =>
      api.connections.create({
        syncMode: toXs2aSyncMode(input.syncMode),
        countryId: "DE",
        bic: input.bic,
        days: HISTORY_DAYS,
        // Every account of the login: one place for all of them is the point of Saldo.
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
        syncMode: input.syncMode,
        status: "PENDING",
        countryId: "DE",
        bic: input.bic ?? null,
      },
    });
    return tx.wizardSession.create({
      data: {
        userId,
        connectionId: connection.id,
        purpose: "LINK",
        key: ref.wizardSessionKey,
        transaction: ref.transaction,
        syncMode: input.syncMode,
      },
      select: { id: true },
    });
  });
  return { wizardId: wizard.id };
}

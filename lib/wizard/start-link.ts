import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { toAppError } from "@/lib/bank-gateway/errors";
import { toXs2aSyncMode } from "@/lib/bank-gateway/sync-mode";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { openWizardForNewConnection } from "./open-wizard.ts";

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
 * "Add bank" (purpose LINK): creates the connection at XS2A and keeps its wizard session for the
 * owner. The connection row stays PENDING until the wizard finishes (complete-wizard.ts).
 */
export async function startLink({
  viewer,
  locale,
  input,
}: {
  viewer: Viewer;
  locale: "de" | "en";
  input: z.infer<typeof startLinkInput>;
}) {
  const ref = await withUserApi(viewer.id, (api) =>
    api.connections.create({
      syncMode: toXs2aSyncMode(input.syncMode),
      countryId: "DE",
      bic: input.bic,
      days: HISTORY_DAYS,
      // Every account of the login: one place for all of them is the point of Saldo.
      accountSelection: "all",
      language: locale,
    }),
  ).catch((err) => {
    throw toAppError(err);
  });
  return openWizardForNewConnection({
    userId: viewer.id,
    purpose: "LINK",
    ref,
    connection: { syncMode: input.syncMode, countryId: "DE", bic: input.bic ?? null },
  });
}

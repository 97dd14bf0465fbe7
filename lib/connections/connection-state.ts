import { consentStatus, toYmd, type ConsentStatus } from "@/lib/consent/consent-status";
import type { ConnectionStatus, SyncMode } from "@/lib/generated/prisma/client";

/**
 * The state a user can act on, each with its own words and next step (PRODUCT.md capability 6).
 * Order matters: the first that applies is the one shown.
 */
export type ConnectionState =
  | "linking" // wizard not finished
  | "disabled" // XS2A disabled it after 3 failed syncs: re-link (keeps history)
  | "consent_expired" // renew consent
  | "needs_manual_sync" // `full` fell back to `none`: sync once with the bank login
  | "failing" // last syncs failed: XS2A's message and the fail counter
  | "consent_expiring" // renew soon
  | "login_each_sync" // `none`: every sync opens the bank login
  | "ok";

export interface ConnectionStateInput {
  status: ConnectionStatus;
  syncMode: SyncMode;
  xs2aSyncMode: SyncMode | null;
  syncActive: boolean;
  syncFailCounter: number;
  consentValidUntil: Date | null;
}

export function connectionState(
  c: ConnectionStateInput,
  today: string,
): { state: ConnectionState; consent: ConsentStatus } {
  const consent = consentStatus(toYmd(c.consentValidUntil), today);
  const state: ConnectionState =
    c.status === "PENDING"
      ? "linking"
      : c.status === "DISABLED" || c.syncFailCounter >= 3
        ? "disabled"
        : consent.level === "expired"
          ? "consent_expired"
          : c.syncMode === "FULL" && c.xs2aSyncMode === "NONE"
            ? "needs_manual_sync"
            : c.syncFailCounter > 0
              ? "failing"
              : consent.level === "expiring" || consent.level === "urgent"
                ? "consent_expiring"
                : c.syncMode === "NONE"
                  ? "login_each_sync"
                  : "ok";
  return { state, consent };
}

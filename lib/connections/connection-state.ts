import { consentStatus, toYmd, type ConsentStatus } from "@/lib/consent/consent-status";
import { hasFallenBack, isDisabled } from "@/lib/sync/sync-policy";
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
  return { state: stateOf(c, consent), consent };
}

function stateOf(c: ConnectionStateInput, consent: ConsentStatus): ConnectionState {
  if (c.status === "PENDING") return "linking";
  if (isDisabled(c)) return "disabled";
  if (consent.level === "expired") return "consent_expired";
  if (hasFallenBack(c)) return "needs_manual_sync";
  if (c.syncFailCounter > 0) return "failing";
  if (consent.level === "expiring" || consent.level === "urgent") return "consent_expiring";
  if (c.syncMode === "NONE") return "login_each_sync";
  return "ok";
}

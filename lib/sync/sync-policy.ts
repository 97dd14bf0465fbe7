import { consentStatus, toYmd } from "@/lib/consent/consent-status";
import type { ConnectionStatus, SyncMode } from "@/lib/generated/prisma/enums";

/**
 * Whether, and how, one connection may sync now: the single place this is decided. Pure (no
 * clock, no database), so the banks page, "Sync now", "Sync all", the daily schedule and the
 * worker all get the same answer from the same facts.
 *
 * Who asks:
 *  - `user`: "Sync now" / "Sync all" on the page, and a worker running such a run;
 *  - `schedule`: the daily run, and a worker running a scheduled run;
 *  - `import`: read what XS2A already holds, no bank call (after a wizard, an admin re-run).
 *
 * Rules, first match wins (xs2a-api.md: sync modes, the three-strikes rule, consent):
 *  1. an unlinked or removed connection cannot sync;
 *  2. XS2A disabled it (3 failed syncs): never tried again, only a re-link helps;
 *  3. the consent has ended: XS2A needs the bank login again and a background try would be a
 *     failure it counts; renew instead. An unknown end date does not block (XS2A reports it once
 *     the first login finished);
 *  4. `import` reads what XS2A holds, whatever the mode;
 *  5. `none`, and `full` fallen back to `none`: only the bank login (a wizard) syncs them. The
 *     schedule imports what a fallen-back `full` still holds and leaves `none` alone;
 *  6. `shared` needs Saldo's credential half;
 *  7. `full` on schedule: XS2A synced overnight, so import only (no bank call); everything else
 *     asks XS2A to sync.
 */
export type SyncTrigger = "user" | "schedule" | "import";

export type SyncRefusal = "gone" | "disabled" | "consent_expired" | "needs_login" | "credentials_missing";

export type SyncDecision =
  /** Ask XS2A to sync (`full` now, `shared` with Saldo's half), then import. */
  | { kind: "sync" }
  /** Read what XS2A holds; no bank call. */
  | { kind: "import_only" }
  /** Only the bank login can sync it: the user opens a wizard (purpose SYNC). */
  | { kind: "wizard" }
  | { kind: "refused"; reason: SyncRefusal };

export interface SyncPolicyConnection {
  status: ConnectionStatus;
  xs2aId: string | null;
  syncMode: SyncMode;
  /** XS2A's current mode: `full` falls back to `none` when the bank demands the login. */
  xs2aSyncMode: SyncMode | null;
  syncFailCounter: number;
  consentValidUntil: Date | null;
  hasCredentialHalf: boolean;
}

/** XS2A disables a connection after three failed syncs; from then on it refuses to sync it. */
export const FAILED_SYNCS_TO_DISABLE = 3;

export const isDisabled = (c: Pick<SyncPolicyConnection, "status" | "syncFailCounter">) =>
  c.status === "DISABLED" || c.syncFailCounter >= FAILED_SYNCS_TO_DISABLE;

/** `full` that XS2A switched to `none`: the bank wants the user's login before it syncs again. */
export const hasFallenBack = (c: Pick<SyncPolicyConnection, "syncMode" | "xs2aSyncMode">) =>
  c.syncMode === "FULL" && c.xs2aSyncMode === "NONE";

/**
 * Every sync of this connection needs the bank login right now (the button then says "Sync with
 * bank login", whatever state the card shows, e.g. a `none` bank whose consent is ending).
 */
export const needsLoginToSync = (c: Pick<SyncPolicyConnection, "syncMode" | "xs2aSyncMode">) =>
  c.syncMode === "NONE" || hasFallenBack(c);

export function syncPolicy(c: SyncPolicyConnection, today: string, trigger: SyncTrigger): SyncDecision {
  const refused = (reason: SyncRefusal): SyncDecision => ({ kind: "refused", reason });
  if (!c.xs2aId || c.status === "PENDING" || c.status === "REMOVED") return refused("gone");
  if (isDisabled(c)) return refused("disabled");
  if (consentStatus(toYmd(c.consentValidUntil), today).level === "expired") return refused("consent_expired");
  if (trigger === "import") return { kind: "import_only" };
  if (needsLoginToSync(c)) {
    if (trigger === "user") return { kind: "wizard" };
    return c.syncMode === "NONE" ? refused("needs_login") : { kind: "import_only" };
  }
  if (c.syncMode === "SHARED" && !c.hasCredentialHalf) return refused("credentials_missing");
  if (c.syncMode === "FULL" && trigger === "schedule") return { kind: "import_only" };
  return { kind: "sync" };
}

/** The policy's input from a connection row (the credential half is only checked for presence). */
export const policyInput = (
  row: Omit<SyncPolicyConnection, "hasCredentialHalf"> & {
    credentialsCiphertext: string | null;
  },
): SyncPolicyConnection => ({
  status: row.status,
  xs2aId: row.xs2aId,
  syncMode: row.syncMode,
  xs2aSyncMode: row.xs2aSyncMode,
  syncFailCounter: row.syncFailCounter,
  consentValidUntil: row.consentValidUntil,
  hasCredentialHalf: !!row.credentialsCiphertext,
});

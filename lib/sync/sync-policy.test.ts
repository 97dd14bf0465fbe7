import { describe, expect, it } from "vitest";
import { syncPolicy, type SyncDecision, type SyncPolicyConnection, type SyncTrigger } from "./sync-policy.ts";

const TODAY = "2027-03-10";
const base: SyncPolicyConnection = {
  status: "ACTIVE",
  xs2aId: "xs2a-conn",
  syncMode: "FULL",
  xs2aSyncMode: "FULL",
  syncFailCounter: 0,
  consentValidUntil: new Date("2027-06-01T00:00:00Z"),
  hasCredentialHalf: false,
};

/** The connection's state, as the states a user can see on the banks page. */
const states: Record<string, Partial<SyncPolicyConnection>> = {
  ok: {},
  failing: { syncFailCounter: 2 },
  disabled_by_counter: { syncFailCounter: 3 },
  disabled_row: { status: "DISABLED" },
  consent_expired: { consentValidUntil: new Date("2027-03-09T00:00:00Z") },
  consent_ends_today: { consentValidUntil: new Date("2027-03-10T00:00:00Z") },
  consent_unknown: { consentValidUntil: null },
  fallen_back: { xs2aSyncMode: "NONE" },
  pending: { status: "PENDING", xs2aId: null },
  removed: { status: "REMOVED" },
  no_credential_half: {},
};

const modes = {
  FULL: { syncMode: "FULL", xs2aSyncMode: "FULL", hasCredentialHalf: false },
  SHARED: { syncMode: "SHARED", xs2aSyncMode: "SHARED", hasCredentialHalf: true },
  NONE: { syncMode: "NONE", xs2aSyncMode: "NONE", hasCredentialHalf: false },
} as const;

const S: SyncDecision = { kind: "sync" };
const I: SyncDecision = { kind: "import_only" };
const W: SyncDecision = { kind: "wizard" };
const R = (reason: Extract<SyncDecision, { kind: "refused" }>["reason"]): SyncDecision => ({ kind: "refused", reason });

/** mode × state → [user, schedule, import]. Every cell is a rule of sync-policy.ts. */
const table: Record<keyof typeof modes, Record<keyof typeof states, [SyncDecision, SyncDecision, SyncDecision]>> = {
  FULL: {
    ok: [S, I, I],
    failing: [S, I, I],
    disabled_by_counter: [R("disabled"), R("disabled"), R("disabled")],
    disabled_row: [R("disabled"), R("disabled"), R("disabled")],
    consent_expired: [R("consent_expired"), R("consent_expired"), R("consent_expired")],
    consent_ends_today: [S, I, I],
    consent_unknown: [S, I, I],
    fallen_back: [W, I, I],
    pending: [R("gone"), R("gone"), R("gone")],
    removed: [R("gone"), R("gone"), R("gone")],
    no_credential_half: [S, I, I],
  },
  SHARED: {
    ok: [S, S, I],
    failing: [S, S, I],
    disabled_by_counter: [R("disabled"), R("disabled"), R("disabled")],
    disabled_row: [R("disabled"), R("disabled"), R("disabled")],
    consent_expired: [R("consent_expired"), R("consent_expired"), R("consent_expired")],
    consent_ends_today: [S, S, I],
    consent_unknown: [S, S, I],
    // XS2A reports a shared connection's mode as shared; a `none` there is not a fallback.
    fallen_back: [S, S, I],
    pending: [R("gone"), R("gone"), R("gone")],
    removed: [R("gone"), R("gone"), R("gone")],
    no_credential_half: [R("credentials_missing"), R("credentials_missing"), I],
  },
  NONE: {
    ok: [W, R("needs_login"), I],
    failing: [W, R("needs_login"), I],
    disabled_by_counter: [R("disabled"), R("disabled"), R("disabled")],
    disabled_row: [R("disabled"), R("disabled"), R("disabled")],
    consent_expired: [R("consent_expired"), R("consent_expired"), R("consent_expired")],
    consent_ends_today: [W, R("needs_login"), I],
    consent_unknown: [W, R("needs_login"), I],
    fallen_back: [W, R("needs_login"), I],
    pending: [R("gone"), R("gone"), R("gone")],
    removed: [R("gone"), R("gone"), R("gone")],
    no_credential_half: [W, R("needs_login"), I],
  },
};

const triggers: SyncTrigger[] = ["user", "schedule", "import"];

describe("syncPolicy: every mode × state × trigger", () => {
  for (const [mode, rows] of Object.entries(table) as [keyof typeof modes, (typeof table)["FULL"]][]) {
    for (const [state, expected] of Object.entries(rows) as [
      keyof typeof states,
      [SyncDecision, SyncDecision, SyncDecision],
    ][]) {
      triggers.forEach((trigger, i) => {
        it(`${mode} · ${state} · ${trigger} → ${JSON.stringify(expected[i])}`, () => {
          const c = {
            ...base,
            ...modes[mode],
            ...states[state],
            ...(state === "no_credential_half" ? { hasCredentialHalf: false } : {}),
          };
          expect(syncPolicy(c, TODAY, trigger)).toEqual(expected[i]);
        });
      });
    }
  }
});

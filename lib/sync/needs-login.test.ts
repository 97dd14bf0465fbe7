import { describe, expect, it } from "vitest";
import { connectionState } from "@/lib/connections/connection-state";
import { needsLoginToSync } from "@/lib/sync/sync-policy";

const base = {
  status: "ACTIVE" as const,
  syncActive: true,
  syncFailCounter: 0,
  xs2aSyncMode: null,
  consentValidUntil: new Date("2027-03-05T00:00:00Z"),
};

describe("'Sync with bank login' whatever the card's state", () => {
  it("a `none` bank whose consent is ending shows 'consent expiring' and still syncs with the login", () => {
    const none = { ...base, syncMode: "NONE" as const, xs2aSyncMode: "NONE" as const };
    expect(connectionState(none, "2027-03-01").state).toBe("consent_expiring");
    expect(needsLoginToSync(none)).toBe(true);
  });

  it("`full` needs it only after falling back; `shared` never", () => {
    expect(needsLoginToSync({ syncMode: "FULL", xs2aSyncMode: "FULL" })).toBe(false);
    expect(needsLoginToSync({ syncMode: "FULL", xs2aSyncMode: "NONE" })).toBe(true);
    expect(needsLoginToSync({ syncMode: "SHARED", xs2aSyncMode: "SHARED" })).toBe(false);
  });
});

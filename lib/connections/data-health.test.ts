import { describe, expect, it } from "vitest";
import { lastAttemptProblem, pendingStaleDays, staleDays } from "@/lib/connections/data-health";

const run = (over: Partial<Parameters<typeof lastAttemptProblem>[0] & object> = {}) => ({
  status: "SUCCEEDED" as const,
  errorCode: null,
  finishedAt: new Date("2027-03-01T10:00:00Z"),
  queuedAt: new Date("2027-03-01T09:59:00Z"),
  retryAt: null,
  ...over,
});

describe("the last attempt's outcome on the bank card", () => {
  it("a failed, partial or retrying run is a problem however the bank's state reads", () => {
    expect(lastAttemptProblem(run({ status: "FAILED", errorCode: "xs2a_unavailable" }), "ok")).toMatchObject({
      kind: "failed",
      errorCode: "xs2a_unavailable",
    });
    expect(lastAttemptProblem(run({ status: "PARTIAL", errorCode: "import_retryable" }), "ok")?.kind).toBe("partial");
    const retryAt = new Date("2027-03-01T10:05:00Z");
    expect(
      lastAttemptProblem(run({ status: "QUEUED", errorCode: "xs2a_retrying", finishedAt: null, retryAt }), "ok"),
    ).toMatchObject({ kind: "retrying", retryAt });
    // Its next attempt is running: still not a success.
    expect(lastAttemptProblem(run({ status: "RUNNING", errorCode: "xs2a_retrying" }), "ok")?.kind).toBe("retrying");
  });

  it("a succeeded, first-time queued or needs-you run is not; self-explaining states carry their own words", () => {
    expect(lastAttemptProblem(run(), "ok")).toBeNull();
    expect(lastAttemptProblem(run({ status: "QUEUED", finishedAt: null }), "ok")).toBeNull();
    expect(lastAttemptProblem(run({ status: "NEEDS_USER", errorCode: "needs_login" }), "ok")).toBeNull();
    expect(lastAttemptProblem(null, "ok")).toBeNull();
    for (const state of ["disabled", "consent_expired", "needs_manual_sync", "linking"] as const)
      expect(lastAttemptProblem(run({ status: "FAILED" }), state)).toBeNull();
  });
});

describe("data older than expected", () => {
  const now = new Date("2027-03-10T12:00:00Z");
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

  it("an automatic bank whose data is more than two days old is flagged with its age", () => {
    expect(staleDays({ syncMode: "FULL", lastImportedAt: daysAgo(2), state: "ok" }, now)).toBeNull();
    expect(staleDays({ syncMode: "FULL", lastImportedAt: daysAgo(3), state: "ok" }, now)).toBe(3);
    expect(staleDays({ syncMode: "SHARED", lastImportedAt: daysAgo(81), state: "consent_expired" }, now)).toBe(81);
  });

  it("a bank that syncs only with the login, or has never imported, is not", () => {
    expect(staleDays({ syncMode: "NONE", lastImportedAt: daysAgo(30), state: "login_each_sync" }, now)).toBeNull();
    expect(staleDays({ syncMode: "FULL", lastImportedAt: null, state: "ok" }, now)).toBeNull();
  });

  it("a pending item older than five days is flagged", () => {
    expect(pendingStaleDays("2027-03-08", "2027-03-10")).toBeNull();
    expect(pendingStaleDays("2027-03-05", "2027-03-10")).toBeNull();
    expect(pendingStaleDays("2027-03-04", "2027-03-10")).toBe(6);
    expect(pendingStaleDays("2026-12-10", "2027-03-10")).toBe(90);
  });
});

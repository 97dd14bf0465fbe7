import { describe, expect, it } from "vitest";
import { summarizeBankHealth, type HealthRunInput } from "@/lib/admin/bank-health";

const run = (
  bankCode: string,
  status: HealthRunInput["status"],
  at: string,
  errorMessage: string | null = null,
): HealthRunInput => ({
  bankCode,
  bankName: `Bank ${bankCode}`,
  status,
  at: new Date(at),
  errorCode: errorMessage ? "xs2a_other" : null,
  errorMessage,
});

describe("summarizeBankHealth", () => {
  it("computes the success rate over finished runs and keeps the newest error", () => {
    const [bank] = summarizeBankHealth([
      run("100", "SUCCEEDED", "2026-03-01T10:00:00Z"),
      run("100", "FAILED", "2026-03-02T10:00:00Z", "older error"),
      run("100", "PARTIAL", "2026-03-04T10:00:00Z", "newest error"),
      run("100", "FAILED", "2026-03-03T10:00:00Z", "middle error"),
    ]);
    expect(bank).toMatchObject({
      bankCode: "100",
      finished: 4,
      succeeded: 1,
      partial: 1,
      failed: 2,
      successRate: 0.25,
    });
    expect(bank.lastError?.message).toBe("newest error");
  });

  it("does not count runs that are unfinished or wait for the user", () => {
    const [bank] = summarizeBankHealth([
      run("100", "SUCCEEDED", "2026-03-01T10:00:00Z"),
      run("100", "RUNNING", "2026-03-01T11:00:00Z"),
      run("100", "QUEUED", "2026-03-01T11:00:00Z"),
      run("100", "NEEDS_USER", "2026-03-01T12:00:00Z", "login needed"),
    ]);
    expect(bank).toMatchObject({ finished: 1, successRate: 1, lastError: null });
  });

  it("lists the worst bank first and banks without finished runs last", () => {
    const banks = summarizeBankHealth([
      run("good", "SUCCEEDED", "2026-03-01T10:00:00Z"),
      run("idle", "RUNNING", "2026-03-01T10:00:00Z"),
      run("bad", "FAILED", "2026-03-01T10:00:00Z", "down"),
      run("bad", "SUCCEEDED", "2026-03-01T11:00:00Z"),
    ]);
    expect(banks.map((b) => b.bankCode)).toEqual(["bad", "good", "idle"]);
    expect(banks[0].successRate).toBe(0.5);
    expect(banks[2].successRate).toBeNull();
  });
});

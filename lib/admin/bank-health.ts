export interface HealthRunInput {
  bankCode: string | null;
  bankName: string | null;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "PARTIAL" | "FAILED" | "NEEDS_USER";
  at: Date;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface BankHealth {
  bankCode: string | null;
  bankName: string | null;
  finished: number;
  succeeded: number;
  partial: number;
  failed: number;
  /** Succeeded ÷ finished runs, 0…1; null when nothing finished in the window. */
  successRate: number | null;
  lastError: { at: Date; code: string | null; message: string | null } | null;
}

/**
 * Success rate and last error per bank. Runs still queued or running say nothing yet, and a run
 * that waits for the user's bank login is the user's turn, not the bank's failure: neither counts.
 * Worst banks first, so the one to look at is at the top.
 */
export function summarizeBankHealth(runs: HealthRunInput[]): BankHealth[] {
  const byBank = new Map<string, BankHealth>();
  for (const run of runs) {
    const key = run.bankCode ?? `name:${run.bankName ?? "?"}`;
    const bank = byBank.get(key) ?? {
      bankCode: run.bankCode,
      bankName: run.bankName,
      finished: 0,
      succeeded: 0,
      partial: 0,
      failed: 0,
      successRate: null,
      lastError: null,
    };
    byBank.set(key, bank);
    bank.bankName ??= run.bankName;
    if (run.status === "SUCCEEDED") bank.succeeded += 1;
    else if (run.status === "PARTIAL") bank.partial += 1;
    else if (run.status === "FAILED") bank.failed += 1;
    else continue;
    bank.finished += 1;
    if (
      run.status !== "SUCCEEDED" &&
      (run.errorCode || run.errorMessage) &&
      (!bank.lastError || run.at > bank.lastError.at)
    ) {
      bank.lastError = { at: run.at, code: run.errorCode, message: run.errorMessage };
    }
  }
  const out = [...byBank.values()].map((b) => ({ ...b, successRate: b.finished ? b.succeeded / b.finished : null }));
  return out.sort(
    (a, b) =>
      (a.successRate ?? 2) - (b.successRate ?? 2) ||
      b.finished - a.finished ||
      String(a.bankName).localeCompare(String(b.bankName)),
  );
}

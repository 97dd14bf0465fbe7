import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { quarantineBankText, type QuarantineBankText } from "@/lib/import/quarantine";
import { maskIban } from "@/lib/admin/mask";

const LIMIT = 100;

export interface FailedRunRow {
  id: string;
  connectionId: string;
  userEmail: string;
  bankName: string | null;
  bankCode: string | null;
  status: "FAILED" | "PARTIAL";
  trigger: string;
  queuedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  requestIds: string[];
  /** Whether an import can be re-run: the connection still exists at XS2A. */
  canRerun: boolean;
}

/** The newest failed and partial sync runs across all users. */
export async function unsafeListFailedRuns({ admin, status }: { admin: Viewer; status?: "FAILED" | "PARTIAL" }) {
  assertAdmin(admin);
  const rows = await db.syncRun.findMany({
    where: { status: status ? status : { in: ["FAILED", "PARTIAL"] } },
    orderBy: [{ queuedAt: "desc" }, { id: "asc" }],
    take: LIMIT,
    select: {
      id: true,
      connectionId: true,
      status: true,
      trigger: true,
      queuedAt: true,
      startedAt: true,
      finishedAt: true,
      errorCode: true,
      errorMessage: true,
      requestIds: true,
      user: { select: { email: true } },
      connection: { select: { bankName: true, bankCode: true, status: true, xs2aId: true } },
    },
  });
  return rows.map((r): FailedRunRow => ({
    id: r.id,
    connectionId: r.connectionId,
    userEmail: r.user.email,
    bankName: r.connection.bankName,
    bankCode: r.connection.bankCode,
    status: r.status as "FAILED" | "PARTIAL",
    trigger: r.trigger,
    queuedAt: r.queuedAt,
    finishedAt: r.finishedAt,
    durationMs: r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    requestIds: r.requestIds,
    canRerun: r.connection.status === "ACTIVE" && !!r.connection.xs2aId,
  }));
}

export interface QuarantinedRow {
  id: string;
  userEmail: string;
  bankName: string | null;
  /** The account, its IBAN masked. */
  accountIban: string | null;
  accountName: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  timesSeen: number;
  firstSeenRunId: string | null;
  lastSeenRunId: string | null;
  /** Why it could not be stored: `path: message` (XS2A's field path, the parser's reason). */
  reasons: string[];
  /** The bank's text fields as sent, sanitised; the counterparty IBAN masked. */
  bankText: Omit<QuarantineBankText, "counterpartyIban"> & { counterpartyIban: string | null };
}

/** Turnovers kept aside because they could not be stored, still open, most recently seen first. */
export async function unsafeListQuarantinedTurnovers({ admin }: { admin: Viewer }) {
  assertAdmin(admin);
  const rows = await db.quarantinedTurnover.findMany({
    where: { status: "OPEN" },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: LIMIT,
    select: {
      id: true,
      raw: true,
      reasons: true,
      firstSeenAt: true,
      lastSeenAt: true,
      timesSeen: true,
      firstSeenRunId: true,
      lastSeenRunId: true,
      user: { select: { email: true } },
      account: {
        select: { iban: true, description: true, bankName: true, connection: { select: { bankName: true } } },
      },
    },
  });
  return rows.map((r): QuarantinedRow => {
    const text = quarantineBankText(r.raw);
    return {
      id: r.id,
      userEmail: r.user.email,
      bankName: r.account.connection?.bankName ?? r.account.bankName,
      accountIban: maskIban(r.account.iban),
      accountName: r.account.description,
      firstSeenAt: r.firstSeenAt,
      lastSeenAt: r.lastSeenAt,
      timesSeen: r.timesSeen,
      firstSeenRunId: r.firstSeenRunId,
      lastSeenRunId: r.lastSeenRunId,
      reasons: (Array.isArray(r.reasons) ? r.reasons : []).map((x) => {
        const reason = x as { path?: unknown; message?: unknown };
        return `${String(reason.path ?? "")}: ${String(reason.message ?? "")}`;
      }),
      bankText: { ...text, counterpartyIban: maskIban(text.counterpartyIban) },
    };
  });
}

import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

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

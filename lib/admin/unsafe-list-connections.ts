import { hasFallenBack } from "@/lib/sync/sync-policy";
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { maskIban } from "@/lib/admin/mask";
import type { Viewer } from "@/lib/auth/viewer";
import { today } from "@/lib/clock";
import { connectionState, type ConnectionState } from "@/lib/connections/connection-state";
import { db } from "@/lib/db";

export const CONNECTION_STATES: ConnectionState[] = [
  "disabled",
  "consent_expired",
  "needs_manual_sync",
  "failing",
  "consent_expiring",
  "login_each_sync",
  "ok",
  "linking",
];
export const isConnectionState = (v: unknown): v is ConnectionState => CONNECTION_STATES.includes(v as ConnectionState);

/** Enough for an operator's screen; beyond this, narrow by bank or state. */
const LIMIT = 500;

export interface AdminConnectionRow {
  id: string;
  userEmail: string;
  bankName: string | null;
  bankCode: string | null;
  state: ConnectionState;
  syncMode: "FULL" | "SHARED" | "NONE";
  xs2aSyncMode: "FULL" | "SHARED" | "NONE" | null;
  /** A `full` connection XS2A switched to `none` after a failure. */
  fellBack: boolean;
  lastImportedAt: Date | null;
  xs2aLastSyncedAt: Date | null;
  syncFailCounter: number;
  consentValidUntil: string | null;
  consentDaysLeft: number | null;
  lastError: string | null;
  accounts: { iban: string | null; name: string }[];
}

/**
 * Bank connections across all users (not removed ones), newest first, with their derived state.
 * Selects no secret column: no token, no credential half.
 */
export async function unsafeListConnections(opts: { admin: Viewer; state?: ConnectionState; bankCode?: string }) {
  assertAdmin(opts.admin);
  const [rows, banks, day] = await Promise.all([
    db.bankConnection.findMany({
      where: { status: { not: "REMOVED" }, ...(opts.bankCode ? { bankCode: opts.bankCode } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: LIMIT,
      select: {
        id: true,
        status: true,
        bankName: true,
        bankCode: true,
        syncMode: true,
        xs2aSyncMode: true,
        syncActive: true,
        syncFailCounter: true,
        syncMessage: true,
        consentValidUntil: true,
        lastImportedAt: true,
        xs2aLastSyncedAt: true,
        user: { select: { email: true } },
        accounts: {
          where: { closedAt: null },
          orderBy: { createdAt: "asc" },
          select: { iban: true, description: true, type: true },
        },
        syncRuns: {
          where: { status: { in: ["FAILED", "PARTIAL"] } },
          orderBy: { queuedAt: "desc" },
          take: 1,
          select: { errorMessage: true, errorCode: true },
        },
      },
    }),
    unsafeListBankOptions(opts.admin),
    today(),
  ]);
  const connections: AdminConnectionRow[] = rows
    .map((r) => {
      const { state, consent } = connectionState(r, day);
      const lastRun = r.syncRuns[0];
      return {
        id: r.id,
        userEmail: r.user.email,
        bankName: r.bankName,
        bankCode: r.bankCode,
        state,
        syncMode: r.syncMode,
        xs2aSyncMode: r.xs2aSyncMode,
        fellBack: hasFallenBack(r),
        lastImportedAt: r.lastImportedAt,
        xs2aLastSyncedAt: r.xs2aLastSyncedAt,
        syncFailCounter: r.syncFailCounter,
        consentValidUntil: r.consentValidUntil?.toISOString().slice(0, 10) ?? null,
        consentDaysLeft: consent.daysLeft,
        // XS2A's own message about the connection wins; else the last failed import's.
        lastError: r.syncMessage ?? lastRun?.errorMessage ?? lastRun?.errorCode ?? null,
        accounts: r.accounts.map((a) => ({ iban: maskIban(a.iban), name: a.description ?? a.type })),
      };
    })
    .filter((c) => !opts.state || c.state === opts.state);
  return { connections, banks, limited: rows.length === LIMIT };
}

/** The banks that have connections, for the bank filter. */
async function unsafeListBankOptions(admin: Viewer) {
  assertAdmin(admin);
  const groups = await db.bankConnection.groupBy({
    by: ["bankCode", "bankName"],
    where: { status: { not: "REMOVED" }, bankCode: { not: null } },
    _count: { _all: true },
    orderBy: { bankName: "asc" },
  });
  const seen = new Map<string, { bankCode: string; bankName: string | null; count: number }>();
  for (const g of groups) {
    const code = g.bankCode!;
    const prev = seen.get(code);
    seen.set(code, {
      bankCode: code,
      bankName: prev?.bankName ?? g.bankName,
      count: (prev?.count ?? 0) + g._count._all,
    });
  }
  return [...seen.values()];
}

import "server-only";
import { cachedForUser, clockMinute } from "@/lib/cache/user-cache";
import { needsLoginToSync } from "@/lib/sync/sync-policy";
import { connectionName, isAmbiguous } from "@/lib/connection-name";
import { connectionNamer, namingSelect } from "@/lib/data/connection-names";
import { now, today } from "@/lib/clock";
import { connectionState, type ConnectionState } from "@/lib/connections/connection-state";
import { lastAttemptProblem, staleDays, type LastAttemptProblem } from "@/lib/connections/data-health";
import type { ConsentStatus } from "@/lib/consent/consent-status";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/auth/viewer";

export interface BankAccountDto {
  id: string;
  name: string;
  iban: string | null;
  type: string;
  currency: string;
  balance: string | null;
  closed: boolean;
  duplicateOfBank: string | null;
}

export interface BankConnectionDto {
  id: string;
  /** The bank login's name: the user's own, or the default (bank, first account, IBAN tail). */
  name: string;
  /** The user's own name, when given (the rename form starts from it). */
  ownName: string | null;
  /** The name it has without one of the user's own. */
  defaultName: string;
  bankName: string | null;
  bankCode: string | null;
  syncMode: "FULL" | "SHARED" | "NONE";
  state: ConnectionState;
  /** A sync opens the bank login (`none`, or `full` fallen back): "Sync with bank login". */
  syncNeedsLogin: boolean;
  consent: ConsentStatus;
  consentValidUntil: string | null;
  lastImportedAt: Date | null;
  syncMessage: string | null;
  syncFailCounter: number;
  lastRun: { status: string; finishedAt: Date | null; errorMessage: string | null } | null;
  /** The latest run, when it did not complete (failed, partial, waiting for its next attempt). */
  lastAttempt: LastAttemptProblem | null;
  /** Days its automatic data is older than expected; null when fresh enough or never automatic. */
  staleDays: number | null;
  accounts: BankAccountDto[];
}

/** The viewer's banks (not half-linked or removed ones), with their accounts. No secrets. */
export async function listBanks(viewer: Viewer): Promise<BankConnectionDto[]> {
  // Consent days and "next refresh" are read against the clock: cached for the clock's minute.
  return cachedForUser(viewer.id, "banks", [clockMinute(await now())], () => readBanks(viewer));
}

async function readBanks(viewer: Viewer): Promise<BankConnectionDto[]> {
  const rows = await db.bankConnection.findMany({
    where: { userId: viewer.id, status: { in: ["ACTIVE", "DISABLED"] } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      bankName: true,
      bankCode: true,
      syncMode: true,
      xs2aSyncMode: true,
      status: true,
      syncActive: true,
      syncFailCounter: true,
      syncMessage: true,
      consentValidUntil: true,
      lastImportedAt: true,
      accounts: {
        orderBy: [{ type: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          description: true,
          iban: true,
          type: true,
          currency: true,
          balance: true,
          closedAt: true,
          duplicateOfId: true,
        },
      },
      syncRuns: {
        orderBy: { queuedAt: "desc" },
        take: 1,
        select: { status: true, finishedAt: true, errorMessage: true, errorCode: true, queuedAt: true, retryAt: true },
      },
    },
  });
  const nameOfConnection = await connectionNamer(viewer.id);
  const dupTargets = rows.flatMap((r) => r.accounts.map((a) => a.duplicateOfId)).filter((x): x is string => !!x);
  const dupBanks = new Map(
    (
      await db.bankAccount.findMany({
        where: { id: { in: dupTargets }, userId: viewer.id },
        select: { id: true, bankName: true, connection: { select: namingSelect } },
      })
    ).map((a) => [a.id, a.connection ? nameOfConnection(a.connection) : (a.bankName ?? null)]),
  );
  const [day, at] = await Promise.all([today(), now()]);
  return rows.map((r) => {
    const { state, consent } = connectionState(r, day);
    const run = r.syncRuns[0] ?? null;
    return {
      id: r.id,
      name: nameOfConnection(r),
      ownName: r.name,
      // What it is called without a name of the user's own (the rename form's hint).
      defaultName: connectionName(
        { name: null, bankName: r.bankName, accounts: r.accounts },
        {
          ambiguous: isAmbiguous(
            r.bankName,
            rows.map((x) => x.bankName),
          ),
        },
      ),
      bankName: r.bankName,
      bankCode: r.bankCode,
      syncMode: r.syncMode,
      state,
      syncNeedsLogin: needsLoginToSync(r),
      consent,
      consentValidUntil: r.consentValidUntil?.toISOString().slice(0, 10) ?? null,
      lastImportedAt: r.lastImportedAt,
      syncMessage: r.syncMessage,
      syncFailCounter: r.syncFailCounter,
      lastRun: run && { status: run.status, finishedAt: run.finishedAt, errorMessage: run.errorMessage },
      lastAttempt: lastAttemptProblem(run, state),
      staleDays: staleDays({ syncMode: r.syncMode, lastImportedAt: r.lastImportedAt, state }, at),
      accounts: r.accounts.map((a) => ({
        id: a.id,
        name: a.description ?? a.type,
        iban: a.iban,
        type: a.type,
        currency: a.currency,
        balance: a.balance?.toFixed(2) ?? null,
        closed: !!a.closedAt,
        duplicateOfBank: a.duplicateOfId ? (dupBanks.get(a.duplicateOfId) ?? "?") : null,
      })),
    };
  });
}

/** A wizard session of the viewer, for the page that embeds the wizard. */
export async function getWizardForViewer(viewer: Viewer, unverifiedWizardId: string) {
  return db.wizardSession.findFirst({
    where: { id: unverifiedWizardId, userId: viewer.id },
    select: {
      id: true,
      key: true,
      purpose: true,
      status: true,
      syncMode: true,
      connection: { select: { id: true, bankName: true } },
    },
  });
}

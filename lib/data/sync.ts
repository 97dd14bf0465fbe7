import "server-only";
import { cachedForUser, forgetUser } from "@/lib/cache/user-cache";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/auth/viewer";
import { quarantineBankText, quarantineProblem, type QuarantineProblem } from "@/lib/import/quarantine";

export interface SyncRunDto {
  id: string;
  trigger: "MANUAL" | "SCHEDULED" | "LINK" | "RENEW" | "ADMIN";
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "PARTIAL" | "FAILED" | "NEEDS_USER";
  queuedAt: string;
  finishedAt: string | null;
  added: number;
  updated: number;
  removed: number;
  /** Turnovers this run saw that could not be read and are kept aside (QuarantinedTurnover). */
  quarantined: number;
  /** A stable reason code (mapped to plain language by the UI); never XS2A's raw text. */
  errorCode: string | null;
  /** When Saldo tries again after the bank service did not answer (next attempt or next refresh). */
  retryAt: string | null;
}

/**
 * A turnover of the viewer's bank that Saldo could not read and keeps aside until the bank sends it
 * in a readable form: the bank's own text fields as sent, sanitised (no ids, no IBANs, no raw JSON).
 */
export interface QuarantinedItemDto {
  id: string;
  firstSeenAt: string;
  problem: QuarantineProblem;
  /** As the bank sent them; null when it sent none. */
  bookingDate: string | null;
  amount: string | null;
  currency: string | null;
  counterparty: string | null;
  purpose: string;
}

const select = {
  id: true,
  trigger: true,
  status: true,
  queuedAt: true,
  finishedAt: true,
  added: true,
  updated: true,
  removed: true,
  quarantined: true,
  errorCode: true,
  retryAt: true,
  connectionId: true,
} as const;
const toDto = (r: {
  id: string;
  trigger: SyncRunDto["trigger"];
  status: SyncRunDto["status"];
  queuedAt: Date;
  finishedAt: Date | null;
  added: number;
  updated: number;
  removed: number;
  quarantined: number;
  errorCode: string | null;
  retryAt: Date | null;
}): SyncRunDto => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  queuedAt: r.queuedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  added: r.added,
  updated: r.updated,
  removed: r.removed,
  quarantined: r.quarantined,
  errorCode: r.errorCode,
  retryAt: r.retryAt?.toISOString() ?? null,
});

/** The last runs of each of the viewer's banks (the sync log), newest first. */
export async function listSyncLogs(
  viewer: Viewer,
  unverifiedConnectionIds: string[],
  take = 8,
): Promise<Record<string, SyncRunDto[]>> {
  const out: Record<string, SyncRunDto[]> = {};
  const ids = unverifiedConnectionIds.slice(0, 50);
  const rows = await Promise.all(
    ids.map((id) =>
      db.syncRun.findMany({
        where: { connectionId: id, userId: viewer.id },
        orderBy: { queuedAt: "desc" },
        take,
        select,
      }),
    ),
  );
  ids.forEach((id, i) => (out[id] = rows[i]!.map(toDto)));
  return out;
}

/**
 * The banks page's history and kept-aside items of the viewer's banks, from the per-user cache
 * (sync-status polling reads the runs directly: getSyncStatus).
 */
export async function getBanksPageHistory(viewer: Viewer, unverifiedConnectionIds: string[]) {
  const ids = unverifiedConnectionIds.slice(0, 50);
  return cachedForUser(viewer.id, "banks-history", ids, async () => {
    const [logs, quarantined] = await Promise.all([listSyncLogs(viewer, ids), listQuarantinedItems(viewer, ids)]);
    return { logs, quarantined };
  });
}

/** A run that finished this recently may have written data this process has not heard of yet. */
const JUST_FINISHED_MS = 60_000;

/**
 * The latest run per bank of the viewer, for react-query polling while a sync runs. Read from the
 * database, so it can report a run as finished before the notification of that run's writes has
 * reached this process's per-user cache; the page the browser loads next (on "Sync finished") must
 * show the new data, so a run that just finished drops the viewer's cached pages here.
 */
export async function getSyncStatus(
  viewer: Viewer,
  unverifiedConnectionIds: string[],
  now = new Date(),
): Promise<Record<string, SyncRunDto | null>> {
  const logs = await listSyncLogs(viewer, unverifiedConnectionIds, 1);
  const latest = Object.entries(logs).map(([id, runs]) => [id, runs[0] ?? null] as const);
  const justFinished = latest.some(
    ([, run]) => run?.finishedAt && now.getTime() - Date.parse(run.finishedAt) < JUST_FINISHED_MS,
  );
  if (justFinished) forgetUser(viewer.id);
  return Object.fromEntries(latest);
}

/** A bank's turnovers that are kept aside: how many, and the oldest of them. */
export interface QuarantinedItemsDto {
  total: number;
  items: QuarantinedItemDto[];
}

/** Per bank of the viewer: its turnovers that are kept aside (open quarantine rows), oldest first. */
export async function listQuarantinedItems(
  viewer: Viewer,
  unverifiedConnectionIds: string[],
  takePerBank = 10,
): Promise<Record<string, QuarantinedItemsDto>> {
  const ids = unverifiedConnectionIds.slice(0, 50);
  const out: Record<string, QuarantinedItemsDto> = Object.fromEntries(ids.map((id) => [id, { total: 0, items: [] }]));
  if (ids.length === 0) return out;
  // By the account's current connection: an account re-linked into a new connection keeps its items.
  const where = {
    userId: viewer.id,
    status: "OPEN" as const,
    account: { userId: viewer.id, connectionId: { in: ids } },
  };
  const [counts, rows] = await Promise.all([
    db.bankAccount.findMany({
      where: { userId: viewer.id, connectionId: { in: ids }, quarantined: { some: { status: "OPEN" } } },
      select: { connectionId: true, _count: { select: { quarantined: { where: { status: "OPEN" } } } } },
    }),
    db.quarantinedTurnover.findMany({
      where,
      orderBy: [{ firstSeenAt: "asc" }, { id: "asc" }],
      take: takePerBank * ids.length,
      select: { id: true, firstSeenAt: true, raw: true, reasons: true, account: { select: { connectionId: true } } },
    }),
  ]);
  for (const c of counts) if (c.connectionId && out[c.connectionId]) out[c.connectionId]!.total += c._count.quarantined;
  for (const r of rows) {
    const entry = out[r.account.connectionId ?? ""];
    if (!entry || entry.items.length >= takePerBank) continue;
    const { counterpartyIban: _iban, ...text } = quarantineBankText(r.raw);
    void _iban;
    entry.items.push({
      id: r.id,
      firstSeenAt: r.firstSeenAt.toISOString(),
      problem: quarantineProblem(r.reasons),
      ...text,
    });
  }
  return out;
}

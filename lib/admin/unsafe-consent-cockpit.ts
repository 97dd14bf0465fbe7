import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { addDays, consentWeeks, countRenewals } from "@/lib/admin/consent-weeks";
import type { Viewer } from "@/lib/auth/viewer";
import { today } from "@/lib/clock";
import { db } from "@/lib/db";
import { berlinToday } from "@/lib/berlin-time";

const WEEKS = 12;
const RENEWAL_DAYS = 30;
const SOON_DAYS = 14;

export interface ConsentRow {
  connectionId: string;
  userEmail: string;
  bankName: string | null;
  bankCode: string | null;
  consentValidUntil: string;
}

/**
 * Consents across all users: how many end in each of the next 12 weeks, which have already
 * ended, which end within 14 days, and how many were renewed in the last 30 days.
 */
export async function unsafeConsentCockpit({ admin }: { admin: Viewer }) {
  assertAdmin(admin);
  const day = await today();
  const horizon = addDays(day, WEEKS * 7 - 1);
  const toDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
  const select = {
    id: true,
    consentValidUntil: true,
    bankName: true,
    bankCode: true,
    user: { select: { email: true } },
  } as const;
  const toRow = (r: {
    id: string;
    consentValidUntil: Date | null;
    bankName: string | null;
    bankCode: string | null;
    user: { email: string };
  }): ConsentRow => ({
    connectionId: r.id,
    userEmail: r.user.email,
    bankName: r.bankName,
    bankCode: r.bankCode,
    consentValidUntil: r.consentValidUntil!.toISOString().slice(0, 10),
  });
  // Audit entries and sync runs carry system timestamps (not XS2A dates): the system clock is right here.
  const since = new Date(Date.now() - RENEWAL_DAYS * 86_400_000);
  const [upcoming, expired, auditRenewals, runRenewals] = await Promise.all([
    db.bankConnection.findMany({
      where: { status: "ACTIVE", consentValidUntil: { gte: toDate(day), lte: toDate(horizon) } },
      orderBy: [{ consentValidUntil: "asc" }, { id: "asc" }],
      select,
    }),
    db.bankConnection.findMany({
      where: { status: { in: ["ACTIVE", "DISABLED"] }, consentValidUntil: { lt: toDate(day) } },
      orderBy: [{ consentValidUntil: "desc" }, { id: "asc" }],
      take: 200,
      select,
    }),
    db.auditEvent.findMany({
      where: { action: "bank.renewed", at: { gte: since } },
      select: { targetId: true, at: true },
    }),
    db.syncRun.findMany({
      where: { trigger: "RENEW", queuedAt: { gte: since } },
      select: { connectionId: true, queuedAt: true },
    }),
  ]);
  const rows = upcoming.map(toRow);
  return {
    today: day,
    weeks: consentWeeks({ today: day, ends: rows.map((r) => r.consentValidUntil), weeks: WEEKS }),
    endingSoon: rows.filter((r) => r.consentValidUntil <= addDays(day, SOON_DAYS)),
    expired: expired.map(toRow),
    renewals: countRenewals([
      ...auditRenewals.map((a) => ({ connectionId: a.targetId, day: berlinToday(a.at) })),
      ...runRenewals.map((r) => ({ connectionId: r.connectionId, day: berlinToday(r.queuedAt) })),
    ]),
    renewalDays: RENEWAL_DAYS,
  };
}

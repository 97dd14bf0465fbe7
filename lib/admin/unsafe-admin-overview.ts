import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { addDays } from "@/lib/admin/consent-weeks";
import type { Viewer } from "@/lib/auth/viewer";
import { today } from "@/lib/clock";
import { db } from "@/lib/db";

/** The few numbers an operator checks first; each links to its page. */
export async function unsafeAdminOverview({ admin }: { admin: Viewer }) {
  assertAdmin(admin);
  const day = await today();
  const toDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
  // Sync runs carry system timestamps: the window uses the system clock.
  const since = new Date(Date.now() - 86_400_000);
  const [users, disabledUsers, banks, failedRuns, endingSoon, expired] = await Promise.all([
    db.user.count(),
    db.user.count({ where: { disabled: true } }),
    db.bankConnection.count({ where: { status: { in: ["ACTIVE", "DISABLED"] } } }),
    db.syncRun.count({ where: { status: { in: ["FAILED", "PARTIAL"] }, queuedAt: { gte: since } } }),
    db.bankConnection.count({
      where: { status: "ACTIVE", consentValidUntil: { gte: toDate(day), lte: toDate(addDays(day, 14)) } },
    }),
    db.bankConnection.count({
      where: { status: { in: ["ACTIVE", "DISABLED"] }, consentValidUntil: { lt: toDate(day) } },
    }),
  ]);
  return { users, disabledUsers, banks, failedRuns, endingSoon, expired };
}

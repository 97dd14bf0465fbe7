import "server-only";
import { forgetUser } from "@/lib/cache/user-cache";
import { db } from "@/lib/db";

/**
 * Ends the user's sessions (all, or all but `exceptSessionId`): their rows are revoked, so each
 * JWT carrying one is refused by getViewer() on its next request. Returns how many ended.
 */
export async function endSessions(opts: { userId: string; exceptSessionId?: string | null; now?: Date }) {
  const ended = await db.userSession.updateMany({
    where: {
      userId: opts.userId,
      revokedAt: null,
      ...(opts.exceptSessionId ? { id: { not: opts.exceptSessionId } } : {}),
    },
    data: { revokedAt: opts.now ?? new Date() },
  });
  forgetUser(opts.userId);
  return ended.count;
}

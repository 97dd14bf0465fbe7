import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { endSessions } from "@/lib/auth/sessions/end-sessions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const revokeSessionInput = z.object({ sessionId: z.string().min(1).max(64) }).strict();

/** "Sign out this one": one of the viewer's own sessions ("not found" for anyone else's). */
export async function revokeSession({ viewer, input }: { viewer: Viewer; input: z.infer<typeof revokeSessionInput> }) {
  const unverifiedSessionId = input.sessionId;
  const ended = await db.userSession.updateMany({
    where: { id: unverifiedSessionId, userId: viewer.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (ended.count === 0) throw new AppError("not_found", "not found");
  await audit({
    action: "auth.session_revoked",
    actorId: viewer.id,
    actorEmail: viewer.email,
    targetType: "session",
    targetId: unverifiedSessionId,
  });
  return { current: unverifiedSessionId === viewer.sessionId };
}

/** "Sign out all others": every session of the viewer but this one. */
export async function revokeOtherSessions({ viewer }: { viewer: Viewer }) {
  const count = await endSessions({ userId: viewer.id, exceptSessionId: viewer.sessionId ?? null });
  await audit({
    action: "auth.other_sessions_revoked",
    actorId: viewer.id,
    actorEmail: viewer.email,
    details: { count },
  });
  return { count };
}

import "server-only";
import { audit } from "@/lib/audit";
import { endSessions } from "@/lib/auth/sessions/end-sessions";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/auth/viewer";

/** Bumps the session version and revokes every session row: every JWT issued before stops working on its next request. */
export async function signOutEverywhere({ viewer }: { viewer: Viewer }) {
  const userId = viewer.id;
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await endSessions({ userId });
  await audit({ action: "auth.sign_out_everywhere", actorId: userId, targetType: "user", targetId: userId });
}

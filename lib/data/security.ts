import "server-only";
import { ipPrefix } from "@/lib/auth/sessions/describe-client";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

export interface SessionDto {
  id: string;
  deviceLabel: string;
  ipPrefix: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** The viewer's live sessions ("where you are signed in"), this one first, then most recent. */
export async function listSessions(viewer: Viewer): Promise<SessionDto[]> {
  const rows = await db.userSession.findMany({
    where: { userId: viewer.id, revokedAt: null },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, deviceLabel: true, ipPrefix: true, createdAt: true, lastSeenAt: true },
    take: 100,
  });
  return rows
    .map((r) => ({ ...r, current: r.id === viewer.sessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export interface SecurityEventDto {
  id: string;
  at: Date;
  action: string;
  /** The network, never the full address. */
  from: string | null;
}

/** The viewer's own recent account-security events (their security log in Settings). */
export async function listSecurityLog(viewer: Viewer, take = 50): Promise<SecurityEventDto[]> {
  const rows = await db.auditEvent.findMany({
    where: { actorId: viewer.id, action: { startsWith: "auth." } },
    orderBy: { at: "desc" },
    select: { id: true, at: true, action: true, ip: true },
    take,
  });
  return rows.map((r) => ({ id: String(r.id), at: r.at, action: r.action, from: ipPrefix(r.ip) }));
}

export async function getAccountEmail(viewer: Viewer) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: viewer.id },
    select: { email: true, emailVerifiedAt: true },
  });
  return { email: user.email, verified: !!user.emailVerifiedAt };
}

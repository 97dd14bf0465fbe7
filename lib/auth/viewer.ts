import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { LRUCache } from "lru-cache";
import { cache } from "react";
import { ADMIN_SECOND_FACTOR_SETUP, adminNeedsSecondFactor } from "@/lib/auth/admin-second-factor";
import { authOptions } from "@/lib/auth/options";
import { cachedForUser, userCacheEnabled } from "@/lib/cache/user-cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type Viewer = {
  id: string;
  email: string;
  name: string | null;
  role: "USER" | "ADMIN";
  locale: string | null;
  /** Appearance chosen in Settings (absent for viewers made outside a request, e.g. in tests = "system"). */
  theme?: "system" | "light" | "dark";
  /** The UserSession row of this request (absent for viewers made outside a request, e.g. in tests). */
  sessionId?: string;
};

/** lastSeenAt is written at most this often per session. */
const LAST_SEEN_EVERY_MS = 60_000;

/**
 * The signed-in user, checked against the session's row on every request (see viewerForSession): a
 * disabled user, a session whose version was bumped (sign out everywhere), or whose UserSession row
 * is revoked or gone ("sign out this one", a password change or reset), is no viewer at all.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number; sid?: string } | null;
  return session ? viewerForSession(session) : null;
});

const sessionSelect = {
  userId: true,
  revokedAt: true,
  lastSeenAt: true,
  user: {
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      locale: true,
      theme: true,
      disabled: true,
      sessionVersion: true,
    },
  },
} as const;

/** When this process last wrote each session's lastSeenAt (the cached row keeps its old value). */
const g = globalThis as unknown as { saldoLastSeen?: LRUCache<string, number> };
const lastSeenWrites = () => (g.saldoLastSeen ??= new LRUCache<string, number>({ max: 100_000 }));

/**
 * getViewer's check of a session's claims against the database (without next-auth, for tests).
 * In the web server the session row comes from the per-user cache (lib/cache/user-cache.ts): a
 * revoked or deleted session, a bumped session version or a disabled user notifies every web
 * process at commit, and this process's own sign-outs drop it at once, so "sign out everywhere"
 * still takes effect on the next request without a database round trip on every request.
 */
export async function viewerForSession(claims: { uid?: string; sv?: number; sid?: string }, now = new Date()) {
  if (!claims.uid || !claims.sid) return null;
  const sid = claims.sid;
  const row = await cachedForUser(claims.uid, "session", [sid], () =>
    db.userSession.findUnique({ where: { id: sid }, select: sessionSelect }),
  );
  if (!row || row.revokedAt || row.userId !== claims.uid) return null;
  const user = row.user;
  if (user.disabled || user.sessionVersion !== claims.sv) return null;
  const seen = Math.max(row.lastSeenAt.getTime(), userCacheEnabled() ? (lastSeenWrites().get(sid) ?? 0) : 0);
  if (now.getTime() - seen >= LAST_SEEN_EVERY_MS) {
    lastSeenWrites().set(sid, now.getTime());
    await db.userSession.updateMany({
      where: { id: sid, lastSeenAt: { lt: new Date(now.getTime() - LAST_SEEN_EVERY_MS) } },
      data: { lastSeenAt: now },
    });
  }
  const viewer: Viewer = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    theme: user.theme,
    sessionId: sid,
  };
  return viewer;
}

/** For pages: redirect to sign-in when there is no viewer. */
export async function requireUserPage(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?reason=session");
  return viewer;
}

/** For server actions and route handlers: throws AppError("unauthenticated"). */
export async function requireUser(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated", "sign in required");
  return viewer;
}

/** Admin pages answer 404 to everyone else, so the admin area is not even confirmed to exist. */
export async function requireAdminPage(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer || viewer.role !== "ADMIN") notFound();
  if (await adminNeedsSecondFactor(viewer)) redirect(ADMIN_SECOND_FACTOR_SETUP);
  return viewer;
}

export async function requireAdmin(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer || viewer.role !== "ADMIN") throw new AppError("not_found", "not found");
  if (await adminNeedsSecondFactor(viewer)) throw new AppError("conflict", "admin_second_factor_required");
  return viewer;
}

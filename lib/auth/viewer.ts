import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ADMIN_SECOND_FACTOR_SETUP, adminNeedsSecondFactor } from "@/lib/auth/admin-second-factor";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type Viewer = { id: string; email: string; name: string | null; role: "USER" | "ADMIN"; locale: string | null };

/**
 * The signed-in user, checked against the database on every request: a disabled user, or a
 * session whose version was bumped (sign out everywhere), is no viewer at all.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number } | null;
  if (!session?.uid) return null;
  const user = await db.user.findUnique({
    where: { id: session.uid },
    select: { id: true, email: true, name: true, role: true, locale: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled || user.sessionVersion !== session.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale };
});

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

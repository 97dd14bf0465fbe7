import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { checkPassword } from "@/lib/auth/password-check";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Sensitive actions (link or remove a bank, delete the account, change email or password) need a
 * fresh proof in this session, not only a session cookie: a password (or passkey) check within
 * the last REAUTH_WINDOW_MS, stored on the UserSession row. A sign-in counts as one.
 */
export const REAUTH_WINDOW_MS = 10 * 60_000;

/** Throws AppError("reauth_required") unless this session was (re-)authenticated recently. */
export async function requireRecentAuth(viewer: Viewer, now = new Date()) {
  if (!viewer.sessionId) throw new AppError("reauth_required", "reauth_required");
  const session = await db.userSession.findFirst({
    where: { id: viewer.sessionId, userId: viewer.id, revokedAt: null },
    select: { reauthenticatedAt: true },
  });
  const at = session?.reauthenticatedAt?.getTime() ?? 0;
  if (now.getTime() - at > REAUTH_WINDOW_MS) throw new AppError("reauth_required", "reauth_required");
}

/**
 * Records a fresh proof for this session. Exported for the other proofs (a passkey assertion,
 * a password typed into a form that asks for it anyway) so every path ends here.
 */
export async function markReauthenticated(opts: { userId: string; sessionId: string | undefined; now?: Date }) {
  if (!opts.sessionId) return;
  await db.userSession.updateMany({
    where: { id: opts.sessionId, userId: opts.userId, revokedAt: null },
    data: { reauthenticatedAt: opts.now ?? new Date() },
  });
}

/**
 * Checks the viewer's password through the throttled checkPassword (a stolen session must not be a
 * fast password oracle: its source is the account's session scope, like deleting the account).
 * Throws invalid_input/wrong_password or rate_limited; on success the session is re-authenticated.
 */
export async function verifyViewerPassword(opts: { viewer: Viewer; password: string; field?: string }) {
  const user = await db.user.findUniqueOrThrow({ where: { id: opts.viewer.id } });
  const check = await checkPassword({
    email: user.email,
    user,
    password: opts.password,
    source: `session:${user.id}`,
  });
  if (!check.ok && check.reason === "rate_limited")
    throw new AppError("rate_limited", "password_rate_limited", { retryAfterSeconds: check.retryAfterSeconds });
  if (!check.ok) {
    await audit({ action: "auth.reauth_failed", actorId: user.id, actorEmail: user.email });
    const field = opts.field ?? "password";
    throw new AppError("invalid_input", "wrong_password", { fields: { [field]: "wrong_password" } });
  }
  await markReauthenticated({ userId: user.id, sessionId: opts.viewer.sessionId });
  return user;
}

export const reauthenticateInput = z.object({ password: z.string().min(1).max(200) }).strict();

/** The re-auth dialog: a password check that opens the 10-minute window for this session. */
export async function reauthenticate({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof reauthenticateInput>;
}) {
  await verifyViewerPassword({ viewer, password: input.password });
  await audit({ action: "auth.reauthenticated", actorId: viewer.id, actorEmail: viewer.email });
}

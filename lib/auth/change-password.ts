import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { verifyViewerPassword } from "@/lib/auth/reauth";
import { sendSecurityEmail } from "@/lib/auth/security-email";
import { endSessions } from "@/lib/auth/sessions/end-sessions";
import { revokeTrustedDevices } from "@/lib/auth/trusted-device";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { emailLocale } from "@/lib/i18n/locale";

export const changePasswordInput = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(10_000) })
  .strict();

/**
 * Change password: the current one is checked through the throttled check (typing it is the
 * re-authentication), the new one must be acceptable, and every other session ends.
 */
export async function changePassword({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof changePasswordInput>;
}) {
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new AppError("invalid_input", problem, { fields: { newPassword: problem } });
  const user = await verifyViewerPassword({ viewer, password: input.currentPassword, field: "currentPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  await db.user.update({ where: { id: user.id }, data: { passwordHash } });
  const ended = await endSessions({ userId: user.id, exceptSessionId: viewer.sessionId ?? null });
  // A remembered device skipped the second factor after the old password: it must not after a new one.
  await revokeTrustedDevices({ userId: user.id });
  await audit({
    action: "auth.password_changed",
    actorId: user.id,
    actorEmail: user.email,
    details: { sessionsEnded: ended },
  });
  await sendSecurityEmail({
    userId: user.id,
    to: user.email,
    locale: emailLocale(user),
    build: (t) => ({
      subject: t.passwordChanged.subject,
      body: t.passwordChanged.body(`${env().appUrl}/settings/security`),
    }),
  });
  return { sessionsEnded: ended };
}

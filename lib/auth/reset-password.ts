import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { sendSecurityEmail } from "@/lib/auth/security-email";
import { endSessions } from "@/lib/auth/sessions/end-sessions";
import { revokeTrustedDevices } from "@/lib/auth/trusted-device";
import { consumeToken, issueToken, peekToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";
import { emailLocale } from "@/lib/i18n/locale";

export const requestPasswordResetInput = z
  .object({ email: z.string().trim().toLowerCase().max(320).email(), locale: z.enum(["de", "en"]).optional() })
  .strict();

/** Reset emails one address may receive per hour, and requests one source may make per hour. */
const RESETS_PER_EMAIL_PER_HOUR = 3;
const RESETS_PER_SOURCE_PER_HOUR = 20;

/**
 * "Forgot password": the same answer whether or not the email has an account (no enumeration),
 * throttled per source and per address alike (a known and an unknown address count the same).
 * A known, enabled account gets a link with a single-use token valid 30 minutes.
 */
export async function requestPasswordReset(
  input: z.infer<typeof requestPasswordResetInput>,
  opts: { source: string | null },
): Promise<void> {
  for (const [key, limit] of [
    [`reset:src:${opts.source ?? "unknown"}`, RESETS_PER_SOURCE_PER_HOUR],
    [`reset:email:${input.email}`, RESETS_PER_EMAIL_PER_HOUR],
  ] as const) {
    const hit = await hitRateLimit({ key, limit, windowSeconds: 3600 });
    if (!hit.allowed)
      throw new AppError("rate_limited", "reset_rate_limited", { retryAfterSeconds: hit.retryAfterSeconds });
  }
  const user = await db.user.findUnique({ where: { email: input.email } });
  if (!user || user.disabled) return;
  const token = await issueToken({ userId: user.id, purpose: "password_reset", email: user.email });
  await audit({ action: "auth.password_reset_requested", actorId: user.id, actorEmail: user.email, ip: opts.source });
  await sendSecurityEmail({
    userId: user.id,
    to: user.email,
    locale: user.locale ?? input.locale,
    build: (t) => ({
      subject: t.reset.subject,
      body: t.reset.body(`${env().appUrl}/reset-password?token=${encodeURIComponent(token)}`),
    }),
  });
}

/** Whether a reset link still works (the page shows the form or "ask for a new one"). */
export async function resetTokenUsable(token: string) {
  return !!(await peekToken({ token, purpose: "password_reset" }));
}

export const resetPasswordInput = z
  .object({ token: z.string().min(1).max(200), password: z.string().max(10_000) })
  .strict();

/**
 * Sets a new password with a reset token: the token is spent, every session of the account ends
 * (also the one that may have been stolen), and the address counts as verified (the link proved it).
 */
export async function resetPassword(
  input: z.infer<typeof resetPasswordInput>,
  opts: { source: string | null } = { source: null },
) {
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError("invalid_input", problem, { fields: { password: problem } });
  const passwordHash = await hashPassword(input.password);
  const spent = await consumeToken({ token: input.token, purpose: "password_reset" });
  if (!spent) throw new AppError("invalid_input", "token_invalid");
  const user = await db.user.findUniqueOrThrow({ where: { id: spent.userId } });
  await db.user.update({
    where: { id: user.id },
    data: {
      passwordHash,
      sessionVersion: { increment: 1 },
      ...(user.emailVerifiedAt || user.email !== spent.email ? {} : { emailVerifiedAt: new Date() }),
    },
  });
  const ended = await endSessions({ userId: user.id });
  // A remembered device skipped the second factor after the old password: it must not after a new one.
  await revokeTrustedDevices({ userId: user.id });
  // Earlier throttling of this account (maybe by whoever made the reset necessary) is forgotten.
  await db.rateLimit.deleteMany({ where: { key: `pw:acct:${user.email}` } });
  await audit({
    action: "auth.password_reset",
    actorId: user.id,
    actorEmail: user.email,
    ip: opts.source,
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
}

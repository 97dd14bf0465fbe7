import "server-only";
import { audit } from "@/lib/audit";
import { sendSecurityEmail } from "@/lib/auth/security-email";
import { consumeToken, issueToken, peekToken } from "@/lib/auth/tokens";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";
import { emailLocale } from "@/lib/i18n/locale";

/** Sends (again) the link that confirms the user's current address. */
export async function sendVerificationEmail(user: { id: string; email: string; locale: string | null }) {
  const token = await issueToken({ userId: user.id, purpose: "verify_email", email: user.email });
  await audit({ action: "auth.verification_sent", actorId: user.id, actorEmail: user.email });
  await sendSecurityEmail({
    userId: user.id,
    to: user.email,
    locale: user.locale,
    build: (t) => ({
      subject: t.verify.subject,
      body: t.verify.body(`${env().appUrl}/verify-email?token=${encodeURIComponent(token)}`),
    }),
  });
}

/** "Send the email again", at most 5 times an hour. */
export async function resendVerification({ viewer }: { viewer: Viewer }) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: viewer.id },
    select: { id: true, email: true, locale: true, browserLocale: true, emailVerifiedAt: true },
  });
  if (user.emailVerifiedAt) return { alreadyVerified: true };
  const hit = await hitRateLimit({ key: `verify:resend:${user.id}`, limit: 5, windowSeconds: 3600 });
  if (!hit.allowed)
    throw new AppError("rate_limited", "resend_rate_limited", { retryAfterSeconds: hit.retryAfterSeconds });
  await sendVerificationEmail({ ...user, locale: emailLocale(user) });
  return { alreadyVerified: false };
}

export type VerifyOutcome = "verified" | "invalid" | "wrong_user";

/**
 * Opens a verification link. Signed in as someone else, the link is refused and not spent (it
 * would otherwise verify an account the clicker does not hold). A link for an address the user
 * has since changed verifies nothing.
 */
export async function verifyEmail(opts: { token: string; viewer: Viewer | null }): Promise<VerifyOutcome> {
  const spent = await consumeToken({ token: opts.token, purpose: "verify_email", userId: opts.viewer?.id });
  if (!spent) {
    const owner = opts.viewer ? (await peekToken({ token: opts.token, purpose: "verify_email" }))?.userId : undefined;
    if (owner && owner !== opts.viewer?.id) return "wrong_user";
    return "invalid";
  }
  const updated = await db.user.updateMany({
    where: { id: spent.userId, email: spent.email },
    data: { emailVerifiedAt: new Date() },
  });
  if (updated.count === 0) return "invalid";
  await audit({ action: "auth.email_verified", actorId: spent.userId, actorEmail: spent.email });
  return "verified";
}

/** Linking a bank waits for a confirmed address (the bank's data is then reachable by email). */
export async function requireVerifiedEmail(viewer: Viewer) {
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { emailVerifiedAt: true } });
  if (!user.emailVerifiedAt) throw new AppError("conflict", "email_unverified");
}

export async function isEmailVerified(viewer: Viewer) {
  const user = await db.user.findUnique({ where: { id: viewer.id }, select: { emailVerifiedAt: true } });
  return !!user?.emailVerifiedAt;
}

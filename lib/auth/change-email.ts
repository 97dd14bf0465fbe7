import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { requireRecentAuth } from "@/lib/auth/reauth";
import { sendSecurityEmail } from "@/lib/auth/security-email";
import { consumeToken, issueToken, peekToken } from "@/lib/auth/tokens";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";
import { emailLocale } from "@/lib/i18n/locale";

export const requestEmailChangeInput = z
  .object({ newEmail: z.string().trim().toLowerCase().max(320).email() })
  .strict();

/**
 * Change email, step 1 (needs a fresh re-authentication): a confirmation link to the new address
 * and a notice to the old one. The answer is the same whether or not the new address is taken
 * (no enumeration); a taken one simply gets nothing.
 */
export async function requestEmailChange({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof requestEmailChangeInput>;
}): Promise<{ sentTo: string }> {
  await requireRecentAuth(viewer);
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id } });
  if (input.newEmail === user.email)
    throw new AppError("invalid_input", "same_email", { fields: { newEmail: "same_email" } });
  const hit = await hitRateLimit({ key: `email-change:${user.id}`, limit: 5, windowSeconds: 3600 });
  if (!hit.allowed)
    throw new AppError("rate_limited", "email_change_rate_limited", { retryAfterSeconds: hit.retryAfterSeconds });
  await audit({
    action: "auth.email_change_requested",
    actorId: user.id,
    actorEmail: user.email,
    details: { newEmail: input.newEmail },
  });
  // The address as typed (normalised) is all the answer says, taken or not.
  const answer = { sentTo: input.newEmail };
  const taken = await db.user.findUnique({ where: { email: input.newEmail }, select: { id: true } });
  if (taken) return answer;
  const token = await issueToken({ userId: user.id, purpose: "change_email", email: input.newEmail });
  const settingsUrl = `${env().appUrl}/settings/security`;
  await sendSecurityEmail({
    userId: user.id,
    to: input.newEmail,
    locale: emailLocale(user),
    build: (t) => ({
      subject: t.changeEmail.subject,
      body: t.changeEmail.body(`${env().appUrl}/verify-email?change=1&token=${encodeURIComponent(token)}`),
    }),
  });
  await sendSecurityEmail({
    userId: user.id,
    to: user.email,
    locale: emailLocale(user),
    build: (t) => ({
      subject: t.changeEmailNotice.subject,
      body: t.changeEmailNotice.body(input.newEmail, settingsUrl),
    }),
  });
  return answer;
}

export type EmailChangeOutcome = { status: "changed"; email: string } | { status: "invalid" | "wrong_user" | "taken" };

/**
 * Change email, step 2: the link from the new inbox. Signed in as another user it is refused and
 * not spent. The old address is told once the change is made.
 */
export async function confirmEmailChange(opts: { token: string; viewer: Viewer | null }): Promise<EmailChangeOutcome> {
  if (opts.viewer) {
    const owner = (await peekToken({ token: opts.token, purpose: "change_email" }))?.userId;
    if (owner && owner !== opts.viewer.id) return { status: "wrong_user" };
  }
  const spent = await consumeToken({ token: opts.token, purpose: "change_email", userId: opts.viewer?.id });
  if (!spent) return { status: "invalid" };
  const user = await db.user.findUniqueOrThrow({ where: { id: spent.userId } });
  try {
    await db.user.update({ where: { id: user.id }, data: { email: spent.email, emailVerifiedAt: new Date() } });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return { status: "taken" };
    throw err;
  }
  await audit({
    action: "auth.email_changed",
    actorId: user.id,
    actorEmail: spent.email,
    details: { from: user.email, to: spent.email },
  });
  await sendSecurityEmail({
    userId: user.id,
    to: user.email,
    locale: emailLocale(user),
    build: (t) => ({ subject: t.emailChanged.subject, body: t.emailChanged.body(spent.email) }),
  });
  return { status: "changed", email: spent.email };
}

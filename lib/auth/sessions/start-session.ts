import "server-only";
import { audit } from "@/lib/audit";
import { deviceLabel, ipPrefix } from "@/lib/auth/sessions/describe-client";
import { sendSecurityEmail } from "@/lib/auth/security-email";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { emailLocale, type Locale } from "@/lib/i18n/locale";

/**
 * After a complete sign-in (password, and later any second factor): the session row whose id the
 * JWT carries. The sign-in itself counts as a fresh re-authentication. A browser label this user
 * has never signed in with before gets an email (not the very first sign-in of an account).
 */
export async function startSession(opts: {
  userId: string;
  userAgent: string | null | undefined;
  ip: string | null;
  /** The language the sign-in page was shown in: emails sent later without a request follow it. */
  browserLocale?: Locale;
  now?: Date;
}): Promise<{ sessionId: string; newDevice: boolean }> {
  const now = opts.now ?? new Date();
  if (opts.browserLocale)
    await db.user.update({ where: { id: opts.userId }, data: { browserLocale: opts.browserLocale } });
  const label = deviceLabel(opts.userAgent);
  const prefix = ipPrefix(opts.ip);
  const [seenLabel, anyBefore] = await Promise.all([
    db.userSession.findFirst({ where: { userId: opts.userId, deviceLabel: label }, select: { id: true } }),
    db.userSession.findFirst({ where: { userId: opts.userId }, select: { id: true } }),
  ]);
  const session = await db.userSession.create({
    data: {
      userId: opts.userId,
      deviceLabel: label,
      ipPrefix: prefix,
      createdAt: now,
      lastSeenAt: now,
      reauthenticatedAt: now,
    },
    select: { id: true },
  });
  const newDevice = !seenLabel && !!anyBefore;
  if (newDevice) {
    const user = await db.user.findUniqueOrThrow({
      where: { id: opts.userId },
      select: { email: true, locale: true, browserLocale: true },
    });
    await audit({
      action: "auth.new_device",
      actorId: opts.userId,
      actorEmail: user.email,
      ip: opts.ip,
      targetType: "session",
      targetId: session.id,
      details: { device: label },
    });
    await sendSecurityEmail({
      userId: opts.userId,
      to: user.email,
      locale: emailLocale(user),
      build: (t) => ({
        subject: t.newDevice.subject(label),
        body: t.newDevice.body(
          label,
          prefix ?? "?",
          now.toISOString().slice(0, 16).replace("T", " ") + " UTC",
          `${env().appUrl}/settings/security`,
        ),
      }),
    });
  }
  return { sessionId: session.id, newDevice };
}

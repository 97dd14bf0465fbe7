import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { sendSecurityEmail } from "@/lib/auth/security-email";
import { sendVerificationEmail } from "@/lib/auth/verify-email";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";

export const signUpInput = z.object({
  email: z.string().trim().toLowerCase().max(320).email(),
  // Checked here too (not only in signUp), so a form with several problems hears of all of them at once.
  password: z
    .string()
    .max(10_000)
    .superRefine((password, ctx) => {
      const problem = passwordProblem(password);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  name: z.string().trim().max(100).optional(),
  locale: z.enum(["de", "en"]).optional(),
});

/**
 * Create a user. The first admin comes from ADMIN_EMAILS (or `npm run admin:create`).
 * `source`: where the request comes from; sign-ups are limited per source. `emailLocale`: the
 * language of the page the form was sent from, for the email (a chosen locale wins).
 *
 * The answer is the same whether or not the email is known (issue 14, hole 5): a new account gets
 * a verification link, the owner of a taken address an email saying someone tried (with links to
 * sign in or reset), and the caller only "check your inbox". The password is hashed either way, so
 * the time taken tells nothing either. `userId` is for tests and tooling, never for the browser.
 */
export async function signUp(
  input: z.infer<typeof signUpInput>,
  opts: { source?: string | null; emailLocale?: "de" | "en" } = {},
): Promise<{ userId: string | null }> {
  if (opts.source) {
    const hit = await hitRateLimit({
      key: `signup:src:${opts.source}`,
      // Enough for a family behind one router, not for a script (SALDO_SIGN_UPS_PER_HOUR).
      limit: env().signUpsPerSourcePerHour,
      windowSeconds: 3600,
    });
    if (!hit.allowed)
      throw new AppError("rate_limited", "sign_up_rate_limited", { retryAfterSeconds: hit.retryAfterSeconds });
  }
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError("invalid_input", problem, { fields: { password: problem } });
  const passwordHash = await hashPassword(input.password);
  const role = env().adminEmails.includes(input.email) ? "ADMIN" : "USER";
  try {
    const user = await db.user.create({
      data: {
        email: input.email,
        passwordHash,
        name: input.name || null,
        role,
        locale: input.locale ?? null,
        browserLocale: opts.emailLocale ?? null,
      },
      select: { id: true, email: true, locale: true },
    });
    await audit({ action: "auth.sign_up", actorId: user.id, actorEmail: user.email, ip: opts.source ?? null });
    await sendVerificationEmail({ ...user, locale: user.locale ?? opts.emailLocale ?? null });
    return { userId: user.id };
  } catch (err) {
    if ((err as { code?: string }).code !== "P2002") throw err;
  }
  const owner = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, locale: true },
  });
  if (owner) {
    await audit({
      action: "auth.sign_up_existing_email",
      actorId: owner.id,
      actorEmail: owner.email,
      ip: opts.source ?? null,
    });
    const { appUrl } = env();
    await sendSecurityEmail({
      userId: owner.id,
      to: owner.email,
      locale: owner.locale ?? opts.emailLocale,
      build: (t) => ({
        subject: t.signUpTaken.subject,
        body: t.signUpTaken.body(`${appUrl}/signin`, `${appUrl}/forgot-password`),
      }),
    });
  }
  return { userId: null };
}

import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { replaceRecoveryCodes } from "@/lib/auth/recovery-code-store";
import { requireSecondFactorCode } from "@/lib/auth/second-factor-code";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const confirmTotpSetupInput = z.object({ code: z.string().min(1).max(20) }).strict();

/** The first code from the app turns two-factor sign-in on and yields ten recovery codes (shown once). */
export async function confirmTotpSetup({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof confirmTotpSetupInput>;
}) {
  const pending = await db.totpFactor.findFirst({ where: { userId: viewer.id, confirmedAt: null } });
  if (!pending) throw new AppError("conflict", "no_totp_setup");
  await requireSecondFactorCode({ userId: viewer.id, code: input.code, pending: true });
  const recoveryCodes = await db.$transaction(async (tx) => {
    await tx.totpFactor.deleteMany({ where: { userId: viewer.id, id: { not: pending.id } } });
    await tx.totpFactor.update({ where: { id: pending.id }, data: { confirmedAt: new Date() } });
    return replaceRecoveryCodes(viewer.id, tx);
  });
  await audit({
    action: "auth.mfa_enabled",
    actorId: viewer.id,
    actorEmail: viewer.email,
    details: { method: "totp" },
  });
  return { recoveryCodes };
}

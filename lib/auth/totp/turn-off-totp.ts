import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { verifyViewerPassword } from "@/lib/auth/reauth";
import { requireSecondFactorCode } from "@/lib/auth/second-factor-code";
import { confirmedTotp } from "@/lib/auth/totp/totp-factor";
import { revokeTrustedDevices } from "@/lib/auth/trusted-device";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const turnOffTotpInput = z
  .object({ password: z.string().min(1).max(200), code: z.string().min(1).max(40) })
  .strict();

/** Needs the password and a current code (or a recovery code); removes the secret, the recovery codes and remembered devices. */
export async function turnOffTotp({ viewer, input }: { viewer: Viewer; input: z.infer<typeof turnOffTotpInput> }) {
  await verifyViewerPassword({ viewer, password: input.password });
  if (!(await confirmedTotp(viewer.id))) throw new AppError("conflict", "totp_not_on");
  await requireSecondFactorCode({ userId: viewer.id, code: input.code });
  await db.$transaction([
    db.totpFactor.deleteMany({ where: { userId: viewer.id } }),
    db.recoveryCode.deleteMany({ where: { userId: viewer.id } }),
  ]);
  await revokeTrustedDevices({ userId: viewer.id });
  await audit({
    action: "auth.mfa_disabled",
    actorId: viewer.id,
    actorEmail: viewer.email,
    details: { method: "totp" },
  });
}

import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { verifyViewerPassword } from "@/lib/auth/reauth";
import { replaceRecoveryCodes } from "@/lib/auth/recovery-code-store";
import { confirmedTotp } from "@/lib/auth/totp/totp-factor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const regenerateRecoveryCodesInput = z.object({ password: z.string().min(1).max(200) }).strict();

/** Ten new codes (shown once); every earlier code stops working. */
export async function regenerateRecoveryCodes({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof regenerateRecoveryCodesInput>;
}) {
  await verifyViewerPassword({ viewer, password: input.password });
  if (!(await confirmedTotp(viewer.id))) throw new AppError("conflict", "totp_not_on");
  const recoveryCodes = await db.$transaction((tx) => replaceRecoveryCodes(viewer.id, tx));
  await audit({ action: "auth.recovery_codes_regenerated", actorId: viewer.id });
  return { recoveryCodes };
}

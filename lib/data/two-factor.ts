import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

export interface TwoFactorOverview {
  totpOn: boolean;
  recoveryCodesLeft: number;
  rememberedDevices: number;
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
}

/** The viewer's second factors for Settings: what exists, never a secret. */
export async function getTwoFactorOverview(viewer: Viewer): Promise<TwoFactorOverview> {
  const now = new Date();
  const [totp, recoveryCodesLeft, rememberedDevices, passkeys] = await Promise.all([
    db.totpFactor.findFirst({ where: { userId: viewer.id, confirmedAt: { not: null } }, select: { id: true } }),
    db.recoveryCode.count({ where: { userId: viewer.id, usedAt: null } }),
    db.trustedDevice.count({ where: { userId: viewer.id, revokedAt: null, expiresAt: { gt: now } } }),
    db.passkey.findMany({
      where: { userId: viewer.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    }),
  ]);
  return { totpOn: !!totp, recoveryCodesLeft, rememberedDevices, passkeys };
}

/** Whether the re-auth dialog offers "Use a passkey". */
export async function viewerHasPasskey(viewer: Viewer): Promise<boolean> {
  return (await db.passkey.count({ where: { userId: viewer.id } })) > 0;
}

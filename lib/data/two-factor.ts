import "server-only";
import { cachedForUser } from "@/lib/cache/user-cache";
import { deviceLabel } from "@/lib/auth/sessions/describe-client";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

export interface TwoFactorOverview {
  totpOn: boolean;
  recoveryCodesLeft: number;
  /** Remembered devices (skip the second factor after the password), newest first. */
  rememberedDevices: { id: string; label: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date }[];
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
}

/** The viewer's second factors for Settings: what exists, never a secret. */
export async function getTwoFactorOverview(viewer: Viewer): Promise<TwoFactorOverview> {
  const now = new Date();
  const [totp, recoveryCodesLeft, rememberedDevices, passkeys] = await Promise.all([
    db.totpFactor.findFirst({ where: { userId: viewer.id, confirmedAt: { not: null } }, select: { id: true } }),
    db.recoveryCode.count({ where: { userId: viewer.id, usedAt: null } }),
    db.trustedDevice.findMany({
      where: { userId: viewer.id, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { id: true, userAgent: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    }),
    db.passkey.findMany({
      where: { userId: viewer.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    }),
  ]);
  return {
    totpOn: !!totp,
    recoveryCodesLeft,
    rememberedDevices: rememberedDevices.map(({ userAgent, ...d }) => ({ ...d, label: deviceLabel(userAgent) })),
    passkeys,
  };
}

/** Whether the re-auth dialog offers "Use a passkey". */
export async function viewerHasPasskey(viewer: Viewer): Promise<boolean> {
  return cachedForUser(
    viewer.id,
    "has-passkey",
    [],
    async () => (await db.passkey.count({ where: { userId: viewer.id } })) > 0,
  );
}

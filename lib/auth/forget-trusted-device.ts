import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const forgetTrustedDeviceInput = z.object({ deviceId: z.string().min(1).max(64) }).strict();

/** "Forget this device": one of the viewer's own remembered devices ("not found" for anyone else's). */
export async function forgetTrustedDevice({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof forgetTrustedDeviceInput>;
}) {
  const unverifiedDeviceId = input.deviceId;
  const revoked = await db.trustedDevice.updateMany({
    where: { id: unverifiedDeviceId, userId: viewer.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (revoked.count === 0) throw new AppError("not_found", "not found");
  await audit({
    action: "auth.trusted_devices_revoked",
    actorId: viewer.id,
    actorEmail: viewer.email,
    targetType: "trusted_device",
    targetId: unverifiedDeviceId,
    details: { count: 1 },
  });
}

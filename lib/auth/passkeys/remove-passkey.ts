import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { verifyViewerPassword } from "@/lib/auth/reauth";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const removePasskeyInput = z
  .object({ passkeyId: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();

export async function removePasskey({ viewer, input }: { viewer: Viewer; input: z.infer<typeof removePasskeyInput> }) {
  await verifyViewerPassword({ viewer, password: input.password });
  const removed = await db.passkey.deleteMany({ where: { id: input.passkeyId, userId: viewer.id } });
  if (removed.count !== 1) throw new AppError("not_found", "passkey_not_found");
  await audit({ action: "auth.passkey_removed", actorId: viewer.id, targetType: "passkey", targetId: input.passkeyId });
}

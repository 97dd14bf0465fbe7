import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { passkeyName } from "@/lib/auth/passkeys/finish-passkey-registration";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const renamePasskeyInput = z.object({ passkeyId: z.string().min(1).max(64), name: passkeyName }).strict();

export async function renamePasskey({ viewer, input }: { viewer: Viewer; input: z.infer<typeof renamePasskeyInput> }) {
  const updated = await db.passkey.updateMany({
    where: { id: input.passkeyId, userId: viewer.id },
    data: { name: input.name },
  });
  if (updated.count !== 1) throw new AppError("not_found", "passkey_not_found");
  await audit({ action: "auth.passkey_renamed", actorId: viewer.id, targetType: "passkey", targetId: input.passkeyId });
}

import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { verifyViewerPassword } from "@/lib/auth/reauth";
import { deleteBankUser } from "@/lib/bank-gateway/user-api";
import { db } from "@/lib/db";
import { toAppError } from "@/lib/bank-gateway/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const deleteAccountInput = z.object({ password: z.string().min(1).max(200) }).strict();

/**
 * Deletes the user's bank user at XS2A first (ending every bank connection and consent
 * there), then all their data here. If XS2A cannot be reached, nothing is deleted.
 */
export async function deleteAccount({ viewer, input }: { viewer: Viewer; input: z.infer<typeof deleteAccountInput> }) {
  const userId = viewer.id;
  // The password typed into this form is the fresh re-authentication deleting needs (issue 14),
  // checked like every other through the throttled check: a stolen session is no fast oracle.
  const user = await verifyViewerPassword({ viewer, password: input.password });
  await deleteBankUser(userId).catch((err) => {
    throw toAppError(err);
  });
  await db.user.delete({ where: { id: userId } });
  await audit({ action: "auth.account_deleted", actorEmail: user.email, targetType: "user", targetId: userId });
}

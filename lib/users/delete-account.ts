import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { checkPassword } from "@/lib/auth/password-check";
import { deleteBankUser } from "@/lib/bank-gateway/user-api";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { toAppError } from "@/lib/bank-gateway/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const deleteAccountInput = z.object({ password: z.string().min(1).max(200) }).strict();

/**
 * Deletes the user's bank user at XS2A first (ending every bank connection and consent
 * there), then all their data here. If XS2A cannot be reached, nothing is deleted.
 */
export async function deleteAccount({ viewer, input }: { viewer: Viewer; input: z.infer<typeof deleteAccountInput> }) {
  const userId = viewer.id;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  // Throttled like a sign-in: a stolen session must not be a fast password oracle.
  const check = await checkPassword({ email: user.email, user, password: input.password, source: `session:${userId}` });
  if (!check.ok && check.reason === "rate_limited")
    throw new AppError("rate_limited", "password_rate_limited", { retryAfterSeconds: check.retryAfterSeconds });
  if (!check.ok) throw new AppError("invalid_input", "wrong_password", { fields: { password: "wrong_password" } });
  await deleteBankUser(userId).catch((err) => {
    throw toAppError(err);
  });
  await db.user.delete({ where: { id: userId } });
  await audit({ action: "auth.account_deleted", actorEmail: user.email, targetType: "user", targetId: userId });
}

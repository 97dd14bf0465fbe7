import { z } from "zod";
import { audit } from "@/lib/audit";
import { verifyPassword } from "@/lib/auth/password";
import { deleteBankUser } from "@/lib/bank-gateway/user-api";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isXs2aError } from "@/lib/xs2a";

export const deleteAccountInput = z.object({ password: z.string().min(1).max(200) }).strict();

/**
 * Deletes the user's bank user at XS2A first (ending every bank connection and consent
 * there), then all their data here. If XS2A cannot be reached, nothing is deleted.
 */
export async function deleteAccount({ userId, input }: { userId: string; input: z.infer<typeof deleteAccountInput> }) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    throw new AppError("invalid_input", "wrong_password", { fields: { password: "wrong_password" } });
  }
  try {
    await deleteBankUser(userId);
  } catch (err) {
    if (isXs2aError(err, "retryable")) throw new AppError("unavailable", "xs2a_unavailable", { cause: err });
    throw err;
  }
  await db.user.delete({ where: { id: userId } });
  await audit({ action: "auth.account_deleted", actorEmail: user.email, targetType: "user", targetId: userId });
}

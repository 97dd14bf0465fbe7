import "server-only";
import { checkPassword } from "@/lib/auth/password-check";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";

/**
 * The current password, asked again before a change to the second factors (turning two-factor
 * sign-in on or off, recovery codes, passkeys). Throttled like every password check.
 * TODO(lead): switch to requireRecentAuth (lib/auth/reauth.ts) when it lands.
 */
export async function confirmPassword(viewer: Viewer, password: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id } });
  const check = await checkPassword({ email: user.email, user, password, source: `session:${user.id}` });
  if (!check.ok && check.reason === "rate_limited")
    throw new AppError("rate_limited", "password_rate_limited", { retryAfterSeconds: check.retryAfterSeconds });
  if (!check.ok) throw new AppError("invalid_input", "wrong_password", { fields: { password: "wrong_password" } });
  return user;
}

import "server-only";
import { confirmedTotp } from "@/lib/auth/totp/totp-factor";
import { env } from "@/lib/env";

/** Where an admin without a second factor is sent before any admin page opens. */
export const ADMIN_SECOND_FACTOR_SETUP = "/settings/two-factor?reason=admin";

/**
 * SALDO_REQUIRE_ADMIN_2FA (default on in production): an admin must have two-factor sign-in
 * (an authenticator app) on. A passkey alone does not count: the password path would then still
 * be a single factor.
 */
export async function adminNeedsSecondFactor(
  viewer: { id: string; role: "USER" | "ADMIN" },
  required = env().requireAdmin2fa,
) {
  if (!required || viewer.role !== "ADMIN") return false;
  return (await confirmedTotp(viewer.id)) === null;
}

import "server-only";
import { passkeyAuthenticationOptions } from "@/lib/auth/passkeys/webauthn";
import { secondFactorUserId } from "@/lib/auth/second-factor";
import { AppError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";

/**
 * Options for the browser to sign in with a passkey. Without a token: any discoverable passkey
 * (usernameless). With the token of a password sign-in's second step: that user's passkeys only.
 * Anyone may ask, so each source is limited (every ask stores a challenge row).
 */
export async function startPasskeySignIn(opts: { token?: string; source: string | null }) {
  const hit = await hitRateLimit({ key: `passkey-options:${opts.source ?? "unknown"}`, limit: 60, windowSeconds: 600 });
  if (!hit.allowed) throw new AppError("rate_limited", "too_many_calls", { retryAfterSeconds: hit.retryAfterSeconds });
  if (!opts.token) return passkeyAuthenticationOptions({ userId: null });
  const userId = await secondFactorUserId(opts.token);
  if (!userId) throw new AppError("invalid_input", "challenge_expired");
  return passkeyAuthenticationOptions({ userId });
}

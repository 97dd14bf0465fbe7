import "server-only";
import { audit } from "@/lib/audit";
import { useRecoveryCode } from "@/lib/auth/recovery-code-store";
import {
  clearSecondFactorFailures,
  recordSecondFactorFailure,
  secondFactorWaitSeconds,
} from "@/lib/auth/second-factor-throttle";
import { useTotpCode } from "@/lib/auth/totp/totp-factor";
import { AppError } from "@/lib/errors";

/**
 * A code asked in Settings (confirming the authenticator app, turning it off): throttled like the
 * sign-in's second step; a wrong one throws `invalid_input` with `fields.code` and changes nothing.
 */
export async function requireSecondFactorCode(opts: {
  userId: string;
  code: string;
  /** Confirming a new authenticator app: its pending secret, and no recovery codes. */
  pending?: boolean;
}) {
  const source = `session:${opts.userId}`;
  const wait = await secondFactorWaitSeconds(opts.userId, source);
  if (wait > 0) throw new AppError("rate_limited", "code_rate_limited", { retryAfterSeconds: wait });
  const code = opts.code.trim().slice(0, 40);
  const isTotp = /^\d[\d\s]*$/.test(code);
  const ok = isTotp
    ? await useTotpCode({ userId: opts.userId, code, pending: opts.pending })
    : !opts.pending && (await useRecoveryCode({ userId: opts.userId, code }));
  if (!ok) {
    await recordSecondFactorFailure(opts.userId, source);
    await audit({ action: "auth.second_factor_failed", actorId: opts.userId, details: { in: "settings" } });
    throw new AppError("invalid_input", "wrong_code", { fields: { code: "wrong_code" } });
  }
  await clearSecondFactorFailures(opts.userId, source);
  if (!isTotp) await audit({ action: "auth.recovery_code_used", actorId: opts.userId, details: { in: "settings" } });
}

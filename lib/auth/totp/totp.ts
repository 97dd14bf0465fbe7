import { Secret, TOTP } from "otpauth";

/**
 * RFC 6238 TOTP as authenticator apps do it: SHA-1, 6 digits, 30-second steps. A code of the
 * previous, current or next step is accepted (clock drift), but never one of a step at or before
 * the last one accepted for this user, so a code seen over a shoulder cannot be used again.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;

/** A new random 160-bit secret, base32 (what authenticator apps take). */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = "Saldo") {
  return new TOTP({
    issuer: "Saldo",
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The otpauth:// URI for the QR code. */
export function totpUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

/** The time step a moment belongs to. */
export const totpStep = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code for a moment (for tests and tooling; the app only verifies). */
export function totpCode(secretBase32: string, now: Date): string {
  return totp(secretBase32).generate({ timestamp: now.getTime() });
}

/**
 * The step the code belongs to when it is valid within ±1 step of `now` and later than
 * `lastUsedStep`; else null. Input other than 6 digits (spaces allowed) is never valid.
 */
export function verifyTotp(opts: {
  secret: string;
  code: string;
  now: Date;
  lastUsedStep: number | null;
}): { step: number } | null {
  const code = opts.code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(opts.secret).validate({ token: code, timestamp: opts.now.getTime(), window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = totpStep(opts.now) + delta;
  if (opts.lastUsedStep !== null && step <= opts.lastUsedStep) return null;
  return { step };
}

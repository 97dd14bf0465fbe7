import crypto from "node:crypto";

/**
 * Recovery codes: ten per user, each 10 characters from an alphabet without look-alikes
 * (50 bits), shown as `xxxxx-xxxxx`. They are random and long, so a keyed fast hash
 * (HMAC-SHA256 with the server's secret, salted by the user id) is enough: it lets a code be
 * found by its hash, and a leaked table is useless without the secret.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // 31 letters: no i, l, o, 0, 1

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Lower-case, without spaces and dashes: how the user may type it. Null when it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]+/g, "");
  return /^[a-z0-9]{10}$/.test(code) ? code : null;
}

export function hashRecoveryCode(opts: { code: string; userId: string; secret: string }): string {
  const normalised = normaliseRecoveryCode(opts.code) ?? "";
  return crypto.createHmac("sha256", opts.secret).update(`recovery/${opts.userId}/${normalised}`).digest("base64url");
}

/** Looks like a recovery code rather than a 6-digit TOTP code. */
export const isRecoveryCodeShape = (input: string) => normaliseRecoveryCode(input) !== null;

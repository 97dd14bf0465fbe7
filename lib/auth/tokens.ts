import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";

/**
 * Single-use secrets sent by email. The link carries 32 random bytes; the database holds only
 * their sha256, so a leaked table (or backup) opens no account. A token is spent by the one
 * UPDATE that sets usedAt while it is unused and unexpired, so two clicks cannot both use it.
 */
export type TokenPurpose = "password_reset" | "verify_email" | "change_email";

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  password_reset: 30 * 60_000,
  change_email: 30 * 60_000,
  verify_email: 24 * 3600_000,
};

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new token for the user and purpose; earlier unused ones of that purpose stop working. */
export async function issueToken(opts: { userId: string; purpose: TokenPurpose; email: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.authToken.deleteMany({ where: { userId: opts.userId, purpose: opts.purpose, usedAt: null } }),
    db.authToken.create({
      data: {
        userId: opts.userId,
        purpose: opts.purpose,
        email: opts.email,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[opts.purpose]),
      },
    }),
  ]);
  return token;
}

/** Well-formed: what issueToken makes (43 base64url characters); anything else is not looked up. */
const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

/** The unused, unexpired token's row, without spending it (to show a form); null otherwise. */
export async function peekToken(opts: { token: string; purpose: TokenPurpose; now?: Date }) {
  if (!looksLikeToken(opts.token)) return null;
  return db.authToken.findFirst({
    where: {
      tokenHash: hashToken(opts.token),
      purpose: opts.purpose,
      usedAt: null,
      expiresAt: { gt: opts.now ?? new Date() },
    },
    select: { id: true, userId: true, email: true },
  });
}

/**
 * Spends the token: its row when it was unused, unexpired, of this purpose (and, with `userId`,
 * that user's); null otherwise, and then nothing changed.
 */
export async function consumeToken(opts: { token: string; purpose: TokenPurpose; userId?: string; now?: Date }) {
  if (!looksLikeToken(opts.token)) return null;
  const now = opts.now ?? new Date();
  const tokenHash = hashToken(opts.token);
  const spent = await db.authToken.updateMany({
    where: {
      tokenHash,
      purpose: opts.purpose,
      usedAt: null,
      expiresAt: { gt: now },
      ...(opts.userId ? { userId: opts.userId } : {}),
    },
    data: { usedAt: now },
  });
  if (spent.count !== 1) return null;
  return db.authToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true, email: true } });
}

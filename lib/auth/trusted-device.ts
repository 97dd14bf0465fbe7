import "server-only";
import crypto from "node:crypto";
import { cookies } from "next/headers";
import { audit } from "@/lib/audit";
import { sha256 } from "@/lib/auth/challenges";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

/**
 * "Remember this device for 30 days": after a correct password, a device with this cookie is not
 * asked for the second factor again. The cookie (httpOnly, SameSite=Lax) is `<row id>.<token>.<mac>`:
 * the row holds the token's SHA-256 and can be revoked, the MAC (server secret) rejects forged
 * values before any lookup. The cookie alone never signs anyone in: it is read only after the
 * password was right, and only for the user it was issued to.
 */
export const TRUSTED_DEVICE_COOKIE = "saldo-trusted-device";
export const TRUSTED_DEVICE_DAYS = 30;

const mac = (value: string) =>
  crypto.createHmac("sha256", env().authSecret).update(`trusted-device/${value}`).digest("base64url");

function parse(raw: string | undefined) {
  const [id, token, sig] = (raw ?? "").split(".");
  if (!id || !token || !sig || id.length > 64 || token.length > 64) return null;
  const expected = Buffer.from(mac(`${id}.${token}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return { id, token };
}

/** Creates the row; returns the cookie's value (set by the caller, see setTrustedDeviceCookie). */
export async function createTrustedDevice(opts: { userId: string; userAgent: string | null; ip: string | null }) {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + TRUSTED_DEVICE_DAYS * 86_400_000);
  const row = await db.trustedDevice.create({
    data: { userId: opts.userId, tokenHash: sha256(token), userAgent: opts.userAgent?.slice(0, 300), expiresAt },
    select: { id: true },
  });
  const value = `${row.id}.${token}`;
  await audit({
    action: "auth.trusted_device_added",
    actorId: opts.userId,
    ip: opts.ip,
    targetType: "trusted_device",
    targetId: row.id,
  });
  return { value: `${value}.${mac(value)}`, expiresAt };
}

/** Sets the cookie on the current response (a route handler or server action). */
export async function setTrustedDeviceCookie(cookie: { value: string; expiresAt: Date }) {
  (await cookies()).set(TRUSTED_DEVICE_COOKIE, cookie.value, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().appUrl.startsWith("https://"),
    path: "/",
    expires: cookie.expiresAt,
  });
}

export async function readTrustedDeviceCookie() {
  return (await cookies()).get(TRUSTED_DEVICE_COOKIE)?.value;
}

/** Forgets every remembered device of the user (their cookies stop working at once). */
export async function revokeTrustedDevices(opts: { userId: string; ip?: string | null }) {
  const revoked = await db.trustedDevice.updateMany({
    where: { userId: opts.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (revoked.count > 0)
    await audit({
      action: "auth.trusted_devices_revoked",
      actorId: opts.userId,
      ip: opts.ip,
      details: { count: revoked.count },
    });
  return revoked.count;
}

/** Whether this request carries a valid, unrevoked remembered-device cookie of this user. */
export async function isTrustedDevice(userId: string, cookieValue: string | undefined, now = new Date()) {
  const parsed = parse(cookieValue);
  if (!parsed) return false;
  const row = await db.trustedDevice.findUnique({ where: { id: parsed.id } });
  if (!row || row.userId !== userId || row.revokedAt || row.expiresAt <= now) return false;
  const expected = Buffer.from(row.tokenHash);
  const given = Buffer.from(sha256(parsed.token));
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return false;
  await db.trustedDevice.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return true;
}

/** Pure check, for tests and tooling: does a cookie value carry a valid MAC? */
export const trustedDeviceCookieIsWellFormed = (raw: string) => parse(raw) !== null;

import crypto from "node:crypto";

/**
 * The "remind me tomorrow" link of a reminder email: signed, for one purpose (snoozing one bank's
 * consent reminder), and expiring. It needs no sign-in, so it carries nothing but the bank login's
 * id, the consent end it was sent for (a renewal makes it stale) and its expiry; the signature is an
 * HMAC with the app's secret under its own label, so no other signed value of Saldo fits here.
 */
const PURPOSE = "consent-snooze/v1";

export interface SnoozeClaim {
  connectionId: string;
  /** The consent end date ("YYYY-MM-DD") the email was about. */
  validUntil: string;
  /** When the link stops working. */
  expiresAt: Date;
}

const mac = (secret: string, payload: string) =>
  crypto.createHmac("sha256", secret).update(`${PURPOSE}/${payload}`).digest("base64url");

export function signSnoozeLink(claim: SnoozeClaim, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify([claim.connectionId, claim.validUntil, Math.floor(claim.expiresAt.getTime() / 1000)]),
  ).toString("base64url");
  return `${payload}.${mac(secret, payload)}`;
}

export type SnoozeLinkCheck = { ok: true; claim: SnoozeClaim } | { ok: false; reason: "invalid" | "expired" };

/** The link's claim when its signature holds and it has not expired at `at`. */
export function verifySnoozeLink(token: string, secret: string, at: Date): SnoozeLinkCheck {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined || token.length > 400) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given))
    return { ok: false, reason: "invalid" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== "string" ||
    typeof parsed[1] !== "string" ||
    !/^\d{4}-\d{2}-\d{2}$/.test(parsed[1]) ||
    typeof parsed[2] !== "number"
  )
    return { ok: false, reason: "invalid" };
  const expiresAt = new Date(parsed[2] * 1000);
  if (expiresAt.getTime() <= at.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claim: { connectionId: parsed[0], validUntil: parsed[1], expiresAt } };
}

import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { consumeChallenge, createChallenge, type ChallengePurpose } from "@/lib/auth/challenges";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

/**
 * WebAuthn (passkeys) with @simplewebauthn/server. The relying party is the app's own URL
 * (APP_URL / NEXTAUTH_URL): its host name is the RP ID and its origin the only accepted origin.
 * Every ceremony's challenge is stored server-side (challenges.ts), used once, for 5 minutes.
 * User verification (PIN, fingerprint) is required, so a passkey alone is a full sign-in.
 */
export function relyingParty() {
  const url = new URL(env().appUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: "Saldo" };
}

/** What the browser sends back; parsed loosely here, checked cryptographically by the library. */
const responseShape = z
  .object({ id: z.string().min(1).max(1024), rawId: z.string().max(1024), type: z.literal("public-key") })
  .passthrough();

export function parseWebAuthnResponse<T extends RegistrationResponseJSON | AuthenticationResponseJSON>(
  raw: unknown,
): T | null {
  let value = raw;
  if (typeof raw === "string") {
    if (raw.length > 32_000) return null;
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const parsed = responseShape.safeParse(value);
  return parsed.success ? (parsed.data as unknown as T) : null;
}

export async function passkeyRegistrationOptions(user: { id: string; email: string; name: string | null }) {
  const { rpID, rpName } = relyingParty();
  const existing = await db.passkey.findMany({
    where: { userId: user.id },
    select: { credentialId: true, transports: true },
  });
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: user.email,
    userDisplayName: user.name ?? user.email,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    // A discoverable credential: the passkey itself names the account (usernameless sign-in).
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  const challenge = await createChallenge({ purpose: "passkey_register", userId: user.id, value: options.challenge });
  return { challengeId: challenge.id, options };
}

export type PasskeyRegistrationRefusal = "challenge_expired" | "not_verified" | "already_registered";

export async function verifyPasskeyRegistration(opts: {
  userId: string;
  challengeId: string;
  response: unknown;
  name: string;
}): Promise<{ ok: true; passkeyId: string } | { ok: false; reason: PasskeyRegistrationRefusal }> {
  const challenge = await consumeChallenge({ id: opts.challengeId, purpose: "passkey_register", userId: opts.userId });
  if (!challenge) return { ok: false, reason: "challenge_expired" };
  const response = parseWebAuthnResponse<RegistrationResponseJSON>(opts.response);
  if (!response) return { ok: false, reason: "not_verified" };
  const { rpID, origin } = relyingParty();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge.value,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch {
    return { ok: false, reason: "not_verified" };
  }
  if (!verification.verified || !verification.registrationInfo) return { ok: false, reason: "not_verified" };
  const info = verification.registrationInfo;
  const taken = await db.passkey.findUnique({ where: { credentialId: info.credential.id }, select: { id: true } });
  if (taken) return { ok: false, reason: "already_registered" };
  const passkey = await db.passkey.create({
    data: {
      userId: opts.userId,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey),
      counter: BigInt(info.credential.counter),
      transports: info.credential.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name: opts.name,
    },
    select: { id: true },
  });
  return { ok: true, passkeyId: passkey.id };
}

/**
 * Options for signing in with a passkey: no user yet (discoverable credentials), or, as a second
 * factor or a re-authentication (`purpose`), this user's passkeys.
 */
export async function passkeyAuthenticationOptions(opts: {
  userId: string | null;
  purpose?: "passkey_second_factor" | "passkey_reauth";
}) {
  const { rpID } = relyingParty();
  const allow = opts.userId
    ? await db.passkey.findMany({ where: { userId: opts.userId }, select: { credentialId: true, transports: true } })
    : [];
  const options = await generateAuthenticationOptions({
    rpID,
    userVerification: "required",
    allowCredentials: allow.map((p) => ({
      id: p.credentialId,
      transports: p.transports as AuthenticatorTransport[],
    })),
  });
  const purpose: ChallengePurpose = opts.userId ? (opts.purpose ?? "passkey_second_factor") : "passkey_sign_in";
  const challenge = await createChallenge({ purpose, userId: opts.userId, value: options.challenge });
  return { challengeId: challenge.id, options };
}

export type PasskeyAssertionRefusal = "challenge_expired" | "unknown_passkey" | "not_verified";

/**
 * Checks an assertion against its stored challenge (used up whatever the outcome). With
 * `expectedUserId`, a passkey of any other user is refused. The signature counter must grow
 * when the authenticator keeps one (a cloned authenticator or a replay is refused).
 */
export async function verifyPasskeyAssertion(opts: {
  challengeId: string;
  response: unknown;
  purpose: "passkey_sign_in" | "passkey_second_factor" | "passkey_reauth";
  expectedUserId?: string;
  ip?: string | null;
}): Promise<{ ok: true; userId: string; passkeyId: string } | { ok: false; reason: PasskeyAssertionRefusal }> {
  const challenge = await consumeChallenge({
    id: opts.challengeId,
    purpose: opts.purpose,
    ...(opts.expectedUserId ? { userId: opts.expectedUserId } : {}),
  });
  const response = parseWebAuthnResponse<AuthenticationResponseJSON>(opts.response);
  const fail = async (reason: PasskeyAssertionRefusal, passkeyUserId?: string) => {
    await audit({
      action: "auth.passkey_failed",
      actorId: opts.expectedUserId ?? passkeyUserId ?? null,
      ip: opts.ip,
      details: { reason, purpose: opts.purpose },
    });
    return { ok: false as const, reason };
  };
  if (!challenge) return fail("challenge_expired");
  if (!response) return fail("not_verified");
  const passkey = await db.passkey.findUnique({ where: { credentialId: response.id } });
  if (!passkey) return fail("unknown_passkey");
  if (opts.expectedUserId && passkey.userId !== opts.expectedUserId) return fail("unknown_passkey", passkey.userId);
  const { rpID, origin } = relyingParty();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.value,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: Number(passkey.counter),
        transports: passkey.transports as AuthenticatorTransport[],
      },
    });
  } catch {
    return fail("not_verified", passkey.userId);
  }
  if (!verification.verified) return fail("not_verified", passkey.userId);
  // The counter only moves forward: of two requests with the same signature count, one wins.
  const newCounter = BigInt(verification.authenticationInfo.newCounter);
  const updated = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: newCounter, lastUsedAt: new Date() },
  });
  if (updated.count !== 1) return fail("not_verified", passkey.userId);
  return { ok: true, userId: passkey.userId, passkeyId: passkey.id };
}

/**
 * Two-factor sign-in on PostgreSQL (issue 14, part B): TOTP, recovery codes, remembered devices
 * and passkeys. Every refusal (wrong code, reused code, reused recovery code, replayed assertion,
 * another user's passkey) is checked to change nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminNeedsSecondFactor } from "@/lib/auth/admin-second-factor";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { finishPasskeyRegistration } from "@/lib/auth/passkeys/finish-passkey-registration";
import { finishPasskeyReauth, startPasskeyReauth } from "@/lib/auth/passkeys/reauth-with-passkey";
import { removePasskey } from "@/lib/auth/passkeys/remove-passkey";
import { renamePasskey } from "@/lib/auth/passkeys/rename-passkey";
import { signInWithPasskey } from "@/lib/auth/passkeys/sign-in-with-passkey";
import { startPasskeyRegistration } from "@/lib/auth/passkeys/start-passkey-registration";
import { startPasskeySignIn } from "@/lib/auth/passkeys/start-passkey-sign-in";
import { relyingParty } from "@/lib/auth/passkeys/webauthn";
import { requireRecentAuth } from "@/lib/auth/reauth";
import { regenerateRecoveryCodes } from "@/lib/auth/regenerate-recovery-codes";
import { completeSecondFactor } from "@/lib/auth/second-factor";
import { startSession } from "@/lib/auth/sessions/start-session";
import { confirmTotpSetup } from "@/lib/auth/totp/confirm-totp-setup";
import { startTotpSetup } from "@/lib/auth/totp/start-totp-setup";
import { totpCode } from "@/lib/auth/totp/totp";
import { turnOffTotp } from "@/lib/auth/totp/turn-off-totp";
import { changePassword } from "@/lib/auth/change-password";
import { resetPassword } from "@/lib/auth/reset-password";
import { issueToken } from "@/lib/auth/tokens";
import { forgetTrustedDevice } from "@/lib/auth/forget-trusted-device";
import { createTrustedDevice, isTrustedDevice, revokeTrustedDevices } from "@/lib/auth/trusted-device";
import type { Viewer } from "@/lib/auth/viewer";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { createSoftAuthenticator } from "@/scripts/fixtures/soft-authenticator";

const PASSWORD = "correct horse battery";
let hash: string;
const users: string[] = [];

async function makeUser(role: "USER" | "ADMIN" = "USER"): Promise<Viewer> {
  const email = `${randomUUID()}@mfa.test`;
  const user = await db.user.create({ data: { email, passwordHash: hash, role } });
  users.push(user.id);
  return { id: user.id, email, name: null, role, locale: null };
}
const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;
const STEP = 30_000;

/** A user with TOTP on; returns the secret, the recovery codes and a clock that moves a step per call. */
async function userWithTotp(role: "USER" | "ADMIN" = "USER") {
  const viewer = await makeUser(role);
  const setup = await startTotpSetup({ viewer, input: { password: PASSWORD } });
  // Each code is for the next step (confirming uses the current one), so none is reused by accident.
  let t = Date.now() - STEP;
  const nextCode = () => totpCode(setup.secret, new Date((t += STEP)));
  const { recoveryCodes } = await confirmTotpSetup({ viewer, input: { code: nextCode() } });
  return { viewer, secret: setup.secret, recoveryCodes, nextCode, now: () => new Date(t) };
}

async function passwordStep(viewer: Viewer, source: string, trustedDevice?: string) {
  const result = await authenticate({ email: viewer.email, password: PASSWORD, ip: source, trustedDevice });
  if (result.ok || !result.code.startsWith("second_factor_required:"))
    throw new Error(`unexpected ${JSON.stringify(result)}`);
  return result.code.slice("second_factor_required:".length);
}

const state = async (userId: string) => ({
  user: await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { lastSignInAt: true, sessionVersion: true },
  }),
  totp: await db.totpFactor.findMany({ where: { userId }, select: { lastUsedStep: true, confirmedAt: true } }),
  codes: await db.recoveryCode.count({ where: { userId, usedAt: null } }),
  passkeys: await db.passkey.findMany({ where: { userId }, select: { counter: true, lastUsedAt: true } }),
});

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await db.user.deleteMany({ where: { id: { in: users } } });
  await db.$disconnect();
});

describe("TOTP set-up", () => {
  it("stores the secret encrypted and bound to its row, and turns on only with a right first code", async () => {
    const viewer = await makeUser();
    await expect(startTotpSetup({ viewer, input: { password: "wrong password" } })).rejects.toMatchObject({
      code: "invalid_input",
    });
    const setup = await startTotpSetup({ viewer, input: { password: PASSWORD } });
    expect(setup.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const row = await db.totpFactor.findFirstOrThrow({ where: { userId: viewer.id } });
    expect(row.secret).not.toContain(setup.secret);
    expect(decryptSecret(row.secret, { table: "TotpFactor", rowId: row.id, ownerId: viewer.id })).toBe(setup.secret);
    expect(() => decryptSecret(row.secret, { table: "TotpFactor", rowId: row.id, ownerId: "someone-else" })).toThrow();

    await expect(confirmTotpSetup({ viewer, input: { code: "000000" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: "wrong_code",
    });
    expect((await state(viewer.id)).totp[0]?.confirmedAt).toBeNull();
    // Not yet on: the password alone still signs in.
    expect(await authenticate({ email: viewer.email, password: PASSWORD, ip: ip() })).toMatchObject({ ok: true });

    const { recoveryCodes } = await confirmTotpSetup({ viewer, input: { code: totpCode(setup.secret, new Date()) } });
    expect(recoveryCodes).toHaveLength(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: viewer.id } });
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes)
      expect(stored.some((s) => s.codeHash.includes(code.replace("-", "")))).toBe(false);
  });
});

describe("sign-in with a second factor", () => {
  it("a right password asks for the code; a wrong code is refused and changes nothing", async () => {
    const { viewer, nextCode, now } = await userWithTotp();
    const source = ip();
    const token = await passwordStep(viewer, source);
    const before = await state(viewer.id);
    expect(await completeSecondFactor({ token, code: "123456", ip: source, now: now() })).toEqual({
      ok: false,
      code: "wrong_code",
    });
    expect(await completeSecondFactor({ token, code: "not-a-code", ip: source, now: now() })).toMatchObject({
      ok: false,
    });
    expect(await state(viewer.id)).toEqual(before);
    const ok = await completeSecondFactor({ token, code: nextCode(), ip: source, now: now() });
    expect(ok).toMatchObject({ ok: true, method: "totp", user: { id: viewer.id } });
    // The token is used up.
    expect(await completeSecondFactor({ token, code: nextCode(), ip: source, now: now() })).toEqual({
      ok: false,
      code: "challenge_expired",
    });
  });

  it("a code already used (same time step) is refused the second time", async () => {
    const { viewer, nextCode, now } = await userWithTotp();
    const source = ip();
    const code = nextCode();
    const first = await passwordStep(viewer, source);
    expect(await completeSecondFactor({ token: first, code, ip: source, now: now() })).toMatchObject({ ok: true });
    const before = await state(viewer.id);
    const second = await passwordStep(viewer, source);
    expect(await completeSecondFactor({ token: second, code, ip: source, now: now() })).toEqual({
      ok: false,
      code: "wrong_code",
    });
    expect((await state(viewer.id)).totp).toEqual(before.totp);
  });

  it("a recovery code works once instead of the code, then is refused", async () => {
    const { viewer, recoveryCodes } = await userWithTotp();
    const source = ip();
    const code = recoveryCodes[3]!;
    const token = await passwordStep(viewer, source);
    expect(await completeSecondFactor({ token, code: code.toUpperCase(), ip: source })).toMatchObject({
      ok: true,
      method: "recovery_code",
    });
    expect((await state(viewer.id)).codes).toBe(9);
    const again = await passwordStep(viewer, source);
    const before = await state(viewer.id);
    expect(await completeSecondFactor({ token: again, code, ip: source })).toEqual({ ok: false, code: "wrong_code" });
    expect(await state(viewer.id)).toEqual(before);
    expect(await db.auditEvent.count({ where: { actorId: viewer.id, action: "auth.recovery_code_used" } })).toBe(1);
    // Another user's recovery code is no code at all.
    const other = await userWithTotp();
    const token2 = await passwordStep(other.viewer, source);
    expect(await completeSecondFactor({ token: token2, code: recoveryCodes[0]!, ip: source })).toMatchObject({
      ok: false,
    });
  });

  it("new recovery codes replace the old ones", async () => {
    const { viewer, recoveryCodes } = await userWithTotp();
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes({ viewer, input: { password: PASSWORD } });
    const source = ip();
    expect(
      await completeSecondFactor({ token: await passwordStep(viewer, source), code: recoveryCodes[0]!, ip: source }),
    ).toMatchObject({ ok: false });
    expect(
      await completeSecondFactor({ token: await passwordStep(viewer, source), code: fresh[0]!, ip: source }),
    ).toMatchObject({ ok: true });
  });

  it("five wrong codes end the token; more wrong codes from a source make it wait (throttled like passwords)", async () => {
    const { viewer, nextCode, now } = await userWithTotp();
    const source = ip();
    const token = await passwordStep(viewer, source);
    for (let i = 0; i < 5; i++)
      expect(await completeSecondFactor({ token, code: "000000", ip: source, now: now() })).toMatchObject({
        ok: false,
      });
    const failedAt = now();
    const after = await completeSecondFactor({ token, code: nextCode(), ip: source, now: failedAt });
    expect(after).toEqual({ ok: false, code: "challenge_expired" });
    // The source made 5 failures: the next try, even with a right code (the next step's), waits.
    const token2 = await passwordStep(viewer, source);
    const waited = await completeSecondFactor({
      token: token2,
      code: nextCode(),
      ip: source,
      now: new Date(failedAt.getTime() + 1000),
    });
    expect(waited.ok).toBe(false);
    expect(!waited.ok && waited.code).toMatch(/^rate_limited:\d+$/);
    // From another source the owner still gets in.
    const elsewhere = ip();
    const token3 = await passwordStep(viewer, elsewhere);
    expect(await completeSecondFactor({ token: token3, code: nextCode(), ip: elsewhere, now: now() })).toMatchObject({
      ok: true,
    });
  });

  it("turning off needs the password and a code, and removes secret, codes and remembered devices", async () => {
    const { viewer, secret } = await userWithTotp();
    // Settings checks codes against the real clock; the set-up used the current step, so the next one.
    const nextCode = () => totpCode(secret, new Date(Date.now() + STEP));
    await createTrustedDevice({ userId: viewer.id, userAgent: "test", ip: null });
    await expect(turnOffTotp({ viewer, input: { password: PASSWORD, code: "000000" } })).rejects.toMatchObject({
      message: "wrong_code",
    });
    await expect(
      turnOffTotp({ viewer, input: { password: "nope nope nope", code: nextCode() } }),
    ).rejects.toMatchObject({ message: "wrong_password" });
    expect((await state(viewer.id)).totp).toHaveLength(1);
    await turnOffTotp({ viewer, input: { password: PASSWORD, code: nextCode() } });
    expect(await state(viewer.id)).toMatchObject({ totp: [], codes: 0 });
    expect(await db.trustedDevice.count({ where: { userId: viewer.id, revokedAt: null } })).toBe(0);
    expect(await authenticate({ email: viewer.email, password: PASSWORD, ip: ip() })).toMatchObject({ ok: true });
    expect(await db.auditEvent.count({ where: { actorId: viewer.id, action: "auth.mfa_disabled" } })).toBe(1);
  });
});

describe("remembered devices", () => {
  it("skip the code only after the right password, only for their user, until revoked", async () => {
    const { viewer } = await userWithTotp();
    const other = await userWithTotp();
    const device = await createTrustedDevice({ userId: viewer.id, userAgent: "test", ip: null });
    expect(await isTrustedDevice(viewer.id, device.value)).toBe(true);
    expect(await isTrustedDevice(other.viewer.id, device.value)).toBe(false);
    const tampered = device.value.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect(await isTrustedDevice(viewer.id, tampered)).toBe(false);
    expect(
      await authenticate({ email: viewer.email, password: PASSWORD, ip: ip(), trustedDevice: device.value }),
    ).toMatchObject({ ok: true });
    // The cookie never replaces the password.
    expect(
      await authenticate({ email: viewer.email, password: "wrong password!", ip: ip(), trustedDevice: device.value }),
    ).toMatchObject({ ok: false, code: "wrong_credentials" });
    // Another user's password step with this cookie still asks for their code.
    await passwordStep(other.viewer, ip(), device.value);
    await revokeTrustedDevices({ userId: viewer.id });
    expect(await isTrustedDevice(viewer.id, device.value)).toBe(false);
    await passwordStep(viewer, ip(), device.value);
  });

  it("can be forgotten one by one (only the viewer's own), and all end with a password change or reset", async () => {
    const { viewer } = await userWithTotp();
    const other = await userWithTotp();
    const laptop = await createTrustedDevice({ userId: viewer.id, userAgent: "laptop", ip: null });
    const phone = await createTrustedDevice({ userId: viewer.id, userAgent: "phone", ip: null });
    const laptopId = laptop.value.split(".")[0]!;
    await expect(forgetTrustedDevice({ viewer: other.viewer, input: { deviceId: laptopId } })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await isTrustedDevice(viewer.id, laptop.value)).toBe(true);
    await forgetTrustedDevice({ viewer, input: { deviceId: laptopId } });
    expect(await isTrustedDevice(viewer.id, laptop.value)).toBe(false);
    expect(await isTrustedDevice(viewer.id, phone.value)).toBe(true);
    await expect(forgetTrustedDevice({ viewer, input: { deviceId: laptopId } })).rejects.toMatchObject({
      code: "not_found",
    });

    // Changing the password forgets every remembered device…
    const newPassword = "another long passphrase";
    await changePassword({ viewer, input: { currentPassword: PASSWORD, newPassword } });
    expect(await isTrustedDevice(viewer.id, phone.value)).toBe(false);
    // …and so does a reset (whoever made it necessary may have remembered their browser).
    const tablet = await createTrustedDevice({ userId: viewer.id, userAgent: "tablet", ip: null });
    const token = await issueToken({ userId: viewer.id, purpose: "password_reset", email: viewer.email });
    await resetPassword({ token, password: PASSWORD });
    expect(await isTrustedDevice(viewer.id, tablet.value)).toBe(false);
    const otherDevice = await createTrustedDevice({ userId: other.viewer.id, userAgent: "x", ip: null });
    expect(await isTrustedDevice(other.viewer.id, otherDevice.value)).toBe(true);
  });
});

describe("passkeys", () => {
  async function withPasskey(viewer: Viewer) {
    const { rpID, origin } = relyingParty();
    const authenticator = createSoftAuthenticator({ rpId: rpID, origin });
    const { challengeId, options } = await startPasskeyRegistration({ viewer, input: { password: PASSWORD } });
    const response = authenticator.register(options);
    await finishPasskeyRegistration({
      viewer,
      input: { challengeId, response: JSON.stringify(response), name: "Laptop" },
    });
    return authenticator;
  }

  it("registers (password first; the challenge works once) and signs in alone", async () => {
    const viewer = await makeUser();
    await expect(startPasskeyRegistration({ viewer, input: { password: "wrong password" } })).rejects.toMatchObject({
      message: "wrong_password",
    });
    const { rpID, origin } = relyingParty();
    const authenticator = createSoftAuthenticator({ rpId: rpID, origin });
    const { challengeId, options } = await startPasskeyRegistration({ viewer, input: { password: PASSWORD } });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    const response = JSON.stringify(authenticator.register(options));
    // A response for another origin is refused (and uses the challenge up).
    const foreign = createSoftAuthenticator({ rpId: rpID, origin: "https://evil.example" });
    await expect(
      finishPasskeyRegistration({
        viewer,
        input: { challengeId, response: JSON.stringify(foreign.register(options)), name: "x" },
      }),
    ).rejects.toMatchObject({ message: "passkey_not_verified" });
    await expect(
      finishPasskeyRegistration({ viewer, input: { challengeId, response, name: "Laptop" } }),
    ).rejects.toMatchObject({ message: "passkey_challenge_expired" });
    expect(await db.passkey.count({ where: { userId: viewer.id } })).toBe(0);

    const second = await startPasskeyRegistration({ viewer, input: { password: PASSWORD } });
    await finishPasskeyRegistration({
      viewer,
      input: {
        challengeId: second.challengeId,
        response: JSON.stringify(authenticator.register(second.options)),
        name: "Laptop",
      },
    });
    expect(await db.passkey.count({ where: { userId: viewer.id } })).toBe(1);

    const signIn = await startPasskeySignIn({ source: ip() });
    expect(signIn.options.allowCredentials ?? []).toEqual([]);
    const result = await signInWithPasskey({
      challengeId: signIn.challengeId,
      response: JSON.stringify(authenticator.assert(signIn.options)),
      ip: null,
    });
    expect(result).toMatchObject({ ok: true, user: { id: viewer.id } });
    expect((await state(viewer.id)).passkeys[0]).toMatchObject({ counter: 1n });
  });

  it("a replayed assertion is refused and changes nothing", async () => {
    const viewer = await makeUser();
    const authenticator = await withPasskey(viewer);
    const first = await startPasskeySignIn({ source: ip() });
    const assertion = JSON.stringify(authenticator.assert(first.options));
    expect(await signInWithPasskey({ challengeId: first.challengeId, response: assertion, ip: null })).toMatchObject({
      ok: true,
    });
    const before = await state(viewer.id);
    // The same assertion with its (used) challenge…
    expect(await signInWithPasskey({ challengeId: first.challengeId, response: assertion, ip: null })).toMatchObject({
      ok: false,
    });
    // …and with a fresh challenge (it signed the old one).
    const second = await startPasskeySignIn({ source: ip() });
    expect(await signInWithPasskey({ challengeId: second.challengeId, response: assertion, ip: null })).toMatchObject({
      ok: false,
    });
    // A cloned authenticator repeating the signature counter.
    const third = await startPasskeySignIn({ source: ip() });
    const cloned = JSON.stringify(authenticator.assert(third.options, { counterStep: 0 }));
    expect(await signInWithPasskey({ challengeId: third.challengeId, response: cloned, ip: null })).toMatchObject({
      ok: false,
    });
    expect(await state(viewer.id)).toEqual(before);
  });

  it("as the second factor: the user's own passkey works, another user's is refused and changes nothing", async () => {
    const { viewer } = await userWithTotp();
    const own = await withPasskey(viewer);
    const other = await makeUser();
    const othersPasskey = await withPasskey(other);
    const source = ip();

    const token = await passwordStep(viewer, source);
    const options = await startPasskeySignIn({ token, source });
    expect(options.options.allowCredentials?.map((c) => c.id)).toEqual([own.credentialId]);
    const beforeA = await state(viewer.id);
    const beforeB = await state(other.id);
    const refused = await completeSecondFactor({
      token,
      passkey: { challengeId: options.challengeId, response: JSON.stringify(othersPasskey.assert(options.options)) },
      ip: source,
    });
    expect(refused).toEqual({ ok: false, code: "wrong_code" });
    expect(await state(viewer.id)).toEqual(beforeA);
    expect(await state(other.id)).toEqual(beforeB);
    // B's passkey with a sign-in challenge of A's second step is no passwordless sign-in either.
    expect(
      await signInWithPasskey({
        challengeId: options.challengeId,
        response: JSON.stringify(othersPasskey.assert(options.options)),
        ip: null,
      }),
    ).toMatchObject({ ok: false });

    const again = await startPasskeySignIn({ token, source });
    const ok = await completeSecondFactor({
      token,
      passkey: { challengeId: again.challengeId, response: JSON.stringify(own.assert(again.options)) },
      ip: source,
    });
    expect(ok).toMatchObject({ ok: true, method: "passkey", user: { id: viewer.id } });
  });

  it("re-authenticates a session with the user's own passkey; another's, a replay or a sign-in challenge are refused", async () => {
    const viewer = await makeUser();
    const own = await withPasskey(viewer);
    const other = await makeUser();
    const othersPasskey = await withPasskey(other);
    const { sessionId } = await startSession({ userId: viewer.id, userAgent: null, ip: null });
    const signedIn: Viewer = { ...viewer, sessionId };
    const stale = new Date(Date.now() - 11 * 60_000);
    await db.userSession.update({ where: { id: sessionId }, data: { reauthenticatedAt: stale } });
    const reauthAt = async () =>
      (await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).reauthenticatedAt;
    await expect(requireRecentAuth(signedIn)).rejects.toMatchObject({ code: "reauth_required" });

    // Another user's passkey with this viewer's challenge: refused, nothing changes.
    const first = await startPasskeyReauth({ viewer: signedIn });
    await expect(
      finishPasskeyReauth({
        viewer: signedIn,
        input: { challengeId: first.challengeId, response: JSON.stringify(othersPasskey.assert(first.options)) },
      }),
    ).rejects.toMatchObject({ message: "passkey_refused" });
    expect(await reauthAt()).toEqual(stale);
    // A challenge of a passwordless sign-in is not one for re-authentication.
    const signIn = await startPasskeySignIn({ source: ip() });
    await expect(
      finishPasskeyReauth({
        viewer: signedIn,
        input: { challengeId: signIn.challengeId, response: JSON.stringify(own.assert(signIn.options)) },
      }),
    ).rejects.toMatchObject({ message: "passkey_refused" });
    expect(await reauthAt()).toEqual(stale);

    // The viewer's own passkey opens the window.
    const second = await startPasskeyReauth({ viewer: signedIn });
    const assertion = JSON.stringify(own.assert(second.options));
    await finishPasskeyReauth({ viewer: signedIn, input: { challengeId: second.challengeId, response: assertion } });
    expect((await reauthAt())!.getTime()).toBeGreaterThan(stale.getTime());
    await expect(requireRecentAuth(signedIn)).resolves.toBeUndefined();

    // The same assertion again (its challenge used, or with a new challenge) is refused.
    await db.userSession.update({ where: { id: sessionId }, data: { reauthenticatedAt: stale } });
    await expect(
      finishPasskeyReauth({ viewer: signedIn, input: { challengeId: second.challengeId, response: assertion } }),
    ).rejects.toMatchObject({ message: "passkey_refused" });
    const third = await startPasskeyReauth({ viewer: signedIn });
    await expect(
      finishPasskeyReauth({ viewer: signedIn, input: { challengeId: third.challengeId, response: assertion } }),
    ).rejects.toMatchObject({ message: "passkey_refused" });
    expect(await reauthAt()).toEqual(stale);
    expect(await db.auditEvent.count({ where: { actorId: viewer.id, action: "auth.reauthenticated" } })).toBe(1);

    // A user without a passkey is not offered one.
    await expect(startPasskeyReauth({ viewer: await makeUser() })).rejects.toMatchObject({ message: "no_passkey" });
  });

  it("removing needs the password; a removed passkey no longer signs in; others' passkeys cannot be renamed or removed", async () => {
    const viewer = await makeUser();
    const authenticator = await withPasskey(viewer);
    const other = await makeUser();
    const passkey = await db.passkey.findFirstOrThrow({ where: { userId: viewer.id } });
    await expect(
      removePasskey({ viewer: other, input: { passkeyId: passkey.id, password: PASSWORD } }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      renamePasskey({ viewer: other, input: { passkeyId: passkey.id, name: "stolen" } }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).name).toBe("Laptop");
    await expect(
      removePasskey({ viewer, input: { passkeyId: passkey.id, password: "wrong password" } }),
    ).rejects.toMatchObject({ message: "wrong_password" });
    await removePasskey({ viewer, input: { passkeyId: passkey.id, password: PASSWORD } });
    const signIn = await startPasskeySignIn({ source: ip() });
    expect(
      await signInWithPasskey({
        challengeId: signIn.challengeId,
        response: JSON.stringify(authenticator.assert(signIn.options)),
        ip: null,
      }),
    ).toMatchObject({ ok: false });
  });
});

describe("admins", () => {
  it("need two-factor sign-in when SALDO_REQUIRE_ADMIN_2FA is on", async () => {
    const admin = await makeUser("ADMIN");
    expect(await adminNeedsSecondFactor(admin, true)).toBe(true);
    expect(await adminNeedsSecondFactor(admin, false)).toBe(false);
    expect(await adminNeedsSecondFactor(await makeUser("USER"), true)).toBe(false);
    const { viewer } = await userWithTotp("ADMIN");
    expect(await adminNeedsSecondFactor(viewer, true)).toBe(false);
  });
});

/**
 * Account security flows on PostgreSQL (issue 14): session rows, emailed single-use tokens
 * (expired, reused, wrong purpose, wrong user), password reset and change, the re-auth window,
 * sign-up without enumeration, and the email change.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { confirmEmailChange, requestEmailChange } from "@/lib/auth/change-email";
import { changePassword } from "@/lib/auth/change-password";
import { hashPassword } from "@/lib/auth/password";
import { reauthenticate, REAUTH_WINDOW_MS, requireRecentAuth } from "@/lib/auth/reauth";
import { requestPasswordReset, resetPassword } from "@/lib/auth/reset-password";
import { revokeOtherSessions, revokeSession } from "@/lib/auth/sessions/revoke-session";
import { startSession } from "@/lib/auth/sessions/start-session";
import { signUp } from "@/lib/auth/sign-up";
import { issueToken, consumeToken, hashToken } from "@/lib/auth/tokens";
import { verifyEmail } from "@/lib/auth/verify-email";
import { viewerForSession } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { signOutEverywhere } from "@/lib/users/sign-out-everywhere";

const PASSWORD = "correct horse battery";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
let hash: string;
const users: string[] = [];

async function makeUser(opts: { verified?: boolean } = {}) {
  const email = `${randomUUID()}@security.test`;
  const user = await db.user.create({
    data: { email, passwordHash: hash, emailVerifiedAt: opts.verified === false ? null : new Date() },
  });
  users.push(user.id);
  return user;
}

/** A signed-in viewer: a session row as a sign-in makes it, checked like getViewer does. */
async function signedIn(user: { id: string; sessionVersion?: number }, ua = FIREFOX) {
  const { sessionId } = await startSession({ userId: user.id, userAgent: ua, ip: "203.0.113.7" });
  const current = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  const claims = { uid: user.id, sv: current.sessionVersion, sid: sessionId };
  const viewer = (await viewerForSession(claims))!;
  expect(viewer).not.toBeNull();
  return { viewer, claims };
}

const outbox = (to: string) => db.outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
const linkToken = (text: string) => /token=([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? null;

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await db.user.deleteMany({ where: { id: { in: users } } });
  await db.$disconnect();
});

describe("session rows", () => {
  it("a revoked, another user's or a missing session is refused; sign out everywhere ends them all", async () => {
    const user = await makeUser();
    const a = await signedIn(user);
    const b = await signedIn(user);
    const stranger = await makeUser();
    expect(await viewerForSession({ ...a.claims, uid: stranger.id })).toBeNull();
    expect(await viewerForSession({ ...a.claims, sid: "no-such-session" })).toBeNull();
    expect(await viewerForSession({ uid: user.id, sv: 0 })).toBeNull();

    // "Sign out this one" from session a ends b only; not another user's session.
    const other = await signedIn(stranger);
    await expect(revokeSession({ viewer: a.viewer, input: { sessionId: other.claims.sid } })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await viewerForSession(other.claims)).not.toBeNull();
    expect(await revokeSession({ viewer: a.viewer, input: { sessionId: b.claims.sid } })).toEqual({ current: false });
    expect(await viewerForSession(b.claims)).toBeNull();
    expect(await viewerForSession(a.claims)).not.toBeNull();

    const c = await signedIn(user);
    expect(await revokeOtherSessions({ viewer: a.viewer })).toEqual({ count: 1 });
    expect(await viewerForSession(c.claims)).toBeNull();
    expect(await viewerForSession(a.claims)).not.toBeNull();

    await signOutEverywhere({ viewer: a.viewer });
    expect(await viewerForSession(a.claims)).toBeNull();
  });

  it("lastSeenAt moves at most once a minute", async () => {
    const user = await makeUser();
    const { claims } = await signedIn(user);
    const seen = async () => (await db.userSession.findUniqueOrThrow({ where: { id: claims.sid } })).lastSeenAt;
    const first = await seen();
    await viewerForSession(claims, new Date(first.getTime() + 30_000));
    expect(await seen()).toEqual(first);
    const later = new Date(first.getTime() + 61_000);
    await viewerForSession(claims, later);
    expect(await seen()).toEqual(later);
  });

  it("a new browser label gets a new-device email; the first sign-in and a known label do not", async () => {
    const user = await makeUser();
    expect((await startSession({ userId: user.id, userAgent: FIREFOX, ip: "203.0.113.7" })).newDevice).toBe(false);
    expect((await startSession({ userId: user.id, userAgent: FIREFOX, ip: "198.51.100.1" })).newDevice).toBe(false);
    expect(await outbox(user.email)).toHaveLength(0);
    expect((await startSession({ userId: user.id, userAgent: CHROME, ip: "198.51.100.1" })).newDevice).toBe(true);
    const emails = await outbox(user.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toContain("Chrome on Windows");
    expect(emails[0]!.text).toContain("198.51.100.0/24");
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "auth.new_device" } })).toBe(1);
  });
});

describe("emailed tokens", () => {
  it("only the sha256 is stored; a token works once, for its purpose and user, until it expires", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const t0 = new Date();
    const token = await issueToken({ userId: user.id, purpose: "password_reset", email: user.email, now: t0 });
    const row = await db.authToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await consumeToken({ token, purpose: "verify_email" })).toBeNull(); // wrong purpose
    expect(await consumeToken({ token, purpose: "password_reset", userId: other.id })).toBeNull(); // wrong user
    expect(
      await consumeToken({ token, purpose: "password_reset", now: new Date(t0.getTime() + 31 * 60_000) }),
    ).toBeNull(); // expired
    expect(await consumeToken({ token: "x".repeat(43), purpose: "password_reset" })).toBeNull();
    expect(await consumeToken({ token, purpose: "password_reset" })).toEqual({ userId: user.id, email: user.email });
    expect(await consumeToken({ token, purpose: "password_reset" })).toBeNull(); // reused
  });

  it("a new token replaces the earlier unused one", async () => {
    const user = await makeUser();
    const first = await issueToken({ userId: user.id, purpose: "password_reset", email: user.email });
    const second = await issueToken({ userId: user.id, purpose: "password_reset", email: user.email });
    expect(await consumeToken({ token: first, purpose: "password_reset" })).toBeNull();
    expect(await consumeToken({ token: second, purpose: "password_reset" })).not.toBeNull();
  });
});

describe("password reset", () => {
  it("answers alike for unknown emails, ends every session, refuses the old password and a reused link", async () => {
    const user = await makeUser();
    const a = await signedIn(user);
    const unknown = `${randomUUID()}@nobody.test`;
    await expect(requestPasswordReset({ email: unknown }, { source: "192.0.2.1" })).resolves.toBeUndefined();
    expect(await outbox(unknown)).toHaveLength(0);
    await expect(requestPasswordReset({ email: user.email }, { source: "192.0.2.1" })).resolves.toBeUndefined();
    const [email] = await outbox(user.email);
    expect(email!.text).toContain("/reset-password?token=");
    const token = linkToken(email!.text)!;

    await expect(resetPassword({ token, password: "short" })).rejects.toMatchObject({ message: "too_short" });
    await resetPassword({ token, password: "a brand new passphrase" });
    expect(await viewerForSession(a.claims)).toBeNull();
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: "192.0.2.1" })).toMatchObject({ ok: false });
    expect(
      await authenticate({ email: user.email, password: "a brand new passphrase", ip: "192.0.2.1" }),
    ).toMatchObject({ ok: true });
    await expect(resetPassword({ token, password: "yet another passphrase" })).rejects.toMatchObject({
      code: "invalid_input",
      message: "token_invalid",
    });
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "auth.password_reset" } })).toBe(1);
  });

  it("is throttled per address, known or not", async () => {
    const unknown = `${randomUUID()}@nobody.test`;
    for (let i = 0; i < 3; i++) await requestPasswordReset({ email: unknown }, { source: `192.0.2.${10 + i}` });
    await expect(requestPasswordReset({ email: unknown }, { source: "192.0.2.99" })).rejects.toMatchObject({
      code: "rate_limited",
    });
  });
});

describe("change password", () => {
  it("needs the current password and ends the other sessions, not this one", async () => {
    const user = await makeUser();
    const a = await signedIn(user);
    const b = await signedIn(user, CHROME);
    await expect(
      changePassword({ viewer: a.viewer, input: { currentPassword: "wrong one", newPassword: "another passphrase" } }),
    ).rejects.toMatchObject({ code: "invalid_input", message: "wrong_password" });
    expect(await viewerForSession(b.claims)).not.toBeNull();
    expect(
      await changePassword({
        viewer: a.viewer,
        input: { currentPassword: PASSWORD, newPassword: "another passphrase" },
      }),
    ).toEqual({ sessionsEnded: 1 });
    expect(await viewerForSession(b.claims)).toBeNull();
    expect(await viewerForSession(a.claims)).not.toBeNull();
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: "192.0.2.1" })).toMatchObject({ ok: false });
  });
});

describe("re-authentication", () => {
  it("a sign-in opens a 10-minute window; after it, a password check opens it again", async () => {
    const user = await makeUser();
    const { viewer } = await signedIn(user);
    await expect(requireRecentAuth(viewer)).resolves.toBeUndefined();
    const later = new Date(Date.now() + REAUTH_WINDOW_MS + 60_000);
    await expect(requireRecentAuth(viewer, later)).rejects.toMatchObject({ code: "reauth_required" });
    // A viewer without a session row (made outside a request) is never "recent".
    await expect(requireRecentAuth({ ...viewer, sessionId: undefined })).rejects.toMatchObject({
      code: "reauth_required",
    });
    await db.userSession.update({ where: { id: viewer.sessionId }, data: { reauthenticatedAt: new Date(0) } });
    await expect(requireRecentAuth(viewer)).rejects.toMatchObject({ code: "reauth_required" });
    await expect(reauthenticate({ viewer, input: { password: "not it" } })).rejects.toMatchObject({
      message: "wrong_password",
    });
    await expect(requireRecentAuth(viewer)).rejects.toMatchObject({ code: "reauth_required" });
    await reauthenticate({ viewer, input: { password: PASSWORD } });
    await expect(requireRecentAuth(viewer)).resolves.toBeUndefined();
  });
});

describe("sign-up and email verification", () => {
  it("a taken email answers like a new one; its owner is told, nothing is created", async () => {
    const owner = await makeUser();
    const before = await db.user.count();
    expect(
      await signUp(
        { email: owner.email, password: PASSWORD },
        { source: `192.0.2.${Math.floor(Math.random() * 200)}` },
      ),
    ).toEqual({
      userId: null,
    });
    expect(await db.user.count()).toBe(before);
    const [mail] = await outbox(owner.email);
    expect(mail!.subject).toMatch(/tried to create|wollte/);
    expect(mail!.text).toContain("/forgot-password");
  });

  it("a new account gets a link that verifies it once; another signed-in user cannot spend it", async () => {
    const email = `${randomUUID()}@security.test`;
    const { userId } = await signUp({ email, password: PASSWORD });
    users.push(userId!);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId! } })).emailVerifiedAt).toBeNull();
    const token = linkToken((await outbox(email))[0]!.text)!;

    const stranger = await signedIn(await makeUser());
    expect(await verifyEmail({ token, viewer: stranger.viewer })).toBe("wrong_user");
    expect((await db.user.findUniqueOrThrow({ where: { id: userId! } })).emailVerifiedAt).toBeNull();

    expect(await verifyEmail({ token, viewer: null })).toBe("verified");
    expect((await db.user.findUniqueOrThrow({ where: { id: userId! } })).emailVerifiedAt).not.toBeNull();
    expect(await verifyEmail({ token, viewer: null })).toBe("invalid");
  });
});

describe("change email", () => {
  it("needs a fresh re-auth, confirms from the new inbox, tells the old one", async () => {
    const user = await makeUser();
    const { viewer } = await signedIn(user);
    const newEmail = `${randomUUID()}@new.test`;
    await db.userSession.update({ where: { id: viewer.sessionId }, data: { reauthenticatedAt: new Date(0) } });
    await expect(requestEmailChange({ viewer, input: { newEmail } })).rejects.toMatchObject({
      code: "reauth_required",
    });
    await reauthenticate({ viewer, input: { password: PASSWORD } });
    await requestEmailChange({ viewer, input: { newEmail } });
    const token = linkToken((await outbox(newEmail))[0]!.text)!;
    expect((await outbox(user.email)).map((e) => e.subject).join()).toMatch(/wird geändert/);

    const stranger = await signedIn(await makeUser());
    expect(await confirmEmailChange({ token, viewer: stranger.viewer })).toEqual({ status: "wrong_user" });
    expect(await confirmEmailChange({ token, viewer })).toEqual({ status: "changed", email: newEmail });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(newEmail);
    expect(await confirmEmailChange({ token, viewer })).toEqual({ status: "invalid" });
    expect((await outbox(user.email)).map((e) => e.subject).join()).toMatch(/wurde geändert/);
  });

  it("a taken new address gets nothing and the answer is the same", async () => {
    const user = await makeUser();
    const taken = await makeUser();
    const { viewer } = await signedIn(user);
    await expect(requestEmailChange({ viewer, input: { newEmail: taken.email } })).resolves.toEqual({
      sentTo: taken.email,
    });
    expect(await outbox(taken.email)).toHaveLength(0);
  });
});

/**
 * Password throttling on PostgreSQL (issue 14, holes 1 and 4): guessing is slowed per account and
 * source, per source, and per account from new sources — but nobody can lock the owner out.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { checkPassword } from "@/lib/auth/password-check";
import { db } from "@/lib/db";
import { deleteAccount } from "@/lib/users/delete-account";

const PASSWORD = "correct horse battery";
let hash: string;
const users: string[] = [];

async function makeUser() {
  const email = `${randomUUID()}@throttle.test`;
  const user = await db.user.create({ data: { email, passwordHash: hash } });
  users.push(user.id);
  return user;
}
const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await db.user.deleteMany({ where: { id: { in: users } } });
  await db.$disconnect();
});

describe("password throttling", () => {
  it("a source that guessed 5 times waits, growing, even with the right password; the owner elsewhere is not held", async () => {
    const user = await makeUser();
    const owner = ip();
    // The owner has signed in from their usual place before.
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: owner })).toMatchObject({ ok: true });

    const attacker = ip();
    const t0 = new Date();
    for (let i = 0; i < 5; i++) {
      const r = await checkPassword({ email: user.email, user, password: `guess-${i}`, source: attacker, now: t0 });
      expect(r).toEqual({ ok: false, reason: "wrong_password" });
    }
    // The attacker's source now waits 30 s, even with the right password (which is not checked).
    expect(await checkPassword({ email: user.email, user, password: PASSWORD, source: attacker, now: t0 })).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: 30,
    });
    // The owner signs in at once from their own place.
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: owner })).toMatchObject({ ok: true });

    // After the wait, one more wrong guess doubles it.
    const t1 = at(t0, 31);
    expect(await checkPassword({ email: user.email, user, password: "again", source: attacker, now: t1 })).toEqual({
      ok: false,
      reason: "wrong_password",
    });
    expect(await checkPassword({ email: user.email, user, password: PASSWORD, source: attacker, now: t1 })).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: 60,
    });
  });

  it("a distributed attack from 40 sources slows the account for new sources (at most 60 s) but never its owner's known source", async () => {
    const user = await makeUser();
    const owner = ip();
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: owner })).toMatchObject({ ok: true });
    const t0 = new Date();
    for (let i = 0; i < 40; i++) {
      await checkPassword({ email: user.email, user, password: `guess-${i}`, source: ip(), now: t0 });
    }
    // A fresh source (a new attacker, or the owner on a new phone) waits, but at most a minute.
    const fresh = await checkPassword({ email: user.email, user, password: PASSWORD, source: ip(), now: t0 });
    expect(fresh).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(fresh.ok === false && fresh.reason === "rate_limited" && fresh.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await checkPassword({ email: user.email, user, password: PASSWORD, source: ip(), now: at(t0, 61) })).toEqual(
      {
        ok: true,
      },
    );
    // The owner's usual source is never held by others' failures.
    expect(await checkPassword({ email: user.email, user, password: PASSWORD, source: owner, now: t0 })).toEqual({
      ok: true,
    });
  });

  it("an unknown email is throttled exactly like a known one (no enumeration by the answer)", async () => {
    const source = ip();
    const email = `${randomUUID()}@nobody.test`;
    for (let i = 0; i < 5; i++) {
      expect(await checkPassword({ email, user: null, password: `g${i}`, source })).toEqual({
        ok: false,
        reason: "wrong_password",
      });
    }
    expect(await checkPassword({ email, user: null, password: "g", source })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("one source guessing across 30 accounts is held for every account", async () => {
    const source = ip();
    for (let i = 0; i < 30; i++) {
      await checkPassword({ email: `${randomUUID()}@spray.test`, user: null, password: "Sommer2026!", source });
    }
    const user = await makeUser();
    expect(await checkPassword({ email: user.email, user, password: PASSWORD, source })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("deleting the account is no fast password oracle: after 5 wrong passwords it answers with the wait", async () => {
    const user = await makeUser();
    const viewer = { id: user.id, email: user.email, name: null, role: "USER" as const, locale: null };
    for (let i = 0; i < 5; i++) {
      await expect(deleteAccount({ viewer, input: { password: `wrong-${i}` } })).rejects.toMatchObject({
        code: "invalid_input",
        message: "wrong_password",
      });
    }
    await expect(deleteAccount({ viewer, input: { password: PASSWORD } })).rejects.toMatchObject({
      code: "rate_limited",
    });
    expect(await db.user.findUnique({ where: { id: user.id } })).not.toBeNull();
  });
});

describe("sign-up limit", () => {
  it("one source creates at most SALDO_SIGN_UPS_PER_HOUR (10) accounts an hour; another source is not affected", async () => {
    const { signUp } = await import("@/lib/auth/sign-up");
    const source = ip();
    const created: string[] = [];
    for (let i = 0; i < 10; i++) {
      const u = await signUp({ email: `${randomUUID()}@signup.test`, password: PASSWORD }, { source });
      created.push(u.userId!);
    }
    users.push(...created);
    const refusedEmail = `${randomUUID()}@signup.test`;
    await expect(signUp({ email: refusedEmail, password: PASSWORD }, { source })).rejects.toMatchObject({
      code: "rate_limited",
    });
    expect(await db.user.findUnique({ where: { email: refusedEmail } })).toBeNull();
    const other = await signUp({ email: `${randomUUID()}@signup.test`, password: PASSWORD }, { source: ip() });
    users.push(other.userId!);
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { decryptSecret, DecryptError, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";

// Secrets are stored as ciphertext bound to their table, row and owner (lib/crypto.ts).
describe("secrets at rest (real PostgreSQL)", () => {
  const users: string[] = [];
  const makeUser = async () => {
    const u = await db.user.create({ data: { email: `${randomUUID()}@crypto.test`, passwordHash: "x" } });
    users.push(u.id);
    return u;
  };
  afterAll(async () => {
    await db.user.deleteMany({ where: { id: { in: users } } });
  });

  it("round-trips an access token through the database, and stores only ciphertext", async () => {
    const user = await makeUser();
    const token = `tok-${randomUUID()}`;
    await db.xs2aBankUser.create({
      data: {
        userId: user.id,
        xs2aUserId: `bus-${randomUUID()}`,
        tokenId: "t1",
        tokenValidUntil: new Date(),
        tokenCiphertext: encryptSecret(token, { table: "Xs2aBankUser", rowId: user.id, ownerId: user.id }),
      },
    });
    const row = await db.xs2aBankUser.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.tokenCiphertext).not.toContain(token);
    const dump = await db.$queryRaw<
      { t: string }[]
    >`SELECT row_to_json(b)::text AS t FROM "Xs2aBankUser" b WHERE "userId" = ${user.id}`;
    expect(dump[0].t).not.toContain(token);
    expect(decryptSecret(row.tokenCiphertext, { table: "Xs2aBankUser", rowId: user.id, ownerId: user.id })).toBe(token);
  });

  it("refuses a ciphertext copied to another user's row", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const secret = "credential-half-" + randomUUID();
    const ct = encryptSecret(secret, { table: "Xs2aBankUser", rowId: a.id, ownerId: a.id });
    await db.xs2aBankUser.create({
      data: {
        userId: a.id,
        xs2aUserId: `bus-${randomUUID()}`,
        tokenId: "t",
        tokenValidUntil: new Date(),
        tokenCiphertext: ct,
      },
    });
    // An attacker with database access copies A's ciphertext into B's row.
    await db.xs2aBankUser.create({
      data: {
        userId: b.id,
        xs2aUserId: `bus-${randomUUID()}`,
        tokenId: "t",
        tokenValidUntil: new Date(),
        tokenCiphertext: ct,
      },
    });
    const copied = await db.xs2aBankUser.findUniqueOrThrow({ where: { userId: b.id } });
    expect(() => decryptSecret(copied.tokenCiphertext, { table: "Xs2aBankUser", rowId: b.id, ownerId: b.id })).toThrow(
      DecryptError,
    );
    // …and into another table's column for the same owner.
    expect(() => decryptSecret(ct, { table: "BankConnection.credentials", rowId: a.id, ownerId: a.id })).toThrow(
      DecryptError,
    );
  });

  it("detects tampering", () => {
    const ctx = { table: "T", rowId: "r", ownerId: "o" };
    const ct = encryptSecret("hello world", ctx);
    const parts = ct.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    parts[3] = body.toString("base64url");
    expect(() => decryptSecret(parts.join("."), ctx)).toThrow(DecryptError);
  });
});

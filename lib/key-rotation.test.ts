/**
 * Catalogue 59, key rotation: SALDO_ENCRYPTION_KEYS lists keys newest first. After a rotation,
 * rows written with the old key still decrypt (the key id travels in the ciphertext), new writes
 * use the new key, and a ciphertext whose key was removed fails clearly instead of yielding junk.
 * Moving every stored secret to the new key at once is `npm run keys:rotate`
 * (lib/ops/rotate-encryption-keys.ts, proved on PostgreSQL while syncs run in
 * lib/ops/rotate-encryption-keys.int.test.ts); after it, the old key can be removed.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptError, decryptSecret, encryptSecret } from "@/lib/crypto";

const key = () => crypto.randomBytes(32);
const keyring = (...keys: { id: string; key: Buffer }[]) => ({
  current: keys[0]!,
  byId: new Map(keys.map((k) => [k.id, k.key])),
});
const ctx = { table: "Xs2aBankUser", rowId: "user_1", ownerId: "user_1" };

describe("encryption key rotation", () => {
  const k2025 = { id: "k2025", key: key() };
  const k2026 = { id: "k2026", key: key() };

  it("old rows decrypt after the rotation; new writes carry the new key id", () => {
    const before = keyring(k2025);
    const old = encryptSecret("token-canary-1", ctx, before);
    expect(old.split(".")[1]).toBe("k2025");

    const after = keyring(k2026, k2025);
    expect(decryptSecret(old, ctx, after)).toBe("token-canary-1");
    const fresh = encryptSecret("token-canary-2", ctx, after);
    expect(fresh.split(".")[1]).toBe("k2026");
    expect(decryptSecret(fresh, ctx, after)).toBe("token-canary-2");
    // Re-encrypting an old row moves it to the new key.
    expect(encryptSecret(decryptSecret(old, ctx, after), ctx, after).split(".")[1]).toBe("k2026");
  });

  it("once the old key is retired, its rows fail with a clear error, never a wrong plaintext", () => {
    const old = encryptSecret("token-canary-3", ctx, keyring(k2025));
    expect(() => decryptSecret(old, ctx, keyring(k2026))).toThrow(DecryptError);
    // A different key under the old id does not decrypt it either (GCM tag check).
    expect(() => decryptSecret(old, ctx, keyring({ id: "k2025", key: key() }))).toThrow(DecryptError);
  });
});

import crypto from "node:crypto";
import { env } from "@/lib/env";
import { registerSecret } from "@/lib/log";

/**
 * AES-256-GCM for secrets at rest (XS2A access tokens, `shared` credential halves).
 * The associated data binds a ciphertext to its table, row and owner: a value copied to
 * another row (or another user's row) fails to decrypt instead of leaking.
 * Format: v1.<keyId>.<iv>.<ciphertext>.<tag> (base64url parts).
 */
export interface SecretContext {
  table: string;
  rowId: string;
  ownerId: string;
}

type Keys = { current: { id: string; key: Buffer }; byId: Map<string, Buffer> };

const aad = (c: SecretContext) => Buffer.from(`saldo/v1/${c.table}/${c.rowId}/${c.ownerId}`, "utf8");

export function encryptSecret(plaintext: string, ctx: SecretContext, keys: Keys = env().encryptionKeys): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keys.current.key, iv);
  cipher.setAAD(aad(ctx));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", keys.current.id, iv.toString("base64url"), ct.toString("base64url"), tag.toString("base64url")].join(
    ".",
  );
}

export class DecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptError";
  }
}

export function decryptSecret(value: string, ctx: SecretContext, keys: Keys = env().encryptionKeys): string {
  const [version, keyId, iv, ct, tag] = value.split(".");
  if (version !== "v1" || !keyId || !iv || !ct || !tag) throw new DecryptError("not a Saldo ciphertext");
  const key = keys.byId.get(keyId);
  if (!key) throw new DecryptError(`unknown encryption key id ${keyId}`);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(aad(ctx));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plain = Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
    registerSecret(plain);
    return plain;
  } catch {
    throw new DecryptError("ciphertext does not belong to this row or was tampered with");
  }
}

import "server-only";
import { decryptSecret, encryptSecret } from "@/lib/crypto";

/**
 * The `shared` sync mode's credential half: Saldo's part of the bank login, handed over once by
 * xs2a.js at the end of a wizard. Stored only as ciphertext bound to its connection row and owner,
 * so a half copied to another row or user does not decrypt.
 */
export const credentialHalfContext = (connection: { id: string; userId: string }) => ({
  table: "BankConnection.credentials",
  rowId: connection.id,
  ownerId: connection.userId,
});

export const encryptCredentialHalf = (half: string, connection: { id: string; userId: string }) =>
  encryptSecret(half, credentialHalfContext(connection));

export const decryptCredentialHalf = (ciphertext: string, connection: { id: string; userId: string }) =>
  decryptSecret(ciphertext, credentialHalfContext(connection));

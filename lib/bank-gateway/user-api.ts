import "server-only";
import { now } from "@/lib/clock";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { observeXs2aRequest } from "@/lib/metrics";
import { waitForXs2aSlot } from "./request-budget.ts";
import { createXs2aClient, isXs2aError, type Xs2aClient, type Xs2aUserClient } from "@/lib/xs2a";

/** The XS2A client for this installation: the real service, or the sandbox by default. */
let client: Xs2aClient | undefined;
export function installationApi(): Xs2aClient {
  const { xs2a: cfg } = env();
  return (client ??= createXs2aClient({
    baseUrl: cfg.apiUrl,
    apiKey: cfg.apiKey,
    timeoutMs: cfg.timeoutMs,
    logger: log,
    observe: observeXs2aRequest,
    beforeRequest: waitForXs2aSlot(env().sync.xs2aRequestsPerSecond),
  }));
}

const TOKEN_LIFETIME_MS = 7 * 86_400_000;
const REFRESH_BEFORE_MS = 86_400_000;
/** The encryption context of a bank user's access token (its row is keyed by the Saldo user). */
export const tokenCtx = (userId: string) => ({ table: "Xs2aBankUser", rowId: userId, ownerId: userId });

/**
 * The XS2A API scoped to this Saldo user's one bank user. Creates the bank user and its access
 * token on first use, refreshes the token before it expires, and replaces it when XS2A rejects it.
 */
export async function withUserApi<T>(userId: string, fn: (api: Xs2aUserClient) => Promise<T>): Promise<T> {
  const token = await currentToken(userId);
  try {
    return await fn(installationApi().forToken(token));
  } catch (err) {
    if (!isXs2aError(err, "unauthorized")) throw err;
    log.warn({ userId }, "XS2A rejected the access token; replacing it");
    return fn(installationApi().forToken(await replaceToken(userId)));
  }
}

async function currentToken(userId: string): Promise<string> {
  const row = await db.xs2aBankUser.findUnique({ where: { userId } });
  if (!row) return createBankUser(userId);
  const at = await now();
  if (row.tokenValidUntil.getTime() - at.getTime() > REFRESH_BEFORE_MS)
    return decryptSecret(row.tokenCiphertext, tokenCtx(userId));
  try {
    const refreshed = await installationApi().accessTokens.refresh(row.xs2aUserId, row.tokenId, {
      validUntil: new Date(at.getTime() + TOKEN_LIFETIME_MS),
    });
    await store(
      userId,
      row.xs2aUserId,
      refreshed.id,
      refreshed.token,
      refreshed.validUntil ?? new Date(at.getTime() + TOKEN_LIFETIME_MS),
    );
    return refreshed.token;
  } catch (err) {
    if (isXs2aError(err, "retryable")) throw err;
    return replaceToken(userId);
  }
}

async function createBankUser(userId: string): Promise<string> {
  const api = installationApi();
  // Only an opaque reference goes to XS2A: no name or email of the user.
  const bankUser = await api.bankUsers.create({ name: `saldo:${userId}` });
  const validUntil = new Date((await now()).getTime() + TOKEN_LIFETIME_MS);
  const token = await api.accessTokens.create(bankUser.id, { validUntil });
  try {
    await db.xs2aBankUser.create({
      data: {
        userId,
        xs2aUserId: bankUser.id,
        tokenId: token.id,
        tokenCiphertext: encryptSecret(token.token, tokenCtx(userId)),
        tokenValidUntil: token.validUntil ?? validUntil,
      },
    });
    return token.token;
  } catch (err) {
    // Two first links at once: keep the bank user that was stored first, drop ours.
    if ((err as { code?: string }).code !== "P2002") throw err;
    await api.bankUsers.delete(bankUser.id).catch(() => undefined);
    return currentToken(userId);
  }
}

async function replaceToken(userId: string): Promise<string> {
  const row = await db.xs2aBankUser.findUniqueOrThrow({ where: { userId } });
  const validUntil = new Date((await now({ fresh: true })).getTime() + TOKEN_LIFETIME_MS);
  const token = await installationApi().accessTokens.create(row.xs2aUserId, { validUntil });
  await store(userId, row.xs2aUserId, token.id, token.token, token.validUntil ?? validUntil);
  installationApi()
    .accessTokens.delete(row.xs2aUserId, row.tokenId)
    .catch(() => undefined);
  return token.token;
}

async function store(userId: string, xs2aUserId: string, tokenId: string, token: string, validUntil: Date) {
  await db.xs2aBankUser.update({
    where: { userId },
    data: { xs2aUserId, tokenId, tokenCiphertext: encryptSecret(token, tokenCtx(userId)), tokenValidUntil: validUntil },
  });
}

/** Deletes the user's bank user at XS2A (and with it their connections there). */
export async function deleteBankUser(userId: string) {
  const row = await db.xs2aBankUser.findUnique({ where: { userId } });
  if (!row) return;
  try {
    await installationApi().bankUsers.delete(row.xs2aUserId);
  } catch (err) {
    if (!isXs2aError(err, "not_found")) throw err;
  }
}

/**
 * The client against the XS2A sandbox over real HTTP (node:http on a random port): the whole
 * link-a-bank journey the product depends on, through the public client API only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxServer, type SandboxServer } from "../xs2a-sandbox/server";
import { captureLogger } from "../../scripts/fixtures/fake-fetch.ts";
import {
  createXs2aClient,
  isConnectionDisabled,
  listAll,
  Xs2aError,
  type Xs2aClient,
  type Xs2aUserClient,
} from "./index.ts";

const API_KEY = "sandbox-test-key-CANARY-5e1d";
let server: SandboxServer;

beforeAll(async () => {
  server = await startSandboxServer({ port: 0, apiKey: API_KEY, statePath: "memory" });
});

afterAll(async () => {
  await server?.close();
});

const log = captureLogger();
const makeClient = (apiKey: string) =>
  createXs2aClient({ baseUrl: server.url, apiKey, timeoutMs: 10_000, logger: log.logger });

async function linkTestbank(user: Xs2aUserClient, syncMode: "full" | "shared" | "none") {
  const created = await user.connections.create({
    syncMode,
    countryId: "DE",
    days: 365,
    accountSelection: "all",
    language: "de",
  });
  let step = await user.wizard.step({ key: created.wizardSessionKey });
  if (step.form?.name === "bank") {
    await user.wizard.step({ key: created.wizardSessionKey, country_id: "DE", bank_code: "88888888" });
  }
  step = await user.wizard.step({
    key: created.wizardSessionKey,
    USER_NAME: "any",
    USER_PIN: "123456",
    privacy_policy: true,
  });
  expect(step.finished).toBe(true);
  return user.connections.get(created.transaction);
}

async function runFlow(client: Xs2aClient, withApiKey: (apiKey: string) => Xs2aClient) {
  const bankUser = await client.bankUsers.create({ name: "Max Mustermann", email: `max+${Date.now()}@example.com` });
  expect(bankUser.id).toBeTruthy();
  expect((await client.bankUsers.get(bankUser.id)).email).toBe(bankUser.email);

  const validUntil = new Date(Date.now() + 60 * 60 * 1000);
  validUntil.setMilliseconds(0);
  const token = await client.accessTokens.create(bankUser.id, { validUntil });
  expect(token.token).toBeTruthy();
  expect(token.validUntil?.getTime()).toBe(validUntil.getTime());
  const refreshedUntil = new Date(validUntil.getTime() + 24 * 60 * 60 * 1000);
  const refreshed = await client.accessTokens.refresh(bankUser.id, token.id, { validUntil: refreshedUntil });
  expect(refreshed.id).toBe(token.id);
  expect(refreshed.validUntil?.getTime()).toBe(refreshedUntil.getTime());

  const user = client.forToken(token.token);
  const created = await user.connections.create({
    syncMode: "full",
    countryId: "DE",
    days: 365,
    accountSelection: "all",
    language: "de",
  });
  expect(created.wizardSessionKey).toBeTruthy();
  expect(created.transaction).toBeTruthy();

  // Headless Wizard-API: bank form → login form → finish.
  let step = await user.wizard.step({ key: created.wizardSessionKey });
  if (step.form?.name === "bank") {
    step = await user.wizard.step({ key: created.wizardSessionKey, country_id: "DE", bank_code: "88888888" });
  }
  expect(step.form?.elements.map((e) => e.name)).toEqual(
    expect.arrayContaining(["USER_NAME", "USER_PIN", "privacy_policy"]),
  );
  step = await user.wizard.step({
    key: created.wizardSessionKey,
    USER_NAME: "any",
    USER_PIN: "123456",
    privacy_policy: true,
  });
  expect(step.error).toBeNull();
  expect(step.finished).toBe(true);

  const session = await client.sessions.get(created.transaction);
  expect(session.finished).toBe(true);

  const connection = await user.connections.get(created.transaction);
  expect(connection.transaction).toBe(created.transaction);
  expect(connection.syncMode).toBe("full");
  expect(connection.countryId).toBe("DE");
  expect(connection.consentValidUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(isConnectionDisabled(connection)).toBe(false);
  expect((await user.connections.get(connection.id)).id).toBe(connection.id);

  const accounts = await listAll((page) => user.connections.accounts(connection.id, { page }));
  expect(accounts.length).toBeGreaterThan(0);
  for (const account of accounts) {
    expect(account.bankConnectionId).toBe(connection.id);
    expect(account.bankCode).toBe("88888888");
  }
  const allAccounts = await listAll((page) => user.accounts.list({ page, perPage: 100 }));
  expect(allAccounts.map((a) => a.id).sort()).toEqual(accounts.map((a) => a.id).sort());

  const giro = accounts.find((a) => a.type === "giro") ?? accounts[0]!;
  const balance = await user.accounts.balance(giro.id);
  expect(balance.accountId).toBe(giro.id);
  expect(balance.balance).not.toBeNull();
  expect(Number.isSafeInteger(balance.balance!.cents)).toBe(true);

  const turnovers = await user.accounts.turnovers(giro.id);
  expect(turnovers.turnovers.length).toBeGreaterThan(0);
  for (const t of turnovers.turnovers) {
    expect(Number.isSafeInteger(t.amount.cents)).toBe(true);
    expect(t.amount.decimal).toMatch(/^-?\d+\.\d{2}$/);
    if (t.bookingDate !== null) expect(t.bookingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  const from = turnovers.turnovers
    .map((t) => t.bookingDate)
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1)!;
  const recent = await user.accounts.turnovers(giro.id, { from });
  expect(recent.turnovers.every((t) => t.bookingDate === null || t.bookingDate >= from)).toBe(true);

  await user.accounts.markAsSeen(giro.id);
  const afterSeen = await user.accounts.turnovers(giro.id, { onlyNew: true });
  expect(afterSeen.turnovers.filter((t) => t.new)).toEqual([]);

  const sync = await user.connections.sync(connection.id);
  expect(sync).toEqual({ kind: "started" });

  const reset = await user.connections.reset(connection.id);
  expect(reset.wizardSessionKey).toBeTruthy();

  await user.connections.delete(connection.id);
  const gone = await user.connections.get(connection.id).catch((e: unknown) => e);
  expect(gone).toBeInstanceOf(Xs2aError);
  expect((gone as Xs2aError).kind).toBe("not_found");

  const wrongKey = await withApiKey("not-the-key")
    .bankUsers.list()
    .catch((e: unknown) => e);
  expect((wrongKey as Xs2aError).kind).toBe("unauthorized");
  const oldToken = await client
    .forToken("not-a-token")
    .accounts.list()
    .catch((e: unknown) => e);
  expect((oldToken as Xs2aError).kind).toBe("unauthorized");

  await client.bankUsers.delete(bankUser.id);
  const deleted = await client.bankUsers.get(bankUser.id).catch((e: unknown) => e);
  expect((deleted as Xs2aError).kind).toBe("not_found");
  expect((deleted as Xs2aError).code).toBe(404);
}

describe("XS2A client ↔ sandbox over HTTP", () => {
  it("bank user → token → connection → Wizard-API → accounts → balance → turnovers → sync → cleanup", async () => {
    await runFlow(makeClient(API_KEY), makeClient);
  });

  it("sync of a `none` connection needs the user (202 → needs_user with a new session)", async () => {
    const client = makeClient(API_KEY);
    const bankUser = await client.bankUsers.create({ name: "None", email: "none@example.com" });
    const token = await client.accessTokens.create(bankUser.id, { validUntil: new Date(Date.now() + 3_600_000) });
    const user = client.forToken(token.token);
    const connection = await linkTestbank(user, "none");
    expect(connection.syncMode).toBe("none");
    const sync = await user.connections.sync(connection.id);
    expect(sync.kind).toBe("needs_user");
    if (sync.kind === "needs_user") {
      expect(sync.wizardSessionKey).toBeTruthy();
      expect(sync.transaction).toBeTruthy();
    }
  });

  it("a `shared` sync with a wrong credential half is an invalid_request naming the field", async () => {
    const client = makeClient(API_KEY);
    const bankUser = await client.bankUsers.create({ name: "Shared", email: "shared@example.com" });
    const token = await client.accessTokens.create(bankUser.id, { validUntil: new Date(Date.now() + 3_600_000) });
    const user = client.forToken(token.token);
    const connection = await linkTestbank(user, "shared");
    const error = await user.connections
      .sync(connection.id, { credentials: "CANARY-WRONG-HALF" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Xs2aError);
    expect((error as Xs2aError).kind).toBe("invalid_request");
    expect(Object.keys((error as Xs2aError).fieldErrors)).toContain("credentials");
    expect((await user.connections.get(connection.id)).syncFailCounter).toBe(1);
  });

  it("logged nothing secret along the way", () => {
    expect(log.logs.length).toBeGreaterThan(10);
    const text = log.text();
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain("CANARY-WRONG-HALF");
  });
});

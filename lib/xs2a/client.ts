/**
 * The XS2A.api client. Two scopes, as XS2A has them:
 * - the merchant scope (Basic `api:<API key>`): bank users, access tokens, sessions, events, bank codes;
 * - the bank-user scope (Basic `api:<access token>`, from `client.forToken(token)`): connections,
 *   accounts and the headless Wizard-API.
 * Configuration and `fetch` are injected; nothing here reads process.env.
 */
import type { z } from "zod";
import {
  createHttp,
  silentLogger,
  type ExpectBody,
  type FetchLike,
  type HttpConfig,
  type HttpMethod,
  type Xs2aLogger,
} from "./http.ts";
import {
  accessTokenSchema,
  balanceSchema,
  bankAccountSchema,
  bankConnectionSchema,
  bankSchema,
  bankUserSchema,
  eventSchema,
  paginatedSchema,
  turnoversSchema,
  wizardResponseSchema,
  wizardSessionRefSchema,
  wizardSessionSchema,
} from "./schemas.ts";
import { formatBerlinDateTime, isCalendarDate, type CalendarDate } from "../berlin-time.ts";
import type {
  AccessToken,
  Balance,
  Bank,
  BankAccount,
  BankConnection,
  BankUser,
  CreateConnectionInput,
  EventsQuery,
  PageQuery,
  Paginated,
  SyncInput,
  SyncResult,
  Turnovers,
  TurnoversQuery,
  WizardResponse,
  WizardSession,
  WizardSessionRef,
  WizardStepInput,
  Xs2aEvent,
} from "./types.ts";

export interface Xs2aClientOptions {
  /** e.g. `https://api.xs2a.com` or the sandbox's URL. */
  baseUrl: string;
  /** Merchant API key (test or live mode is decided by the key). */
  apiKey: string;
  fetch?: FetchLike;
  /** Awaited before each attempt (and outside its timeout): e.g. a shared budget of calls per second. */
  beforeRequest?: () => Promise<void>;
  /** Per attempt, including reading the body. Default 20 000 ms. */
  timeoutMs?: number;
  logger?: Xs2aLogger;
  /** Extra attempts for GET requests on retryable errors. Default 2. */
  maxReadRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Default 500 ms; doubles per retry. */
  retryBaseDelayMs?: number;
  /** Default 10 000 ms. A Retry-After longer than this is not waited for: the error is thrown. */
  retryMaxDelayMs?: number;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  /** Told about every request attempt (for metrics). */
  observe?: HttpConfig["observe"];
}

export interface BankUsersApi {
  create(input: { name?: string; email?: string }): Promise<BankUser>;
  get(userId: string): Promise<BankUser>;
  list(query?: PageQuery): Promise<Paginated<BankUser>>;
  delete(userId: string): Promise<void>;
}

export interface AccessTokensApi {
  create(userId: string, input: { validUntil: Date }): Promise<AccessToken>;
  list(userId: string, query?: PageQuery): Promise<Paginated<AccessToken>>;
  get(userId: string, tokenId: string): Promise<AccessToken>;
  /** PATCH: same token id, new `valid_until`. */
  refresh(userId: string, tokenId: string, input: { validUntil: Date }): Promise<AccessToken>;
  delete(userId: string, tokenId: string): Promise<void>;
}

export interface SessionsApi {
  get(transaction: string): Promise<WizardSession>;
}

export interface EventsApi {
  list(query?: EventsQuery): Promise<Paginated<Xs2aEvent>>;
  get(eventId: string): Promise<Xs2aEvent>;
}

export interface BankCodesApi {
  get(bankCode: string): Promise<Bank>;
  autocomplete(query: { q: string; countryId?: string; product?: string } & PageQuery): Promise<Paginated<Bank>>;
  all(query?: { countryId?: string } & PageQuery): Promise<Paginated<Bank>>;
}

export interface ConnectionsApi {
  create(input?: CreateConnectionInput): Promise<WizardSessionRef>;
  /** Accepts the connection id or the wizard transaction. */
  get(idOrTransaction: string): Promise<BankConnection>;
  list(query?: PageQuery): Promise<Paginated<BankConnection>>;
  delete(connectionId: string): Promise<void>;
  /**
   * 204 → `{kind: "started"}`; 202 → `{kind: "needs_user", …session}`; 409 → Xs2aError "disabled".
   * Never retried; `force` is sent only when passed.
   */
  sync(connectionId: string, input?: SyncInput): Promise<SyncResult>;
  /** Always starts a new wizard session (re-consent, new credentials). */
  reset(connectionId: string): Promise<WizardSessionRef>;
  accounts(connectionId: string, query?: PageQuery): Promise<Paginated<BankAccount>>;
}

export interface AccountsApi {
  list(query?: PageQuery): Promise<Paginated<BankAccount>>;
  get(accountId: string): Promise<BankAccount>;
  delete(accountId: string): Promise<void>;
  balance(accountId: string): Promise<Balance>;
  turnovers(accountId: string, query?: TurnoversQuery): Promise<Turnovers>;
  /** Clears `new` on all turnovers, or on those up to `date`. */
  markAsSeen(accountId: string, date?: CalendarDate): Promise<void>;
}

export interface WizardApi {
  /** One Wizard-API call: `{key, <field>: value, …, action?}`. The fields are never logged. */
  step(input: WizardStepInput): Promise<WizardResponse>;
}

export interface Xs2aUserClient {
  connections: ConnectionsApi;
  accounts: AccountsApi;
  wizard: WizardApi;
}

export interface Xs2aClient {
  bankUsers: BankUsersApi;
  accessTokens: AccessTokensApi;
  sessions: SessionsApi;
  events: EventsApi;
  bankCodes: BankCodesApi;
  /** The bank-user scope, authenticated with an access token's `token`. */
  forToken(accessToken: string): Xs2aUserClient;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function nonEmpty(value: string, what: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new TypeError(`${what} must be a non-empty string`);
  return value;
}

/** One path segment; ids are caller input, so they are validated and encoded, never spliced raw. */
function seg(value: string, what: string): string {
  return encodeURIComponent(nonEmpty(value, what));
}

function pageParams(query: PageQuery | undefined) {
  const { page, perPage } = query ?? {};
  for (const [name, v] of [
    ["page", page],
    ["perPage", perPage],
  ] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new TypeError(`${name} must be a positive integer`);
  }
  return { page, per_page: perPage };
}

function validUntilBody(validUntil: Date) {
  if (!(validUntil instanceof Date) || Number.isNaN(validUntil.getTime())) {
    throw new TypeError("validUntil must be a valid Date");
  }
  return { valid_until: formatBerlinDateTime(validUntil) };
}

function calendarDateParam(value: CalendarDate | undefined, what: string): CalendarDate | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDate(value)) throw new TypeError(`${what} must be a calendar date YYYY-MM-DD`);
  return value;
}

const json = <T>(schema: z.ZodType<T>): ExpectBody<T> => ({ kind: "json", schema });
const ignore: ExpectBody<void> = { kind: "ignore" };

export function createXs2aClient(options: Xs2aClientOptions): Xs2aClient {
  if (!options.baseUrl) throw new TypeError("baseUrl is required");
  if (!options.apiKey) throw new TypeError("apiKey is required");
  const logger = options.logger ?? silentLogger;
  const http = createHttp({
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 20_000,
    logger,
    maxReadRetries: options.maxReadRetries ?? 2,
    sleep: options.sleep ?? defaultSleep,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 10_000,
    random: options.random ?? Math.random,
    observe: options.observe,
    beforeRequest: options.beforeRequest,
  });

  function scoped(secret: string) {
    return async function call<T>(
      method: HttpMethod,
      path: string,
      expect: ExpectBody<T>,
      extra: { query?: Record<string, string | number | boolean | undefined | null>; body?: unknown } = {},
    ): Promise<T> {
      const { data } = await http.request({ method, path, expect, secret, ...extra });
      return data;
    };
  }

  const merchant = scoped(options.apiKey);
  const users = "/v1/api/users";

  const bankUsers: BankUsersApi = {
    create: async (input) =>
      merchant("PUT", users, json(bankUserSchema), { body: { name: input.name, email: input.email } }),
    get: async (userId) => merchant("GET", `${users}/${seg(userId, "userId")}`, json(bankUserSchema)),
    list: async (query) => merchant("GET", users, json(paginatedSchema(bankUserSchema)), { query: pageParams(query) }),
    delete: async (userId) => merchant("DELETE", `${users}/${seg(userId, "userId")}`, ignore),
  };

  const tokensPath = (userId: string) => `${users}/${seg(userId, "userId")}/accesstokens`;
  const accessTokens: AccessTokensApi = {
    create: async (userId, input) =>
      merchant("PUT", tokensPath(userId), json(accessTokenSchema), { body: validUntilBody(input.validUntil) }),
    list: async (userId, query) =>
      merchant("GET", tokensPath(userId), json(paginatedSchema(accessTokenSchema)), { query: pageParams(query) }),
    get: async (userId, tokenId) =>
      merchant("GET", `${tokensPath(userId)}/${seg(tokenId, "tokenId")}`, json(accessTokenSchema)),
    refresh: async (userId, tokenId, input) =>
      merchant("PATCH", `${tokensPath(userId)}/${seg(tokenId, "tokenId")}`, json(accessTokenSchema), {
        body: validUntilBody(input.validUntil),
      }),
    delete: async (userId, tokenId) => merchant("DELETE", `${tokensPath(userId)}/${seg(tokenId, "tokenId")}`, ignore),
  };

  const sessions: SessionsApi = {
    get: async (transaction) =>
      merchant("GET", `/v1/sessions/${seg(transaction, "transaction")}`, json(wizardSessionSchema)),
  };

  const events: EventsApi = {
    list: async (query = {}) =>
      merchant("GET", "/v1/events", json(paginatedSchema(eventSchema)), {
        query: {
          ...pageParams(query),
          transaction_id: query.transactionId,
          type: query.type,
          from: query.from,
          to: query.to,
        },
      }),
    get: async (eventId) => merchant("GET", `/v1/events/${seg(eventId, "eventId")}`, json(eventSchema)),
  };

  const bankCodes: BankCodesApi = {
    get: async (bankCode) =>
      merchant("GET", "/v1/bankcodes", json(bankSchema), { query: { bank_code: nonEmpty(bankCode, "bankCode") } }),
    autocomplete: async (query) =>
      merchant("GET", "/v1/bankcodes/autocomplete", json(paginatedSchema(bankSchema)), {
        query: { q: query.q, country_id: query.countryId, product: query.product, ...pageParams(query) },
      }),
    all: async (query = {}) =>
      merchant("GET", "/v1/bankcodes/all", json(paginatedSchema(bankSchema)), {
        query: { country_id: query.countryId, ...pageParams(query) },
      }),
  };

  function forToken(accessToken: string): Xs2aUserClient {
    if (typeof accessToken !== "string" || accessToken === "") throw new TypeError("accessToken is required");
    const user = scoped(accessToken);
    const conns = "/v1/api/connections";
    const accts = "/v1/api/accounts";

    const connections: ConnectionsApi = {
      create: async (input = {}) =>
        http
          .request({
            method: "PUT",
            path: conns,
            secret: accessToken,
            expect: json(wizardSessionRefSchema),
            allow202: true,
            body: {
              sync_mode: input.syncMode,
              country_id: input.countryId,
              bic: input.bic,
              days: input.days,
              limit_days: input.limitDays,
              account_selection: input.accountSelection,
              language: input.language,
              fints_product_id: input.fintsProductId,
            },
          })
          .then((r) => r.data),
      get: async (idOrTransaction) =>
        user("GET", `${conns}/${seg(idOrTransaction, "connection id or transaction")}`, json(bankConnectionSchema)),
      list: async (query) =>
        user("GET", conns, json(paginatedSchema(bankConnectionSchema)), { query: pageParams(query) }),
      delete: async (connectionId) => user("DELETE", `${conns}/${seg(connectionId, "connectionId")}`, ignore),
      sync: async (connectionId, input = {}) => {
        const body: { credentials?: string; force?: boolean } = {};
        if (input.credentials !== undefined) body.credentials = input.credentials;
        if (input.force !== undefined) body.force = input.force;
        const r = await http.request({
          method: "POST",
          path: `${conns}/${seg(connectionId, "connectionId")}/sync`,
          secret: accessToken,
          expect: json(wizardSessionRefSchema),
          sync: true,
          allow202: true,
          body,
        });
        return r.status === 202 ? { kind: "needs_user", ...r.data } : { kind: "started" };
      },
      reset: async (connectionId) =>
        http
          .request({
            method: "POST",
            path: `${conns}/${seg(connectionId, "connectionId")}/reset`,
            secret: accessToken,
            expect: json(wizardSessionRefSchema),
            allow202: true,
          })
          .then((r) => r.data),
      accounts: async (connectionId, query) =>
        user(
          "GET",
          `${conns}/${seg(connectionId, "connectionId")}/accounts`,
          json(paginatedSchema(bankAccountSchema)),
          {
            query: pageParams(query),
          },
        ),
    };

    const accounts: AccountsApi = {
      list: async (query) => user("GET", accts, json(paginatedSchema(bankAccountSchema)), { query: pageParams(query) }),
      get: async (accountId) => user("GET", `${accts}/${seg(accountId, "accountId")}`, json(bankAccountSchema)),
      delete: async (accountId) => user("DELETE", `${accts}/${seg(accountId, "accountId")}`, ignore),
      balance: async (accountId) => user("GET", `${accts}/${seg(accountId, "accountId")}/balance`, json(balanceSchema)),
      turnovers: async (accountId, query = {}) => {
        const path = `${accts}/${seg(accountId, "accountId")}/turnovers`;
        const result = await user("GET", path, json(turnoversSchema), {
          query: {
            from: calendarDateParam(query.from, "from"),
            to: calendarDateParam(query.to, "to"),
            // The Node SDK (which follows the swagger wording) calls it only_new with 0/1.
            only_new: query.onlyNew === undefined ? undefined : query.onlyNew ? 1 : 0,
          },
        });
        // Paths and reasons only: the items themselves (bank text) go to the caller, never to the log.
        if (result.rejected.length > 0)
          logger.warn(
            {
              method: "GET",
              path,
              rejected: result.rejected.length,
              issues: result.rejected
                .flatMap((r) => r.issues.map((i) => `turnovers.${r.index}.${i.path}: ${i.message}`))
                .slice(0, 20),
            },
            "xs2a turnovers: items refused; the rest of the list parsed",
          );
        if (result.roundedAmounts.length > 0)
          logger.info(
            {
              method: "GET",
              path,
              rounded: result.roundedAmounts.length,
              amounts: result.roundedAmounts.slice(0, 5).map((r) => `${r.sent} → ${r.amount.decimal}`),
            },
            "xs2a turnovers: float artefacts rounded to the cent",
          );
        return result;
      },
      markAsSeen: async (accountId, date) => {
        const suffix = date === undefined ? "" : `/${calendarDateParam(date, "date")}`;
        await user("POST", `${accts}/${seg(accountId, "accountId")}/markAsSeen${suffix}`, ignore);
      },
    };

    const wizard: WizardApi = {
      step: async (input) => {
        if (typeof input?.key !== "string" || input.key === "") throw new TypeError("key is required");
        return user("POST", "/v1/api/wizard", json(wizardResponseSchema), { body: input });
      },
    };

    return { connections, accounts, wizard };
  }

  return { bankUsers, accessTokens, sessions, events, bankCodes, forToken };
}

/**
 * Walks a Laravel paginator page by page (`fetchPage(1)`, `fetchPage(2)`, …) until the last page,
 * an empty page, or `maxPages` (a guard against a server that never reports the end).
 */
export async function listAll<T>(
  fetchPage: (page: number) => Promise<Paginated<T>>,
  options: { maxPages?: number } = {},
): Promise<T[]> {
  const maxPages = options.maxPages ?? 1000;
  const all: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const result = await fetchPage(page);
    all.push(...result.data);
    if (result.data.length === 0 || result.currentPage >= result.lastPage) return all;
  }
  throw new Error(`listAll stopped after ${maxPages} pages without reaching the last page`);
}

/** XS2A refuses syncs once `sync_fail_counter` reaches 3; the connection must be re-created. */
export function isConnectionDisabled(connection: Pick<BankConnection, "syncFailCounter">): boolean {
  return connection.syncFailCounter >= 3;
}

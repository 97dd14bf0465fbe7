export {
  createXs2aClient,
  isConnectionDisabled,
  listAll,
  type AccessTokensApi,
  type AccountsApi,
  type BankCodesApi,
  type BankUsersApi,
  type ConnectionsApi,
  type EventsApi,
  type SessionsApi,
  type WizardApi,
  type Xs2aClient,
  type Xs2aClientOptions,
  type Xs2aUserClient,
} from "./client.ts";
export { Xs2aError, isXs2aError, NEEDS_USER_CODES, type Xs2aErrorKind, type Xs2aErrorInit } from "./errors.ts";
export { basicAuth, parseRetryAfter, type FetchLike, type Xs2aLogger } from "./http.ts";
export { amountFromNumber, amountNearCents, CENT_GRID_TOLERANCE, moneyFromCents } from "./amount.ts";
export * from "./types.ts";

/**
 * The one error type of the XS2A layer. `kind` is what Saldo acts on; it is decided from HTTP
 * status codes and XS2A error codes only, never from message text.
 */
export type Xs2aErrorKind =
  /** 202 (a wizard session is needed) or a consent/login error code: ask the user; never retry. */
  | "needs_user"
  /** Network error, timeout, 5xx or 429: try again later (after `retryAfterMs` when set). */
  | "retryable"
  /** 409 on sync (refused after 3 failed syncs): the connection must be deleted and re-created. */
  | "disabled"
  /** 401: API key or access token rejected (replace an expired token; never retry as is). */
  | "unauthorized"
  /** 404: unknown or deleted resource. */
  | "not_found"
  /** 400/422: the request was invalid; `fieldErrors` carries XS2A's per-field messages. */
  | "invalid_request"
  /** The response could not be read: invalid JSON, an HTML page, or a body that fails the schema. */
  | "malformed_response"
  /** Anything else (e.g. 403, other 4xx). */
  | "other";

export interface Xs2aErrorInit {
  kind: Xs2aErrorKind;
  message: string;
  method: string;
  path: string;
  requestId: string;
  status?: number | null;
  code?: number | string | null;
  fieldErrors?: Record<string, string[]>;
  retryAfterMs?: number | null;
  wizardSessionKey?: string | null;
  transaction?: string | null;
  issues?: string[];
  cause?: unknown;
}

export class Xs2aError extends Error {
  override readonly name = "Xs2aError";
  readonly kind: Xs2aErrorKind;
  /** HTTP status; null when no response arrived (network error, timeout). */
  readonly status: number | null;
  /** XS2A's `code` from the error body (number when numeric, e.g. 404), if any. */
  readonly code: number | string | null;
  readonly method: string;
  /** Request path without the query string (ids included; never secrets). */
  readonly path: string;
  /** The server's request id header when present, else the id this client sent as `X-Request-Id`. */
  readonly requestId: string;
  /** Per-field validation messages of a 422. */
  readonly fieldErrors: Record<string, string[]>;
  /** For `retryable`: the server's Retry-After in milliseconds, when it sent one. */
  readonly retryAfterMs: number | null;
  /** For `needs_user` from a 202: the wizard session to show the user. */
  readonly wizardSessionKey: string | null;
  readonly transaction: string | null;
  /** For `malformed_response`: what failed validation (paths and messages, no values). */
  readonly issues: string[];

  constructor(init: Xs2aErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.method = init.method;
    this.path = init.path;
    this.requestId = init.requestId;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.wizardSessionKey = init.wizardSessionKey ?? null;
    this.transaction = init.transaction ?? null;
    this.issues = init.issues ?? [];
  }

  /** Alias of `fieldErrors`, named like XS2A's 422 body. */
  get errors(): Record<string, string[]> {
    return this.fieldErrors;
  }

  get needsUser(): boolean {
    return this.kind === "needs_user";
  }

  get retryable(): boolean {
    return this.kind === "retryable";
  }

  /** A log-safe summary (no secrets are ever stored on the error in the first place). */
  toJSON() {
    return {
      name: this.name,
      kind: this.kind,
      status: this.status,
      code: this.code,
      message: this.message,
      method: this.method,
      path: this.path,
      requestId: this.requestId,
      fieldErrors: this.fieldErrors,
      retryAfterMs: this.retryAfterMs,
      issues: this.issues,
    };
  }
}

export function isXs2aError(error: unknown, kind?: Xs2aErrorKind): error is Xs2aError {
  return error instanceof Xs2aError && (kind === undefined || error.kind === kind);
}

/**
 * XS2A error codes that mean "the user has to go through the wizard again". They come from the
 * wizard's documented `last_error` vocabulary (xs2a-api.md §2.5); where XS2A.api puts them in an
 * error body `code`, they win over the status code's generic meaning.
 */
export const NEEDS_USER_CODES: ReadonlySet<string> = new Set([
  "consent_invalid",
  "login_failed",
  "login_next_failed",
  "max_login_tries",
  "session_expired",
]);

/**
 * The kind for a non-2xx response.
 * `sync` is true for `POST …/connections/{id}/sync`, where 409 is XS2A's refusal after 3 failures.
 */
export function kindForStatus(status: number, code: number | string | null, opts: { sync: boolean }): Xs2aErrorKind {
  if (typeof code === "string" && NEEDS_USER_CODES.has(code)) return "needs_user";
  if (status === 401) return "unauthorized";
  if (status === 404) return "not_found";
  if (status === 409 && opts.sync) return "disabled";
  if (status === 400 || status === 422) return "invalid_request";
  if (status === 408 || status === 429 || status >= 500) return "retryable";
  return "other";
}

/**
 * One error type for lib/: a stable code the edge (actions, routes, jobs) maps once.
 * Each code says when it is thrown and what the caller should do.
 */
export type AppErrorCode =
  /** Input failed validation: show `fields`/message next to the form; nothing changed. */
  | "invalid_input"
  /** Not signed in, or the session ended (disabled user, signed out everywhere): go to sign-in. */
  | "unauthenticated"
  /** The thing does not exist or is not the viewer's (deliberately indistinguishable). */
  | "not_found"
  /** Too many attempts: wait `retryAfterSeconds`. */
  | "rate_limited"
  /** The request conflicts with the current state (e.g. email taken, sync already running). */
  | "conflict"
  /**
   * A sensitive action (link or remove a bank, delete the account, change email or password) needs
   * a fresh password check in this session (lib/auth/reauth.ts): show the re-auth dialog, then retry.
   */
  | "reauth_required"
  /** The bank needs the user (wizard): the payload carries the wizard session. */
  | "needs_user"
  /** XS2A or the bank is unavailable for now: try again later. */
  | "unavailable"
  /** The connection was disabled by XS2A after 3 failed syncs: re-link it. */
  | "connection_disabled"
  /** The bank's consent has ended: renew it. */
  | "consent_expired"
  /** Anything else: show a generic message with the logged error id. */
  | "internal";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields?: Record<string, string>;
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    message: string,
    opts: { fields?: Record<string, string>; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = opts.fields;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

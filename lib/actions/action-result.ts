import type { AppErrorCode } from "@/lib/errors";

/**
 * What every server action returns (see define-action.ts). A type only, in a file of its own, so
 * client code can name it without importing the server module that builds it.
 */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: AppErrorCode;
      /** The refusal's reason, a stable key (e.g. "sync_running"), never a text for the user. */
      message: string;
      fields?: Record<string, string>;
      retryAfterSeconds?: number;
      errorId?: string;
    };

/** A refused call: the `ok: false` half of ActionResult. */
export type ActionRefusal = Extract<ActionResult<unknown>, { ok: false }>;

import { AppError } from "@/lib/errors";
import { isXs2aError, type Xs2aError } from "@/lib/xs2a";

export { isXs2aError, type Xs2aError };

/**
 * The one mapping from an XS2A failure to what a user-facing use case reports: XS2A unreachable
 * or busy → `unavailable` (try again later), a connection XS2A disabled → `connection_disabled`
 * (re-link), an XS2A object that is gone → `not_found`. Anything else is returned unchanged for
 * the caller (or the action's generic "internal" mapping) to handle.
 */
export function toAppError(err: unknown): unknown {
  if (!isXs2aError(err)) return err;
  if (err.kind === "retryable") return new AppError("unavailable", "xs2a_unavailable", { cause: err });
  if (err.kind === "disabled") return new AppError("connection_disabled", "connection_disabled", { cause: err });
  if (err.kind === "not_found") return new AppError("not_found", "not found", { cause: err });
  return err;
}

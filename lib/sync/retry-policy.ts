import type { Xs2aError } from "@/lib/bank-gateway/errors";

/**
 * How the sync queue retries a run that met a retryable XS2A error (network, timeout, 5xx, 429).
 * Failures XS2A counts (422, 409, a raised fail counter) are never retried: three disable the
 * connection.
 */

/** Attempts of one run before it fails as `xs2a_unavailable`. */
export const MAX_ATTEMPTS = 4;

/** Seconds to wait when another run of the connection holds it. */
export const BUSY_DELAY_SECONDS = 20;

/** Backoff: Retry-After wins; else capped exponential with full jitter. */
export function retryDelayMs(err: Pick<Xs2aError, "retryAfterMs"> | null, attempt: number): number {
  if (err?.retryAfterMs != null) return Math.max(1000, err.retryAfterMs);
  const cap = Math.min(300_000, 5000 * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (Math.random() * cap) / 2);
}

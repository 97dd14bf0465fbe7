/**
 * The transport of the XS2A client: Basic auth, request ids, a timeout on every call, retries for
 * safe reads only, error mapping and response parsing. Nothing here reads process.env.
 *
 * Invariants:
 * - Only GET is ever retried. A PUT/POST/PATCH/DELETE is sent once: a blindly repeated sync counts
 *   as another failure at XS2A (3 of them disable the connection).
 * - Logs carry method, path (without query), status, duration, request id and error kind. Never
 *   headers, bodies, the API key, tokens or credential halves.
 */
import type { z } from "zod";
import { Xs2aError, kindForStatus, type Xs2aErrorKind } from "./errors.ts";
import { errorBodySchema, wizardSessionRefSchema } from "./schemas.ts";

export interface Xs2aLogger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
export type HttpMethod = "GET" | "PUT" | "POST" | "PATCH" | "DELETE";

const noop = () => {};
export const silentLogger: Xs2aLogger = { debug: noop, info: noop, warn: noop, error: noop };

export interface HttpConfig {
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  logger: Xs2aLogger;
  maxReadRetries: number;
  sleep: (ms: number) => Promise<void>;
  /** First backoff step; doubles per attempt. */
  retryBaseDelayMs: number;
  /** No wait between retries is longer than this; a longer Retry-After ends the retries. */
  retryMaxDelayMs: number;
  /** Jitter source in [0, 1). */
  random: () => number;
  /** Told about every attempt (metrics): method, path, HTTP status (0: none), duration, error kind. */
  observe?: (o: Xs2aObservation) => void;
  /** Awaited before each attempt, outside its timeout (e.g. a shared budget of calls per second). */
  beforeRequest?: () => Promise<void>;
}

export interface Xs2aObservation {
  method: HttpMethod;
  path: string;
  status: number;
  durationMs: number;
  errorKind: Xs2aErrorKind | null;
}

export type ExpectBody<T> =
  /** Parse the JSON body with this schema. */
  | { kind: "json"; schema: z.ZodType<T> }
  /** Any 2xx is success; the body is not read as data (deletes, markAsSeen). */
  | { kind: "ignore" };

export interface RequestSpec<T> {
  method: HttpMethod;
  /** Path with already-encoded segments, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  /** Basic-auth password: the API key or a bank user's access token. */
  secret: string;
  expect: ExpectBody<T>;
  /** POST …/sync: 409 means "disabled", 202 is a result rather than an error. */
  sync?: boolean;
  /** 202 with a wizard session is the normal answer here (create, reset, sync). */
  allow202?: boolean;
}

export interface HttpResult<T> {
  status: number;
  data: T;
  requestId: string;
}

export function basicAuth(secret: string): string {
  const bytes = new TextEncoder().encode(`api:${secret}`);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid"];

/** `Retry-After` as delta-seconds or an HTTP date → milliseconds from `now` (≥ 0). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (v === "") return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}

function looksLikeHtml(contentType: string | null, text: string): boolean {
  return /html/i.test(contentType ?? "") || /^\s*</.test(text);
}

type Attempt<T> = { ok: true; result: HttpResult<T> } | { ok: false; error: Xs2aError };

export function createHttp(config: HttpConfig) {
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const { logger } = config;

  function buildUrl(path: string, query: RequestSpec<unknown>["query"]): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined && v !== null) params.set(k, String(v));
    }
    const qs = params.toString();
    return `${baseUrl}${path}${qs ? `?${qs}` : ""}`;
  }

  async function attempt<T>(spec: RequestSpec<T>): Promise<Attempt<T>> {
    const sentRequestId = newRequestId();
    const { method, path } = spec;
    const errorBase = { method, path, requestId: sentRequestId };
    const headers: Record<string, string> = {
      Authorization: basicAuth(spec.secret),
      Accept: "application/json",
      "X-Request-Id": sentRequestId,
      "X-Client": "saldo",
    };
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(spec.body);
    }

    await config.beforeRequest?.();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, config.timeoutMs);

    let response: Response;
    let text: string;
    try {
      response = await config.fetch(buildUrl(path, spec.query), { method, headers, body, signal: controller.signal });
      text = await response.text();
    } catch (cause) {
      return {
        ok: false,
        error: new Xs2aError({
          ...errorBase,
          kind: "retryable",
          message: timedOut
            ? `XS2A did not answer within ${config.timeoutMs} ms`
            : `network error talking to XS2A: ${cause instanceof Error ? cause.message : String(cause)}`,
          code: timedOut ? "timeout" : "network_error",
          cause,
        }),
      };
    } finally {
      clearTimeout(timer);
    }

    const { status } = response;
    let requestId = sentRequestId;
    for (const h of REQUEST_ID_HEADERS) {
      const v = response.headers.get(h);
      if (v) {
        requestId = v;
        break;
      }
    }
    const base = { method, path, requestId, status };
    const contentType = response.headers.get("content-type");

    const malformed = (message: string, issues?: string[], cause?: unknown): Attempt<T> => ({
      ok: false,
      error: new Xs2aError({ ...base, kind: "malformed_response", message, issues, cause }),
    });

    const readJson = (): { ok: true; value: unknown } | { ok: false; reason: string; cause?: unknown } => {
      if (text.trim() === "") return { ok: false, reason: "empty body" };
      if (looksLikeHtml(contentType, text)) return { ok: false, reason: "an HTML page instead of JSON" };
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch (cause) {
        return { ok: false, reason: "invalid JSON", cause };
      }
    };

    if (status >= 200 && status < 300) {
      if (status === 202 && !spec.allow202) {
        // A read or write that suddenly needs the user (e.g. consent expired) answers 202 + session.
        const json = readJson();
        const session = json.ok ? wizardSessionRefSchema.safeParse(json.value) : null;
        if (session?.success) {
          return {
            ok: false,
            error: new Xs2aError({
              ...base,
              kind: "needs_user",
              message: "XS2A needs the user to complete a wizard session",
              wizardSessionKey: session.data.wizardSessionKey,
              transaction: session.data.transaction,
            }),
          };
        }
      }
      if (spec.expect.kind === "ignore") return { ok: true, result: { status, data: undefined as T, requestId } };
      // Sync: 204 (or any 2xx but 202) means it runs in the background; only 202 carries a session.
      if (spec.sync && status !== 202) return { ok: true, result: { status, data: undefined as T, requestId } };
      const json = readJson();
      if (!json.ok) return malformed(`XS2A sent ${json.reason} (HTTP ${status})`, undefined, json.cause);
      const parsed = spec.expect.schema.safeParse(json.value);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
        // The first issues go into the message too: it is what a failed run records and admins read.
        const shown = issues.slice(0, 3).join("; ") + (issues.length > 3 ? ` (+${issues.length - 3} more)` : "");
        return malformed(
          `XS2A response did not match the expected shape (HTTP ${status}): ${shown}`,
          issues,
          parsed.error,
        );
      }
      return { ok: true, result: { status, data: parsed.data, requestId } };
    }

    // Error statuses: the kind comes from the status and XS2A's error code, never from the text.
    const json = readJson();
    const errorBody = json.ok ? errorBodySchema.safeParse(json.value) : null;
    const parsedBody = errorBody?.success ? errorBody.data : null;
    let kind: Xs2aErrorKind = kindForStatus(status, parsedBody?.code ?? null, { sync: Boolean(spec.sync) });
    if (kind === "other" && !parsedBody) kind = "malformed_response";
    const retryAfterMs = kind === "retryable" ? parseRetryAfter(response.headers.get("retry-after")) : null;
    return {
      ok: false,
      error: new Xs2aError({
        ...base,
        kind,
        code: parsedBody?.code ?? null,
        message:
          parsedBody?.message ||
          (json.ok ? `XS2A answered HTTP ${status}` : `XS2A answered HTTP ${status} with ${json.reason}`),
        fieldErrors: parsedBody?.errors,
        retryAfterMs,
      }),
    };
  }

  async function request<T>(spec: RequestSpec<T>): Promise<HttpResult<T>> {
    const retriesAllowed = spec.method === "GET" ? Math.max(0, config.maxReadRetries) : 0;
    for (let attemptNo = 0; ; attemptNo++) {
      const started = performance.now();
      const outcome = await attempt(spec);
      const durationMs = Math.round(performance.now() - started);
      config.observe?.({
        method: spec.method,
        path: spec.path,
        status: outcome.ok ? outcome.result.status : (outcome.error.status ?? 0),
        durationMs,
        errorKind: outcome.ok ? null : outcome.error.kind,
      });
      const logBase = { method: spec.method, path: spec.path, attempt: attemptNo + 1, durationMs };
      if (outcome.ok) {
        logger.debug(
          { ...logBase, status: outcome.result.status, requestId: outcome.result.requestId },
          "xs2a request",
        );
        return outcome.result;
      }
      const { error } = outcome;
      const errLog = {
        ...logBase,
        status: error.status,
        requestId: error.requestId,
        kind: error.kind,
        code: error.code,
        // Field paths and reasons (never the body): what an admin needs to see why a response was refused.
        ...(error.issues.length ? { issues: error.issues.slice(0, 20) } : {}),
      };
      if (error.kind === "retryable" && attemptNo < retriesAllowed) {
        const delayMs = retryDelay(attemptNo, error.retryAfterMs);
        if (delayMs !== null) {
          logger.warn({ ...errLog, retryInMs: delayMs }, "xs2a read failed; retrying");
          await config.sleep(delayMs);
          continue;
        }
      }
      const level = error.kind === "malformed_response" || error.kind === "retryable" ? "error" : "warn";
      logger[level](errLog, "xs2a request failed");
      throw error;
    }
  }

  /** Capped exponential backoff with full jitter; a Retry-After beyond the cap stops retrying (null). */
  function retryDelay(attemptNo: number, retryAfterMs: number | null): number | null {
    if (retryAfterMs !== null) return retryAfterMs <= config.retryMaxDelayMs ? retryAfterMs : null;
    const ceiling = Math.min(config.retryMaxDelayMs, config.retryBaseDelayMs * 2 ** attemptNo);
    return Math.floor(config.random() * ceiling);
  }

  return { request };
}

export type Http = ReturnType<typeof createHttp>;

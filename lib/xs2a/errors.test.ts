/** Error mapping, timeouts, retries and secret-free logging of the XS2A client. */
import { describe, expect, it, vi } from "vitest";
import { createXs2aClient, isXs2aError, Xs2aError, type Xs2aClientOptions } from "./index.ts";
import {
  captureLogger,
  emptyResponse,
  fakeFetch,
  hangingFetch,
  jsonResponse,
  textResponse,
  type Reply,
} from "../../scripts/fixtures/fake-fetch.ts";
import { parseRetryAfter } from "./http.ts";

const BASE = "https://xs2a.test";

function setup(replies: Reply[], options: Partial<Xs2aClientOptions> = {}) {
  const f = fakeFetch(...replies);
  const sleeps: number[] = [];
  const client = createXs2aClient({
    baseUrl: BASE,
    apiKey: "k",
    fetch: f.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { client, user: client.forToken("t"), calls: f.calls, sleeps };
}

async function caught(promise: Promise<unknown>): Promise<Xs2aError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof Xs2aError) return e;
    throw e;
  }
  throw new Error("expected an Xs2aError");
}

const HTML = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";

describe("error mapping (status and error code decide, never the message)", () => {
  it("401 → unauthorized, with XS2A's code and message", async () => {
    const { client } = setup([jsonResponse({ code: "401", message: "Invalid credentials." }, 401)]);
    const e = await caught(client.bankUsers.get("u1"));
    expect(e).toMatchObject({
      kind: "unauthorized",
      status: 401,
      code: 401,
      message: "Invalid credentials.",
      method: "GET",
      path: "/v1/api/users/u1",
    });
  });

  it("404 → not_found", async () => {
    const { user } = setup([jsonResponse({ code: 404, message: "Not found" }, 404)]);
    expect(await caught(user.connections.get("c1"))).toMatchObject({ kind: "not_found", status: 404, code: 404 });
  });

  it("409 on sync → disabled (refused after 3 failed syncs)", async () => {
    const { user, calls } = setup([jsonResponse({ code: 409, message: "Sync disabled" }, 409)]);
    const e = await caught(user.connections.sync("c1"));
    expect(e).toMatchObject({ kind: "disabled", status: 409, method: "POST", path: "/v1/api/connections/c1/sync" });
    expect(calls).toHaveLength(1);
  });

  it("409 elsewhere is not 'disabled'", async () => {
    const { client } = setup([jsonResponse({ code: 409, message: "Conflict" }, 409)]);
    expect((await caught(client.bankUsers.create({ name: "x" }))).kind).toBe("other");
  });

  it("422 → invalid_request with per-field errors", async () => {
    const { client } = setup([
      jsonResponse(
        {
          code: 422,
          message: "The given data was invalid.",
          errors: { email: ["The email must be a valid email address."], name: "required" },
        },
        422,
      ),
    ]);
    const e = await caught(client.bankUsers.create({ name: "", email: "nope" }));
    expect(e.kind).toBe("invalid_request");
    expect(e.fieldErrors).toEqual({ email: ["The email must be a valid email address."], name: ["required"] });
    expect(e.errors).toBe(e.fieldErrors);
  });

  it("429 → retryable with Retry-After in seconds", async () => {
    const { client } = setup(
      [jsonResponse({ code: 429, message: "Too many requests" }, 429, { "Retry-After": "30" })],
      { maxReadRetries: 0 },
    );
    expect(await caught(client.bankUsers.list())).toMatchObject({
      kind: "retryable",
      status: 429,
      retryAfterMs: 30_000,
    });
  });

  it("429 → retryable with Retry-After as an HTTP date", async () => {
    const at = new Date(Date.now() + 45_000);
    at.setMilliseconds(0);
    const { client } = setup([jsonResponse({ code: 429 }, 429, { "Retry-After": at.toUTCString() })], {
      maxReadRetries: 0,
    });
    const e = await caught(client.bankUsers.list());
    expect(e.kind).toBe("retryable");
    expect(e.retryAfterMs).toBeGreaterThan(40_000);
    expect(e.retryAfterMs).toBeLessThanOrEqual(45_000);
  });

  it("parseRetryAfter handles seconds, dates in the past and junk", () => {
    expect(parseRetryAfter("5")).toBe(5000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("2015-10-21T07:27:00Z"))).toBe(60_000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("2020-01-01T00:00:00Z"))).toBe(0);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it("500 → retryable", async () => {
    const { user } = setup([jsonResponse({ code: 500, message: "Server Error" }, 500)], { maxReadRetries: 0 });
    expect(await caught(user.accounts.list())).toMatchObject({ kind: "retryable", status: 500, retryAfterMs: null });
  });

  it("network error → retryable with no status", async () => {
    const { user } = setup([new TypeError("fetch failed")], { maxReadRetries: 0 });
    expect(await caught(user.accounts.list())).toMatchObject({
      kind: "retryable",
      status: null,
      code: "network_error",
    });
  });

  it("timeout → retryable, the request is aborted", async () => {
    let signal: AbortSignal | undefined;
    const hang = hangingFetch();
    const client = createXs2aClient({
      baseUrl: BASE,
      apiKey: "k",
      timeoutMs: 30,
      maxReadRetries: 0,
      fetch: (input, init) => {
        signal = init.signal ?? undefined;
        return hang(input, init);
      },
    });
    // The fetch never answers: only the client's own timeout can end this call.
    const e = await caught(client.forToken("t").accounts.list());
    expect(e).toMatchObject({ kind: "retryable", status: null, code: "timeout" });
    expect(signal?.aborted).toBe(true);
  });

  it("timeout also covers a body that never finishes", async () => {
    const client = createXs2aClient({
      baseUrl: BASE,
      apiKey: "k",
      timeoutMs: 30,
      maxReadRetries: 0,
      fetch: async (_input, init) => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"id":'));
            init.signal?.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
          },
        });
        return new Response(stream, { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    expect(await caught(client.bankUsers.get("u1"))).toMatchObject({ kind: "retryable", code: "timeout" });
  });

  it("an HTML page with 200 → malformed_response", async () => {
    const { user } = setup([textResponse(HTML, 200)]);
    expect(await caught(user.accounts.list())).toMatchObject({ kind: "malformed_response", status: 200 });
  });

  it("an HTML page with a status that has no meaning of its own → malformed_response", async () => {
    const { user } = setup([textResponse(HTML, 418)]);
    expect(await caught(user.accounts.list())).toMatchObject({ kind: "malformed_response", status: 418 });
  });

  it("an HTML gateway page with 502 is still retryable (the status decides)", async () => {
    const { user } = setup([textResponse(HTML, 502)], { maxReadRetries: 0 });
    expect(await caught(user.accounts.list())).toMatchObject({ kind: "retryable", status: 502 });
  });

  it("malformed JSON → malformed_response", async () => {
    const { user } = setup([textResponse('{"id": "a1", "iban": ', 200, "application/json")]);
    expect(await caught(user.accounts.get("a1"))).toMatchObject({ kind: "malformed_response" });
  });

  it("an empty 200 where JSON is expected → malformed_response", async () => {
    const { user } = setup([emptyResponse(200)]);
    expect(await caught(user.accounts.get("a1"))).toMatchObject({ kind: "malformed_response" });
  });

  it("a body that fails the schema → malformed_response with the failing paths (no values)", async () => {
    const { user } = setup([jsonResponse({ id: "a1", balance: 12.345, holder: "SECRET-LOOKING-TEXT" })]);
    const e = await caught(user.accounts.balance("a1"));
    expect(e.kind).toBe("malformed_response");
    expect(e.issues.some((i) => i.startsWith("balance: amount 12.345 has more than two decimals"))).toBe(true);
    // The specific issue is in the message too (what a failed run records), never the body.
    expect(e.message).toContain("balance: amount 12.345 has more than two decimals");
    expect(JSON.stringify(e)).not.toContain("SECRET-LOOKING-TEXT");
  });

  it("a malformed response is logged with its issues (paths and reasons, never the body)", async () => {
    const { logger, logs, text } = captureLogger();
    const { user } = setup([jsonResponse({ id: "a1", balance: 12.345, holder: "SECRET-LOOKING-TEXT" })], {
      logger,
      maxReadRetries: 0,
    });
    await caught(user.accounts.balance("a1"));
    const failed = logs.find((l) => l.msg === "xs2a request failed")!;
    expect(failed.obj.issues).toEqual(["balance: amount 12.345 has more than two decimals"]);
    expect(text()).not.toContain("SECRET-LOOKING-TEXT");
  });

  it("one odd turnover is no error: the list parses and the refused item is logged by path and reason only", async () => {
    const { logger, logs, text } = captureLogger();
    const { user } = setup(
      [
        jsonResponse({
          id: "a1",
          turnovers: [
            { booking_date: "2024-01-02", amount: 1, purpose: "fine" },
            { booking_date: "2024-01-02", amount: 0.30000000000000004, purpose: "SECRET-LOOKING-TEXT" },
            { booking_date: "2024-01-02", amount: 12.345, purpose: "SECRET-LOOKING-TEXT" },
          ],
        }),
      ],
      { logger },
    );
    const r = await user.accounts.turnovers("a1");
    expect(r.turnovers).toHaveLength(2);
    expect(r.rejected.map((x) => x.index)).toEqual([2]);
    const refused = logs.find((l) => l.msg?.includes("items refused"))!;
    expect(refused.level).toBe("warn");
    expect(refused.obj).toMatchObject({
      rejected: 1,
      issues: ["turnovers.2.amount: amount 12.345 has more than two decimals"],
    });
    expect(logs.find((l) => l.msg?.includes("rounded"))!.obj).toMatchObject({ rounded: 1 });
    expect(text()).not.toContain("SECRET-LOOKING-TEXT");
  });

  it("a 202 with a wizard session on a read → needs_user carrying the session", async () => {
    const { user } = setup([jsonResponse({ wizard_session_key: "wsk", transaction: "tx" }, 202)]);
    expect(await caught(user.accounts.turnovers("a1"))).toMatchObject({
      kind: "needs_user",
      status: 202,
      wizardSessionKey: "wsk",
      transaction: "tx",
    });
  });

  it.each(["consent_invalid", "login_failed"])("error code %s → needs_user whatever the status", async (code) => {
    const { user } = setup([jsonResponse({ code, message: "anything" }, 400)]);
    expect(await caught(user.connections.sync("c1"))).toMatchObject({ kind: "needs_user", code });
  });

  it("the message text never decides the kind", async () => {
    const { user } = setup([
      jsonResponse({ code: 400, message: "consent invalid, please log in again; sync disabled" }, 400),
    ]);
    expect((await caught(user.connections.sync("c1"))).kind).toBe("invalid_request");
  });

  it("403 → other", async () => {
    const { user } = setup([jsonResponse({ code: 403, message: "Forbidden" }, 403)]);
    expect((await caught(user.accounts.get("a1"))).kind).toBe("other");
  });

  it("requestId comes from the response header when present", async () => {
    const { client } = setup([jsonResponse({ code: 404 }, 404, { "X-Request-Id": "srv-123" })]);
    expect((await caught(client.bankUsers.get("u1"))).requestId).toBe("srv-123");
  });

  it("otherwise requestId is the id the client sent", async () => {
    const { client, calls } = setup([jsonResponse({ code: 404 }, 404)]);
    const e = await caught(client.bankUsers.get("u1"));
    expect(e.requestId).toBe(calls[0]!.headers["x-request-id"]);
  });

  it("isXs2aError narrows by kind", async () => {
    const { client } = setup([jsonResponse({ code: 404 }, 404)]);
    const e = await caught(client.bankUsers.get("u1"));
    expect(isXs2aError(e)).toBe(true);
    expect(isXs2aError(e, "not_found")).toBe(true);
    expect(isXs2aError(e, "retryable")).toBe(false);
    expect(isXs2aError(new Error("x"))).toBe(false);
  });
});

describe("retries: only safe reads, capped backoff with jitter", () => {
  it("GET is retried on 5xx up to maxReadRetries, then succeeds", async () => {
    const { client, calls, sleeps } = setup([jsonResponse({}, 503), jsonResponse({}, 500), jsonResponse({ id: "u1" })]);
    expect((await client.bankUsers.get("u1")).id).toBe("u1");
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it("GET gives up after 1 + maxReadRetries attempts (default 2)", async () => {
    const { client, calls } = setup([jsonResponse({}, 500)]);
    expect((await caught(client.bankUsers.get("u1"))).kind).toBe("retryable");
    expect(calls).toHaveLength(3);
  });

  it("GET is retried on network errors and timeouts too", async () => {
    const { client, calls } = setup([new TypeError("fetch failed"), jsonResponse({ id: "u1" })]);
    await client.bankUsers.get("u1");
    expect(calls).toHaveLength(2);
  });

  it("backoff is exponential with full jitter and capped", async () => {
    const { client, sleeps } = setup([jsonResponse({}, 500)], {
      maxReadRetries: 6,
      random: () => 0.999,
      retryBaseDelayMs: 500,
      retryMaxDelayMs: 10_000,
    });
    await caught(client.bankUsers.get("u1"));
    expect(sleeps).toEqual([499, 999, 1998, 3996, 7992, 9990]);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(10_000);
  });

  it("jitter spreads the delay below the exponential ceiling", async () => {
    const { client, sleeps } = setup([jsonResponse({}, 500)], { random: () => 0.25 });
    await caught(client.bankUsers.get("u1"));
    expect(sleeps).toEqual([125, 250]);
  });

  it("Retry-After within the cap is waited for exactly", async () => {
    const { client, calls, sleeps } = setup([
      jsonResponse({}, 429, { "Retry-After": "2" }),
      jsonResponse({ id: "u1" }),
    ]);
    await client.bankUsers.get("u1");
    expect(sleeps).toEqual([2000]);
    expect(calls).toHaveLength(2);
  });

  it("Retry-After beyond the cap is not waited for: the error carries it instead", async () => {
    const { client, calls, sleeps } = setup([jsonResponse({}, 429, { "Retry-After": "30" })]);
    const e = await caught(client.bankUsers.get("u1"));
    expect(e).toMatchObject({ kind: "retryable", retryAfterMs: 30_000 });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("non-retryable errors on GET are not retried", async () => {
    const { client, calls } = setup([jsonResponse({ code: 404 }, 404)]);
    await caught(client.bankUsers.get("u1"));
    expect(calls).toHaveLength(1);
  });

  it("POST sync is never retried, not even on 5xx, network errors or timeouts", async () => {
    for (const reply of [
      jsonResponse({}, 500),
      jsonResponse({}, 503, { "Retry-After": "1" }),
      new TypeError("fetch failed"),
    ]) {
      const { user, calls, sleeps } = setup([reply], { maxReadRetries: 5 });
      expect((await caught(user.connections.sync("c1", { credentials: "half" }))).kind).toBe("retryable");
      expect(calls).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
    const fetchSpy = vi.fn(hangingFetch());
    const timed = createXs2aClient({ baseUrl: BASE, apiKey: "k", timeoutMs: 20, maxReadRetries: 5, fetch: fetchSpy });
    expect((await caught(timed.forToken("t").connections.sync("c1"))).code).toBe("timeout");
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["PUT", (s: ReturnType<typeof setup>) => s.client.bankUsers.create({ name: "x" })],
    ["PATCH", (s: ReturnType<typeof setup>) => s.client.accessTokens.refresh("u", "t", { validUntil: new Date() })],
    ["DELETE", (s: ReturnType<typeof setup>) => s.user.connections.delete("c1")],
    ["POST reset", (s: ReturnType<typeof setup>) => s.user.connections.reset("c1")],
    ["POST wizard", (s: ReturnType<typeof setup>) => s.user.wizard.step({ key: "k" })],
  ])("%s is never retried", async (_name, call) => {
    const s = setup([jsonResponse({}, 500)], { maxReadRetries: 5 });
    expect((await caught(call(s))).kind).toBe("retryable");
    expect(s.calls).toHaveLength(1);
  });
});

describe("logging", () => {
  const API_KEY = "CANARY-APIKEY-7f3a";
  const TOKEN = "CANARY-TOKEN-91bc";
  const CREDENTIALS = "CANARY-CREDENTIALS-44de";
  const PIN = "CANARY-PIN-0042";

  it("logs method, path, status, duration and request id", async () => {
    const { logger, logs } = captureLogger();
    const { client } = setup([jsonResponse({ id: "u1" }, 200, { "X-Request-Id": "srv-1" })], { logger });
    await client.bankUsers.get("u1");
    expect(logs).toHaveLength(1);
    expect(logs[0]!.obj).toMatchObject({ method: "GET", path: "/v1/api/users/u1", status: 200, requestId: "srv-1" });
    expect(typeof logs[0]!.obj.durationMs).toBe("number");
  });

  it("never receives the API key, token, credentials, wizard fields or Authorization header", async () => {
    const { logger, logs, text } = captureLogger();
    const f = fakeFetch(
      jsonResponse({ id: "t1", token: TOKEN, valid_until: "2050-01-01 11:11:11" }),
      jsonResponse({ code: 401, message: "Invalid credentials." }, 401),
      emptyResponse(204),
      jsonResponse({}, 500),
      new TypeError("fetch failed"),
      jsonResponse({ wizard_session_key: "wsk", transaction: "tx" }, 202),
      jsonResponse({ code: 200, form: { name: "finish", elements: [] } }),
      textResponse("<html>oops</html>", 200),
    );
    const client = createXs2aClient({
      baseUrl: BASE,
      apiKey: API_KEY,
      fetch: f.fetch,
      logger,
      maxReadRetries: 1,
      sleep: async () => {},
    });
    const token = await client.accessTokens.create("u1", { validUntil: new Date("2050-01-01T10:11:11Z") });
    const user = client.forToken(token.token);
    await user.accounts.list().catch(() => {});
    await user.connections.sync("c1", { credentials: CREDENTIALS });
    await user.accounts.list().catch(() => {}); // 500, retried, network error
    await user.connections.sync("c1", { credentials: CREDENTIALS });
    await user.wizard.step({ key: "wsk", USER_NAME: "max", USER_PIN: PIN, privacy_policy: true });
    await user.accounts
      .get("a1")
      .catch((e: unknown) => logger.error({ err: (e as Xs2aError).toJSON() }, "caller logs the error"));

    expect(logs.length).toBeGreaterThanOrEqual(8);
    const all = text();
    for (const secret of [
      API_KEY,
      TOKEN,
      CREDENTIALS,
      PIN,
      Buffer.from(`api:${API_KEY}`).toString("base64"),
      Buffer.from(`api:${TOKEN}`).toString("base64"),
      "Basic ",
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all.toLowerCase()).not.toContain("authorization");
    // The secrets did reach the server, so the canaries were live.
    expect(f.calls[0]!.headers.authorization).toContain(Buffer.from(`api:${API_KEY}`).toString("base64"));
    expect(f.calls[2]!.body).toEqual({ credentials: CREDENTIALS });
  });

  it("an Xs2aError does not carry secrets either", async () => {
    const { user } = setup([jsonResponse({ code: 500, message: "boom" }, 500)], { apiKey: API_KEY, maxReadRetries: 0 });
    const e = await caught(user.connections.sync("c1", { credentials: CREDENTIALS }));
    const serialized = JSON.stringify(e) + String(e) + (e.stack ?? "");
    for (const secret of [API_KEY, CREDENTIALS, "Basic "]) expect(serialized).not.toContain(secret);
  });
});

/** A scripted `fetch` for the client's unit tests: records every call, answers from a queue or a handler. */
import type { FetchLike } from "./http.ts";
import type { Xs2aLogger } from "./http.ts";

export interface RecordedCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | null | undefined;
}

export type Reply = Response | Error | ((call: RecordedCall) => Response | Promise<Response>);

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function textResponse(text: string, status = 200, contentType = "text/html"): Response {
  return new Response(text, { status, headers: { "content-type": contentType } });
}

export function emptyResponse(status = 204): Response {
  return new Response(null, { status });
}

export function fakeFetch(...replies: Reply[]) {
  const calls: RecordedCall[] = [];
  const queue = [...replies];
  const fetch: FetchLike = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const call: RecordedCall = {
      url: new URL(input),
      method: init.method ?? "GET",
      headers,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      signal: init.signal,
    };
    calls.push(call);
    const reply = queue.length > 1 ? queue.shift()! : queue[0];
    if (reply === undefined) throw new Error("fakeFetch: no reply scripted");
    if (reply instanceof Error) throw reply;
    if (typeof reply === "function") return reply(call);
    return reply.clone();
  };
  return { fetch, calls };
}

/** A fetch that never answers until aborted, like a hung server. */
export function hangingFetch(): FetchLike {
  return (_input, init) =>
    new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });
}

export interface CapturedLog {
  level: keyof Xs2aLogger;
  obj: Record<string, unknown>;
  msg?: string;
}

export function captureLogger(): { logger: Xs2aLogger; logs: CapturedLog[]; text(): string } {
  const logs: CapturedLog[] = [];
  const at = (level: keyof Xs2aLogger) => (obj: Record<string, unknown>, msg?: string) =>
    logs.push({ level, obj, msg });
  return {
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
    logs,
    text: () => JSON.stringify(logs),
  };
}

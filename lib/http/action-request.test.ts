import { describe, expect, it } from "vitest";
import {
  ACTION_BODY_LIMIT_BYTES,
  actionBodyRefusal,
  isArgumentsArray,
  isPageMutation,
  repliesResolve,
} from "./action-request";

const MB = 1024 * 1024;
const action = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost:3000/settings", {
    method: "POST",
    headers: { "next-action": "7f00", "content-type": "text/plain;charset=UTF-8", ...headers },
    body,
  });

/** A body without Content-Length (chunked), so only reading it tells its size. */
const streamed = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      const bytes = new TextEncoder().encode(text);
      for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.slice(i, i + 64 * 1024));
      c.close();
    },
  });
const chunked = (text: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost:3000/settings", {
    method: "POST",
    headers: { "next-action": "7f00", "content-type": "text/plain;charset=UTF-8", ...headers },
    body: streamed(text),
    duplex: "half",
  } as RequestInit);

describe("which requests are possible server actions", () => {
  it("every POST to a page, not to a route handler", () => {
    expect(isPageMutation("POST", "/settings")).toBe(true);
    expect(isPageMutation("POST", "/")).toBe(true);
    expect(isPageMutation("POST", "/api/transactions")).toBe(false);
    expect(isPageMutation("POST", "/api")).toBe(false);
    expect(isPageMutation("POST", "/apis")).toBe(true);
    expect(isPageMutation("GET", "/settings")).toBe(false);
  });
});

describe("isArgumentsArray", () => {
  it("a JSON array is an argument list; anything else is not", () => {
    expect(isArgumentsArray('[{"locale":"de"}]')).toBe(true);
    expect(isArgumentsArray("[]")).toBe(true);
    for (const bad of ['{"locale":"de"}', "42", '"text"', "null", "this is not json", '[{"locale":"de"', "", null, 42])
      expect(isArgumentsArray(bad), JSON.stringify(bad)).toBe(false);
  });
});

describe("repliesResolve: React reply tokens must not point at parts the body lacks", () => {
  it("plain values and self-contained tokens pass", () => {
    expect(repliesResolve([{ locale: "de", emailReminders: false, n: 3 }])).toBe(true);
    for (const token of ["$$escaped", "$undefined", "$-0", "$NaN", "$Infinity", "$-Infinity", "$D2026-01-01", "$n-12"])
      expect(repliesResolve([{ x: token }]), token).toBe(true);
    // A FormData reference gathers whatever entries exist (possibly none).
    expect(repliesResolve(["$K1"])).toBe(true);
  });

  it('a reference to a part that is not there fails (`["$Q9"]` answered 500)', () => {
    for (const token of [
      "$Q9",
      "$W1",
      "$1",
      "$a:prop",
      "$h2",
      "$B3",
      "$R4",
      "$A5",
      "$@6",
      "$i7",
      "$T",
      "$Z",
      "$",
      "$n1e9",
    ])
      expect(repliesResolve([{ x: token }]), token).toBe(false);
  });

  it("references to parts that are there pass, and are followed", () => {
    const parts = new Map<number, unknown>([
      [1, [["k", "v"]]],
      [2, { nested: "$Q9" }],
    ]);
    expect(repliesResolve(["$Q1"], parts)).toBe(true);
    expect(repliesResolve(["$2"], parts)).toBe(false);
    // A cycle is walked once.
    expect(repliesResolve(["$3"], new Map([[3, { self: "$3" }]]))).toBe(true);
  });

  it("nesting deeper than any action's arguments fails", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(repliesResolve([deep])).toBe(false);
  });
});

describe("actionBodyRefusal", () => {
  it("lets a well-formed action through", async () => {
    expect(await actionBodyRefusal(action('[{"locale":"de"}]'))).toBeNull();
    expect(await actionBodyRefusal(action("[]"))).toBeNull();
    // Just under the limit: Next's own size check and the schema decide.
    expect(await actionBodyRefusal(action(JSON.stringify(["x".repeat(MB - 100)])))).toBeNull();
  });

  it("a body over 1 MB is a 413, by its Content-Length or, without one, by reading it", async () => {
    const big = JSON.stringify([{ locale: "x".repeat(2 * MB) }]);
    expect(await actionBodyRefusal(action(big))).toEqual({ status: 413, error: "payload_too_large" });
    expect(await actionBodyRefusal(chunked(big))).toEqual({ status: 413, error: "payload_too_large" });
    expect(await actionBodyRefusal(chunked("[" + '"x",'.repeat(ACTION_BODY_LIMIT_BYTES / 4) + '"x"]'))).toEqual({
      status: 413,
      error: "payload_too_large",
    });
    // A lying Content-Length is refused before anything is read.
    expect(await actionBodyRefusal(action("[]", { "content-length": String(5 * MB) }))).toMatchObject({ status: 413 });
  });

  it("a body that is not a JSON array of arguments is a 400 (Next failed with args.map is not a function)", async () => {
    for (const body of [
      "this is not json",
      '[{"locale":"de"',
      '{"locale":"de"}',
      "42",
      '"de"',
      "null",
      "",
      '["$Q9"]',
      '[{"locale":"$1"}]',
      "[".repeat(100) + "]".repeat(100),
    ])
      expect(await actionBodyRefusal(action(body)), body).toEqual({ status: 400, error: "bad_request" });
  });

  it("a multipart action needs its root field 0 to be the argument array", async () => {
    const form = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      return f;
    };
    // Encoded once, so the body and its boundary in Content-Type agree.
    const post = async (body: FormData) => {
      const r = new Request("http://x/", { method: "POST", body });
      return action(await r.text(), { "content-type": r.headers.get("content-type")! });
    };
    expect(await actionBodyRefusal(await post(form({ "0": '[{"locale":"de"}]', "1": '"x"' })))).toBeNull();
    expect(await actionBodyRefusal(await post(form({ "0": '{"locale":"de"}' })))).toMatchObject({ status: 400 });
    expect(await actionBodyRefusal(await post(form({ "1": "[]" })))).toMatchObject({ status: 400 });
    expect(await actionBodyRefusal(await post(form({ "0": '["$Q1"]', "1": '[["k","v"]]' })))).toBeNull();
    expect(await actionBodyRefusal(await post(form({ "0": '["$Q2"]', "1": '[["k","v"]]' })))).toMatchObject({
      status: 400,
    });
    expect(await actionBodyRefusal(await post(form({ "0": '["$Q1"]', "1": "not json" })))).toMatchObject({
      status: 400,
    });
    expect(
      await actionBodyRefusal(action("--nope\r\n", { "content-type": "multipart/form-data; boundary=x" })),
    ).toEqual({ status: 400, error: "bad_request" });
  });

  it("a no-JS form post (multipart, no Next-Action header) is Next's to decode; only its size is checked", async () => {
    const noJs = (body: string, headers: Record<string, string> = {}) =>
      new Request("http://localhost:3000/settings", {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=b", ...headers },
        body,
      });
    expect(await actionBodyRefusal(noJs("--b--\r\n"))).toBeNull();
    expect(await actionBodyRefusal(noJs("x".repeat(2 * MB)))).toMatchObject({ status: 413 });
  });

  it("other POSTs to a page are left to Next unless their declared size is over the limit", async () => {
    const plain = (headers: Record<string, string>) =>
      new Request("http://localhost:3000/settings", { method: "POST", headers, body: "hello" });
    expect(await actionBodyRefusal(plain({ "content-type": "text/plain" }))).toBeNull();
    expect(
      await actionBodyRefusal(plain({ "content-type": "text/plain", "content-length": String(2 * MB) })),
    ).toMatchObject({ status: 413 });
  });
});

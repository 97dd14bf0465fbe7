import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseServerTiming, RequestTiming, serverTimingHeader, withServerTiming } from "./server-timing.mjs";

/** performance.now() returns the given instants, one per call (the last one after that). */
function clock(...instants: number[]) {
  const spy = vi.spyOn(performance, "now");
  for (const t of instants) spy.mockReturnValueOnce(t);
  spy.mockReturnValue(instants[instants.length - 1]!);
}
afterEach(() => vi.restoreAllMocks());

describe("RequestTiming", () => {
  it("counts every query and the time with at least one in flight, parallel queries once", () => {
    const t = new RequestTiming(0);
    clock(10, 40, 100, 110); // read only when the request turns busy or idle
    const a = t.queryStarted(); // 10: busy from here
    const b = t.queryStarted(); // already busy
    a(); // still busy
    b(); // 40: idle, 30 ms busy
    const c = t.queryStarted(); // 100
    c(); // 110: 10 ms more
    c(); // settling twice counts once
    expect(t.dbCount).toBe(3);
    expect(t.dbMs).toBe(40);
    expect(t.dbMsAt(500)).toBe(40);
  });

  it("counts a query still running up to the moment asked", () => {
    const t = new RequestTiming(0);
    clock(10);
    t.queryStarted();
    expect(t.dbMsAt(25)).toBe(15);
  });
});

describe("serverTimingHeader", () => {
  it("says db, app (the rest) and total, with the number of queries", () => {
    const t = new RequestTiming(1000);
    clock(1010, 1022.34);
    t.queryStarted()();
    expect(serverTimingHeader(t, 1052.4)).toBe(
      'db;dur=12.3;desc="database (1 query)", app;dur=40.1;desc="render and framework", total;dur=52.4',
    );
  });

  it("never says more database time than total, nor negative app time", () => {
    const t = new RequestTiming(0);
    t.dbMs = 80; // e.g. a query that began before this request's clock (cannot happen, but never lie)
    t.dbCount = 2;
    expect(serverTimingHeader(t, 50)).toBe(
      'db;dur=50.0;desc="database (2 queries)", app;dur=0.0;desc="render and framework", total;dur=50.0',
    );
  });
});

describe("parseServerTiming", () => {
  it("reads the header this server writes", () => {
    const t = new RequestTiming(0);
    expect(parseServerTiming(serverTimingHeader(t, 7.25))).toEqual({
      db: { dur: 0, desc: "database (0 queries)" },
      app: { dur: 7.3, desc: "render and framework" },
      total: { dur: 7.3, desc: undefined },
    });
  });

  it("reads other servers' headers: tokens, quoted commas and escapes, no dur, spaces, duplicates", () => {
    expect(
      parseServerTiming(
        'cache;desc="hit, warm";dur=0.2, miss, db ; dur = 5 ; desc=plain,edge;desc="a \\"b\\"";dur=x, db;dur=9',
      ),
    ).toEqual({
      cache: { dur: 0.2, desc: "hit, warm" },
      miss: { dur: undefined, desc: undefined },
      db: { dur: 5, desc: "plain" },
      edge: { dur: undefined, desc: 'a "b"' },
    });
  });

  it("an absent header has no metrics", () => {
    expect(parseServerTiming(null)).toEqual({});
    expect(parseServerTiming("")).toEqual({});
  });
});

describe("withServerTiming", () => {
  const storage = new AsyncLocalStorage<RequestTiming>();
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  async function serve(handler: http.RequestListener) {
    const server = http.createServer(withServerTiming(handler, storage));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("sets the header on implicit headers (write/end without writeHead), with the request's queries", async () => {
    const url = await serve(async (_req, res) => {
      const done = storage.getStore()!.queryStarted();
      await sleep(30);
      done();
      res.setHeader("content-type", "text/plain");
      res.end("ok");
    });
    const res = await fetch(url);
    const timing = parseServerTiming(res.headers.get("server-timing"));
    expect(await res.text()).toBe("ok");
    expect(timing.db?.desc).toBe("database (1 query)");
    expect(timing.db?.dur).toBeGreaterThanOrEqual(25);
    expect(timing.total?.dur).toBeGreaterThanOrEqual(timing.db!.dur!);
    expect(timing.app?.dur).toBeCloseTo(timing.total!.dur! - timing.db!.dur!, 0);
  });

  it("sets it on explicit writeHead with a header object or a raw header list, keeping those headers", async () => {
    const url = await serve((req, res) => {
      if (req.url === "/object") res.writeHead(201, { "x-kept": "1" });
      else res.writeHead(202, ["x-kept", "2", "x-also", "3"]);
      res.end();
    });
    const a = await fetch(`${url}/object`);
    expect(a.status).toBe(201);
    expect(a.headers.get("x-kept")).toBe("1");
    expect(a.headers.get("server-timing")).toMatch(/^db;dur=[\d.]+;desc="database \(0 queries\)", app;dur=/);
    const b = await fetch(`${url}/raw`);
    expect(b.status).toBe(202);
    expect([b.headers.get("x-kept"), b.headers.get("x-also")]).toEqual(["2", "3"]);
    expect(parseServerTiming(b.headers.get("server-timing")).app?.dur).toBeGreaterThanOrEqual(0);
  });

  it("adds to a Server-Timing the handler set itself", async () => {
    const url = await serve((_req, res) => {
      res.setHeader("server-timing", "cache;desc=hit");
      res.end();
    });
    const timing = parseServerTiming((await fetch(url)).headers.get("server-timing"));
    expect(Object.keys(timing)).toEqual(["cache", "db", "app", "total"]);
  });

  it("keeps concurrent requests apart, and a query after the headers does not change them", async () => {
    const url = await serve(async (req, res) => {
      const n = Number(new URL(req.url!, "http://x").searchParams.get("n"));
      for (let i = 0; i < n; i++) storage.getStore()!.queryStarted()();
      await sleep(10);
      res.writeHead(200);
      storage.getStore()!.queryStarted()();
      res.end();
    });
    const answers = await Promise.all([1, 2, 3].map((n) => fetch(`${url}/?n=${n}`)));
    expect(answers.map((r) => parseServerTiming(r.headers.get("server-timing")).db?.desc)).toEqual([
      "database (1 query)",
      "database (2 queries)",
      "database (3 queries)",
    ]);
  });
});

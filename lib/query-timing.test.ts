import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { timeClientQueries, timePoolQueries, type QueryTimer } from "./query-timing.ts";

/** A pg client without a server: each query answers after `delay` ms (its config's), as pg does. */
class FakeClient extends EventEmitter {
  connect(cb: (err?: Error) => void) {
    setImmediate(() => cb());
  }
  query(
    config: { text?: string; delay?: number; submit?: () => void; callback?: unknown },
    values?: unknown,
    cb?: unknown,
  ) {
    if (typeof config.submit === "function") {
      config.submit();
      return config;
    }
    if (config.text === "throw") throw new Error("not queryable");
    const callback = [cb, values, config.callback].find((f) => typeof f === "function") as
      ((err: Error | null, res?: unknown) => void) | undefined;
    const fail = config.text === "fail";
    const res = { rows: [{ echo: config.text }] };
    if (callback) {
      setTimeout(() => (fail ? callback(new Error("syntax")) : callback(null, res)), config.delay ?? 1);
      return undefined;
    }
    return new Promise((resolve, reject) =>
      setTimeout(() => (fail ? reject(new Error("syntax")) : resolve(res)), config.delay ?? 1),
    );
  }
  end(cb?: () => void) {
    cb?.();
  }
}

/** A request's store that remembers what it was told. */
function timer() {
  const t = {
    started: 0,
    settled: 0,
    queryStarted() {
      t.started++;
      let once = false;
      return () => {
        if (!once) t.settled++;
        once = true;
      };
    },
  };
  return t;
}

const storage = new AsyncLocalStorage<QueryTimer>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("timeClientQueries", () => {
  const client = new FakeClient() as unknown as pg.ClientBase & FakeClient;
  timeClientQueries(client, storage);
  timeClientQueries(client, storage); // wrapped once however often asked
  const q = client.query as unknown as (...args: unknown[]) => unknown;

  it("times promise queries, until they resolve or reject", async () => {
    const t = timer();
    await storage.run(t, async () => {
      const pending = q({ text: "a", delay: 20 }) as Promise<{ rows: unknown[] }>;
      expect(t).toMatchObject({ started: 1, settled: 0 });
      expect((await pending).rows).toEqual([{ echo: "a" }]);
      expect(t).toMatchObject({ started: 1, settled: 1 });
      await expect(q({ text: "fail" })).rejects.toThrow("syntax");
    });
    expect(t).toMatchObject({ started: 2, settled: 2 });
  });

  it("times the three callback forms, and hands the callback pg's answer", async () => {
    const t = timer();
    const answers: unknown[] = [];
    await storage.run(t, async () => {
      await new Promise<void>((done) =>
        q({ text: "three" }, [1], (err: unknown, res: { rows: unknown[] }) => {
          answers.push(err ?? res.rows);
          done();
        }),
      );
      await new Promise<void>((done) =>
        q("two" as never, (err: unknown) => {
          answers.push(err === null ? "two ok" : err);
          done();
        }),
      );
      await new Promise<void>((done) =>
        q({
          text: "fail",
          callback: (err: Error) => {
            answers.push(err.message);
            done();
          },
        }),
      );
    });
    expect(answers).toEqual([[{ echo: "three" }], "two ok", "syntax"]);
    expect(t).toMatchObject({ started: 3, settled: 3 });
  });

  it("lets streams and cursors (Submittables) through untimed", () => {
    const t = timer();
    let submitted = false;
    const cursor = { submit: () => (submitted = true) };
    expect(storage.run(t, () => q(cursor))).toBe(cursor);
    expect(submitted).toBe(true);
    expect(t.started).toBe(0);
  });

  it("settles a query that throws at once", () => {
    const t = timer();
    expect(() => storage.run(t, () => q({ text: "throw" }))).toThrow("not queryable");
    expect(t).toMatchObject({ started: 1, settled: 1 });
  });

  it("outside a request it is pg's own query", async () => {
    expect(storage.getStore()).toBeUndefined();
    expect(((await q({ text: "plain" })) as { rows: unknown[] }).rows).toEqual([{ echo: "plain" }]);
  });
});

describe("timePoolQueries", () => {
  let pool: pg.Pool;
  afterEach(() => pool.end());
  const makePool = (max: number) => {
    pool = new pg.Pool({ max, Client: FakeClient } as unknown as pg.PoolConfig);
    timePoolQueries(pool, storage);
    return pool;
  };

  it("counts pool.query and queries on a checked-out client for the request that made them", async () => {
    makePool(2);
    const a = timer();
    const b = timer();
    await Promise.all([
      storage.run(a, () => pool.query({ text: "x", delay: 5 } as never)),
      storage.run(b, async () => {
        const client = await pool.connect();
        await client.query({ text: "y" } as never);
        await client.query({ text: "z" } as never);
        client.release();
      }),
    ]);
    expect([a.started, a.settled, b.started, b.settled]).toEqual([1, 1, 2, 2]);
  });

  it("a query that waited for a busy pool counts for its own request, not for the one that released the client", async () => {
    makePool(1);
    const holder = timer();
    const waiters = [timer(), timer(), timer()];
    const held = storage.run(holder, async () => {
      const client = await pool.connect();
      await client.query({ text: "hold" } as never);
      await sleep(30);
      client.release(); // hands the client to the first waiter, in this request's context
    });
    await sleep(5);
    await Promise.all([
      held,
      storage.run(waiters[0]!, () => pool.query({ text: "w0" } as never)),
      storage.run(waiters[1]!, () => new Promise((done) => pool.query({ text: "w1" } as never, done))),
      storage.run(waiters[2]!, async () => {
        const client = await new Promise<pg.PoolClient>((resolve, reject) =>
          pool.connect((err, c) => (err ? reject(err) : resolve(c!))),
        );
        await client.query({ text: "w2" } as never);
        client.release();
      }),
    ]);
    expect(holder.started).toBe(1);
    expect(waiters.map((w) => [w.started, w.settled])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });
});

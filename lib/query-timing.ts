// Database time per request for the Server-Timing header (README "Server-Timing"). The web server
// (scripts/start.mjs with SERVER_TIMING=1) runs each request inside an AsyncLocalStorage published
// as globalThis.__saldoRequestTiming; its store counts the request's queries. Without it (production
// by default, the worker, tests) nothing here is installed and queries cost nothing extra.
// Only when and how long: never the query's text or values.
import { AsyncResource, type AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";

/** What lib needs of the web server's per-request store (scripts/server-timing.mjs RequestTiming). */
export type QueryTimer = { queryStarted(): () => void };

/** The web server's per-request storage, when it times requests. */
export const requestTimingStorage = (): AsyncLocalStorage<QueryTimer> | undefined =>
  (globalThis as { __saldoRequestTiming?: AsyncLocalStorage<QueryTimer> }).__saldoRequestTiming;

type Callback = (err: Error | null | undefined, res?: unknown) => void;
type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;
const timed = Symbol("saldo.timedQueries");

/**
 * Times every query made through the pool's clients for the request it belongs to. A client's
 * `query` is wrapped once, when the pool connects it: the store is the caller's at the call, the time
 * runs until the callback or the promise settles. Streams and cursors (`Submittable`s, which have a
 * `submit`) pass through untimed. `pool.connect`'s callback runs in its caller's async context: a
 * caller that waited for a busy pool would otherwise continue in the context of the request that
 * released the client (pg-pool's queue) and its queries would count for that other request.
 */
export function timePoolQueries(pool: pg.Pool, storage: AsyncLocalStorage<QueryTimer>): void {
  pool.on("connect", (client) => timeClientQueries(client, storage));
  const connect = pool.connect.bind(pool) as (cb?: unknown) => unknown;
  (pool as { connect: (cb?: unknown) => unknown }).connect = (cb?: unknown) =>
    typeof cb === "function" && storage.getStore()
      ? connect(AsyncResource.bind(cb as (...args: unknown[]) => unknown))
      : connect(cb);
}

/** Wraps one client's `query` (once) so that each query reports to the current request's store. */
export function timeClientQueries(client: pg.ClientBase, storage: AsyncLocalStorage<QueryTimer>): void {
  const c = client as unknown as { query: Query; [timed]?: true };
  if (c[timed]) return;
  c[timed] = true;
  const query = c.query;
  c.query = function (this: unknown, config: unknown, values?: unknown, callback?: unknown) {
    const timer = storage.getStore();
    if (!timer || config == null || typeof (config as { submit?: unknown }).submit === "function")
      return query.call(this, config, values, callback);
    const done = timer.queryStarted();
    const settle =
      (cb: Callback): Callback =>
      (err, res) => {
        done();
        return cb(err, res);
      };
    try {
      // The three callback forms of pg: query(config, values, cb), query(config, cb), { callback }.
      if (typeof callback === "function") return query.call(this, config, values, settle(callback as Callback));
      if (typeof values === "function") return query.call(this, config, settle(values as Callback));
      const own = typeof config === "object" ? (config as { callback?: unknown }).callback : undefined;
      if (typeof own === "function")
        return query.call(this, { ...(config as object), callback: settle(own as Callback) }, values);
      const result = query.call(this, config, values);
      if (result && typeof (result as Promise<unknown>).then === "function")
        (result as Promise<unknown>).then(done, done);
      else done();
      return result;
    } catch (err) {
      done();
      throw err;
    }
  };
}

// Server-Timing for the web process (`SERVER_TIMING=1`, scripts/start.mjs; README "Server-Timing").
// Each request runs inside an AsyncLocalStorage whose store is a RequestTiming; lib/db.ts finds the
// storage on globalThis.__saldoRequestTiming and reports every query of the request to the store
// (queryStarted() at the call, the returned function when it settles). Just before the response's
// headers go out, the header says where the time went so far:
//   db;dur=12.3;desc="database (7 queries)", app;dur=40.1;desc="render and framework", total;dur=52.4
// db is the wall time during which at least one query of this request was running (parallel queries
// count once), app the rest of the time since the request arrived, so db + app = total.
// Plain JavaScript: `node scripts/start.mjs` runs without a TypeScript loader (types: server-timing.d.mts).
import { performance } from "node:perf_hooks";

export class RequestTiming {
  /** performance.now() when the request arrived. */
  start;
  /** Milliseconds with at least one query in flight, for the spans already finished. */
  dbMs = 0;
  /** Queries started for this request. */
  dbCount = 0;
  #inFlight = 0;
  #busySince = 0;

  constructor(start = performance.now()) {
    this.start = start;
  }

  /** One query of this request starts now; call the returned function (once or more) when it settles. */
  queryStarted() {
    this.dbCount++;
    if (this.#inFlight++ === 0) this.#busySince = performance.now();
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      if (--this.#inFlight === 0) this.dbMs += performance.now() - this.#busySince;
    };
  }

  /** Database milliseconds up to `now`, counting queries still running. */
  dbMsAt(now = performance.now()) {
    return this.dbMs + (this.#inFlight > 0 ? now - this.#busySince : 0);
  }
}

const ms = (n) => (Math.round(n * 10) / 10).toFixed(1);

/** The Server-Timing header value for a request, as of `now`. */
export function serverTimingHeader(timing, now = performance.now()) {
  const total = Math.max(0, now - timing.start);
  const db = Math.min(timing.dbMsAt(now), total);
  const n = timing.dbCount;
  return [
    `db;dur=${ms(db)};desc="database (${n} ${n === 1 ? "query" : "queries"})"`,
    `app;dur=${ms(total - db)};desc="render and framework"`,
    `total;dur=${ms(total)}`,
  ].join(", ");
}

/**
 * The metrics of a Server-Timing header (RFC: `name;dur=1.2;desc="…", name2…`), by name. Quoted
 * values may hold commas, semicolons and backslash escapes. A metric without `dur` has dur undefined.
 * @returns {Record<string, { dur: number | undefined; desc: string | undefined }>}
 */
export function parseServerTiming(header) {
  const out = {};
  if (!header) return out;
  let i = 0;
  const skipSpace = () => {
    while (i < header.length && /\s/.test(header[i])) i++;
  };
  const token = () => {
    const m = /^[^\s,;=]*/.exec(header.slice(i))[0];
    i += m.length;
    return m;
  };
  const value = () => {
    if (header[i] !== '"') return token();
    let s = "";
    for (i++; i < header.length && header[i] !== '"'; i++) s += header[i] === "\\" ? header[++i] : header[i];
    i++; // the closing quote
    return s;
  };
  while (i < header.length) {
    skipSpace();
    const name = token();
    const params = {};
    skipSpace();
    while (header[i] === ";") {
      i++;
      skipSpace();
      const key = token().toLowerCase();
      skipSpace();
      let v = "";
      if (header[i] === "=") {
        i++;
        skipSpace();
        v = value();
      }
      if (!(key in params)) params[key] = v;
      skipSpace();
    }
    // Skip anything malformed up to the next metric.
    while (i < header.length && header[i] !== ",") i++;
    i++;
    if (!name || name in out) continue;
    const dur = params.dur === undefined || params.dur === "" ? NaN : Number(params.dur);
    out[name] = { dur: Number.isFinite(dur) ? dur : undefined, desc: params.desc };
  }
  return out;
}

/**
 * Wraps a Node request listener: the request runs inside `storage` with a fresh RequestTiming, and
 * the Server-Timing header is set just before the headers are written. Node writes implicit headers
 * (a first write() or end() without writeHead) through res.writeHead too, so patching it covers both.
 * @template {import("node:http").IncomingMessage} Req
 * @template {import("node:http").ServerResponse} Res
 * @param {(req: Req, res: Res) => unknown} handler
 * @param {import("node:async_hooks").AsyncLocalStorage<RequestTiming>} storage
 * @returns {(req: Req, res: Res) => unknown}
 */
export function withServerTiming(handler, storage) {
  return (req, res) => {
    const timing = new RequestTiming();
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      if (!res.headersSent) {
        const value = serverTimingHeader(timing);
        const before = res.getHeader("server-timing");
        res.setHeader("server-timing", before ? `${before}, ${value}` : value);
      }
      return writeHead.apply(this, args);
    };
    return storage.run(timing, () => handler(req, res));
  };
}

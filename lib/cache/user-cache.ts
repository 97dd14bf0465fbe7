import "server-only";
import { LRUCache } from "lru-cache";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { pgPool } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * The web server's per-user cache (issue 21): what a page shows and does not change between a
 * user's syncs and edits (dashboard sums, accounts, balances, bank cards, budgets, the session
 * check) is read from PostgreSQL once and then served from this process's memory until that user's
 * data changes.
 *
 * How it knows: every table holding user data has triggers that `pg_notify('saldo_user_changed',
 * userId)` at commit (migration 20261203090000_user_change_notify), whichever process wrote it
 * (a worker's import, another web instance, an admin). Each web process LISTENs on one dedicated
 * connection and drops that user's entries when told. Changes made by this process's own server
 * actions are dropped before the action answers (`forgetUser`, called by defineAction), so the page
 * rendered with the action's answer never races the notification.
 *
 * Safety rules:
 *  - entries are keyed by user id first: one user's entry can only be filled by a call made with
 *    that user's viewer, and is never served to another;
 *  - while the LISTEN connection is not up (starting, lost, reconnecting) nothing is cached and
 *    everything cached before is dropped: a missed notification can never leave stale data; it
 *    counts as up only once a probe notification sent through the app's own pool came back on it
 *    (and again every 30 s), so a connection that cannot hear the app's writes never caches;
 *  - a fill that started before an invalidation is not stored (the user's entry it would go into
 *    has been replaced);
 *  - values are frozen, so a caller that mutates a cached object fails loudly instead of changing
 *    what the next request sees;
 *  - only in the Next.js server (NEXT_RUNTIME set) and with SALDO_USER_CACHE=on (the default);
 *    workers, scripts and tests always read the database.
 */
const CHANNEL = "saldo_user_changed";
/** Cached results per user (functions × arguments); more than this and the user's entry restarts. */
const MAX_KEYS_PER_USER = 64;
/** A cached value is also dropped after this long, whatever happened. */
const MAX_AGE_MS = 10 * 60_000;
const RECONNECT_MS = [250, 1000, 5000];
/** Probe notifications (not a user id: user ids never start with this). */
const PROBE_PREFIX = "probe:";
const PROBE_TIMEOUT_MS = 5000;
const PROBE_EVERY_MS = 30_000;

type UserEntry = Map<string, unknown>;

interface State {
  users: LRUCache<string, UserEntry>;
  listening: boolean;
  /** The LISTEN connection being opened or open (null: none; a reconnect is scheduled). */
  client: pg.Client | null;
  failures: number;
  /** No new LISTEN connection before this time (ms epoch): the back-off after a loss. */
  nextTry: number;
  stats: { hits: number; misses: number; bypassed: number; invalidations: number };
}

const g = globalThis as unknown as { saldoUserCache?: State };

function state(): State {
  return (g.saldoUserCache ??= {
    users: new LRUCache<string, UserEntry>({ max: env().userCache.users, ttl: MAX_AGE_MS }),
    listening: false,
    client: null,
    failures: 0,
    nextTry: 0,
    stats: { hits: 0, misses: 0, bypassed: 0, invalidations: 0 },
  });
}

/** Whether this process caches at all (the Next.js server with the cache on). */
export function userCacheEnabled(): boolean {
  return Boolean(process.env.NEXT_RUNTIME) && env().userCache.enabled && Boolean(env().databaseUrl);
}

/**
 * Opens the LISTEN connection (one attempt at a time). It counts as listening only once a probe
 * notification sent through the app's own pool has come back on it — so a connection that cannot
 * hear the app's writes (e.g. a pooler in transaction mode between them) never turns the cache on —
 * and a probe every PROBE_EVERY_MS keeps proving it. On any loss: drop everything, read the
 * database, try again after a back-off.
 */
function listen(s: State) {
  if (s.client || Date.now() < s.nextTry) return;
  const client = new pg.Client({ connectionString: env().databaseUrl, keepAlive: true });
  s.client = client;
  let ended = false;
  let probe: { id: string; timer: NodeJS.Timeout; heard: () => void } | null = null;
  let every: NodeJS.Timeout | null = null;
  const lost = (why: string) => {
    if (ended) return;
    ended = true;
    if (probe) clearTimeout(probe.timer);
    if (every) clearInterval(every);
    client.removeAllListeners();
    client.on("error", () => undefined);
    client.end().catch(() => undefined);
    if (s.client !== client) return;
    s.client = null;
    s.listening = false;
    s.users.clear();
    const wait = RECONNECT_MS[Math.min(s.failures++, RECONNECT_MS.length - 1)]!;
    s.nextTry = Date.now() + wait;
    log.warn({ why, retryInMs: wait }, "user cache: change notifications lost; reading the database until back");
    setTimeout(() => listen(s), wait).unref();
  };
  /** Sends a probe through the pool; resolves when it came back on this connection. */
  const sendProbe = () =>
    new Promise<void>((resolve) => {
      const id = `${PROBE_PREFIX}${randomUUID()}`;
      const timer = setTimeout(() => lost("a probe notification did not come back"), PROBE_TIMEOUT_MS);
      timer.unref();
      probe = { id, timer, heard: resolve };
      pgPool()
        .query("SELECT pg_notify($1, $2)", [CHANNEL, id])
        .catch((err: Error) => lost(`probe: ${err.message}`));
    });
  client.on("notification", (msg) => {
    if (msg.channel !== CHANNEL || !msg.payload) return;
    if (msg.payload.startsWith(PROBE_PREFIX)) {
      if (probe?.id === msg.payload) {
        clearTimeout(probe.timer);
        probe.heard();
        probe = null;
      }
      return;
    }
    s.stats.invalidations++;
    s.users.delete(msg.payload);
  });
  client.on("error", (err) => lost(err.message));
  client.on("end", () => lost("connection ended"));
  client
    .connect()
    .then(() => client.query(`LISTEN ${CHANNEL}`))
    .then(sendProbe)
    .then(() => {
      if (ended || s.client !== client) return;
      s.failures = 0;
      // Anything cached before this connection may have missed a notification.
      s.users.clear();
      s.listening = true;
      every = setInterval(() => {
        if (!probe) void sendProbe();
      }, PROBE_EVERY_MS);
      every.unref();
    })
    .catch((err: Error) => lost(err.message));
}

/** The clock's minute, as a key part for results read against the clock (consent days, "next refresh"). */
export const clockMinute = (at: Date) => Math.floor(at.getTime() / 60_000);

/** Drops everything cached for this user in this process (its own writes; notifications do the rest). */
export function forgetUser(userId: string): void {
  g.saldoUserCache?.users.delete(userId);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/**
 * `fn`'s result for this user and these key parts, from the cache when this user's data has not
 * changed since it was read. `keyParts` must hold everything besides the database that the result
 * depends on (e.g. the day, for "this month").
 */
export async function cachedForUser<T>(
  userId: string,
  name: string,
  keyParts: readonly (string | number | boolean | null | undefined)[],
  fn: () => Promise<T>,
): Promise<T> {
  if (!userCacheEnabled()) return fn();
  const s = state();
  if (!s.listening) {
    listen(s);
    s.stats.bypassed++;
    return fn();
  }
  const key = JSON.stringify([name, ...keyParts]);
  let entry = s.users.get(userId);
  if (entry?.has(key)) {
    s.stats.hits++;
    return entry.get(key) as T;
  }
  if (!entry || entry.size >= MAX_KEYS_PER_USER) {
    entry = new Map();
    s.users.set(userId, entry);
  }
  s.stats.misses++;
  const value = deepFreeze(await fn());
  // Store only if this user's entry was not dropped meanwhile (a change landed during the read).
  if (s.listening && s.users.peek(userId) === entry) entry.set(key, value);
  return value;
}

/** For /api/metrics and tests. */
export function userCacheStats() {
  const s = g.saldoUserCache;
  return {
    enabled: userCacheEnabled(),
    listening: s?.listening ?? false,
    users: s?.users.size ?? 0,
    ...(s?.stats ?? { hits: 0, misses: 0, bypassed: 0, invalidations: 0 }),
  };
}

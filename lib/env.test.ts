import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

describe("TRUSTED_PROXY_HOPS", () => {
  it("defaults to 0: no proxy is trusted", () => {
    expect(loadEnv({}).trustedProxyHops).toBe(0);
    expect(loadEnv({ TRUSTED_PROXY_HOPS: "0" }).trustedProxyHops).toBe(0);
  });

  it("takes a small whole number of hops", () => {
    expect(loadEnv({ TRUSTED_PROXY_HOPS: "1" }).trustedProxyHops).toBe(1);
    expect(loadEnv({ TRUSTED_PROXY_HOPS: "2" }).trustedProxyHops).toBe(2);
  });

  it("refuses anything else instead of guessing", () => {
    for (const bad of ["-1", "1.5", "two", "1e3", "21"])
      expect(() => loadEnv({ TRUSTED_PROXY_HOPS: bad }), bad).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("SALDO_ALLOWED_ORIGINS", () => {
  it("is a comma-separated list of hosts, empty by default", () => {
    expect(loadEnv({}).allowedActionOrigins).toEqual([]);
    expect(loadEnv({ SALDO_ALLOWED_ORIGINS: " saldo.example ,*.proxy.example," }).allowedActionOrigins).toEqual([
      "saldo.example",
      "*.proxy.example",
    ]);
  });
});

describe("WORKER_NICE and the user cache", () => {
  it("workers yield the CPU by default (nice 10), within Linux's 0–19", () => {
    expect(loadEnv({}).sync.workerNice).toBe(10);
    expect(loadEnv({ WORKER_NICE: "0" }).sync.workerNice).toBe(0);
    expect(() => loadEnv({ WORKER_NICE: "20" })).toThrow(/WORKER_NICE/);
    expect(() => loadEnv({ WORKER_NICE: "-5" })).toThrow(/WORKER_NICE/);
  });

  it("the web server's per-user cache is on unless turned off, and bounded", () => {
    expect(loadEnv({}).userCache).toEqual({ enabled: true, users: 2000 });
    expect(loadEnv({ SALDO_USER_CACHE: "off", SALDO_USER_CACHE_USERS: "10" }).userCache).toEqual({
      enabled: false,
      users: 10,
    });
    expect(() => loadEnv({ SALDO_USER_CACHE: "maybe" })).toThrow(/SALDO_USER_CACHE/);
  });
});

describe("DB_POOL_SIZE and SYNC_CONCURRENCY", () => {
  it("the pool grows with the syncs a worker runs at once (each running import holds a connection)", () => {
    expect(loadEnv({}).databasePoolSize).toBe(12);
    expect(loadEnv({ SYNC_CONCURRENCY: "2" }).databasePoolSize).toBe(10);
    expect(loadEnv({ SYNC_CONCURRENCY: "32" }).databasePoolSize).toBe(68);
    expect(loadEnv({ DB_POOL_SIZE: "40", SYNC_CONCURRENCY: "32" }).databasePoolSize).toBe(40);
  });
  it("refuses a pool too small for the syncs at once, saying what to set", () => {
    expect(() => loadEnv({ DB_POOL_SIZE: "10", SYNC_CONCURRENCY: "16" })).toThrow(/DB_POOL_SIZE: 10 is too small/);
  });
});

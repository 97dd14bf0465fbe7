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

import { describe, expect, it } from "vitest";
import { clientIpFromForwardedFor, dropUntrustedForwardedHeaders, normalizeIp } from "./client-ip";

describe("clientIpFromForwardedFor: only the hops we trust", () => {
  it("with 0 hops, the socket's peer (the only entry once proxy.ts dropped the client's header) is the client", () => {
    expect(clientIpFromForwardedFor("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientIpFromForwardedFor("::1", 0)).toBe("::1");
    expect(clientIpFromForwardedFor("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
  });

  it("with 0 hops, a value the client sent never wins over the address appended after it", () => {
    // The old code took the leftmost entry: any client picked its own IP (hole 3).
    expect(clientIpFromForwardedFor("1.2.3.4, 203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientIpFromForwardedFor("1.2.3.4,5.6.7.8,203.0.113.9", 0)).toBe("203.0.113.9");
  });

  it("with N hops, the Nth address from the right, whatever the client put in front", () => {
    // client → proxy: the proxy appended the client.
    expect(clientIpFromForwardedFor("198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientIpFromForwardedFor("6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    // client → CDN → load balancer: the CDN appended the client, the balancer the CDN.
    expect(clientIpFromForwardedFor("6.6.6.6, 198.51.100.7, 192.0.2.10", 2)).toBe("198.51.100.7");
    expect(clientIpFromForwardedFor("198.51.100.7, 192.0.2.10", 2)).toBe("198.51.100.7");
  });

  it("a chain shorter than the hops gives its furthest entry", () => {
    expect(clientIpFromForwardedFor("192.0.2.10", 3)).toBe("192.0.2.10");
    expect(clientIpFromForwardedFor("198.51.100.7, 192.0.2.10", 5)).toBe("198.51.100.7");
  });

  it("tolerates spacing and empty entries; nothing usable gives null", () => {
    expect(clientIpFromForwardedFor("  198.51.100.7 ,, 192.0.2.10 ", 2)).toBe("198.51.100.7");
    expect(clientIpFromForwardedFor(null, 0)).toBeNull();
    expect(clientIpFromForwardedFor(undefined, 1)).toBeNull();
    expect(clientIpFromForwardedFor("", 0)).toBeNull();
    expect(clientIpFromForwardedFor(" , ", 0)).toBeNull();
    expect(clientIpFromForwardedFor("unknown", 0)).toBeNull();
    expect(clientIpFromForwardedFor("1.2.3.4, <script>", 0)).toBeNull();
  });

  it("odd hop counts behave as their nearest sane value", () => {
    expect(clientIpFromForwardedFor("1.1.1.1, 2.2.2.2", -3)).toBe("2.2.2.2");
    expect(clientIpFromForwardedFor("1.1.1.1, 2.2.2.2", Number.NaN)).toBe("2.2.2.2");
    expect(clientIpFromForwardedFor("1.1.1.1, 2.2.2.2", 1.9)).toBe("2.2.2.2");
  });
});

describe("normalizeIp", () => {
  it("keeps IPv4 and IPv6 addresses, without port, brackets or zone, IPv4-mapped as IPv4", () => {
    expect(normalizeIp("198.51.100.7")).toBe("198.51.100.7");
    expect(normalizeIp("198.51.100.7:51234")).toBe("198.51.100.7");
    expect(normalizeIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("2001:db8::1")).toBe("2001:db8::1");
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeIp("::ffff:10.0.0.1")).toBe("10.0.0.1");
  });

  it("refuses what is not an address", () => {
    for (const raw of [
      "",
      "unknown",
      "999.1.1.1",
      "1.2.3",
      "1.2.3.4.5",
      "localhost",
      "a".repeat(60) + "::1",
      "::1\u0000",
    ])
      expect(normalizeIp(raw), JSON.stringify(raw)).toBeNull();
  });
});

describe("dropUntrustedForwardedHeaders", () => {
  const sent = () =>
    new Headers({
      "x-forwarded-for": "6.6.6.6",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-real-ip": "6.6.6.6",
      forwarded: "for=6.6.6.6",
      cookie: "a=b",
    });

  it("with 0 hops, drops every forwarded header the client sent and keeps the rest", () => {
    const h = dropUntrustedForwardedHeaders(sent(), 0);
    expect([...h.keys()]).toEqual(["cookie"]);
  });

  it("with trusted hops, keeps them (the proxies wrote their right end)", () => {
    expect(dropUntrustedForwardedHeaders(sent(), 1).get("x-forwarded-for")).toBe("6.6.6.6");
  });
});

import { describe, expect, it } from "vitest";
import { isSameOrigin, isSameOriginAction, refuseCrossSite, refuseCrossSiteAction } from "./same-origin";

const req = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/x", { method: "POST", headers, body: "{}" });

describe("isSameOrigin (CSRF guard for route handlers)", () => {
  it("trusts Sec-Fetch-Site first: same-origin and none pass, same-site and cross-site do not", () => {
    expect(isSameOrigin(req({ "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(req({ "sec-fetch-site": "none" }))).toBe(true);
    expect(isSameOrigin(req({ "sec-fetch-site": "same-site", origin: "http://localhost:3000" }))).toBe(false);
    expect(isSameOrigin(req({ "sec-fetch-site": "cross-site", origin: "http://localhost:3000" }))).toBe(false);
  });

  it("otherwise compares Origin with the host, APP_URL and extra origins", () => {
    expect(isSameOrigin(req({ origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(true);
    expect(
      isSameOrigin(req({ origin: "https://saldo.example", host: "internal:3000" }), {
        appUrl: "https://saldo.example/",
      }),
    ).toBe(true);
    expect(
      isSameOrigin(req({ origin: "https://proxy.example", host: "localhost:3000" }), {
        extraOrigins: ["https://proxy.example"],
      }),
    ).toBe(true);
    expect(isSameOrigin(req({ origin: "https://evil.example", host: "localhost:3000" }))).toBe(false);
    expect(isSameOrigin(req({ origin: "http://localhost:3000.evil.example", host: "localhost:3000" }))).toBe(false);
  });

  it("refuses a missing or opaque (null) Origin without Sec-Fetch-Site", () => {
    expect(isSameOrigin(req({ host: "localhost:3000" }))).toBe(false);
    expect(isSameOrigin(req({ origin: "null", host: "localhost:3000" }))).toBe(false);
  });

  it("refuseCrossSite answers 403 with a code, or null to proceed", async () => {
    const refused = refuseCrossSite(req({ origin: "https://evil.example", "content-type": "text/plain" }));
    expect(refused?.status).toBe(403);
    expect(await refused?.json()).toEqual({ error: "cross_site_request" });
    expect(refuseCrossSite(req({ "sec-fetch-site": "same-origin" }))).toBeNull();
  });
});

describe("isSameOriginAction (server actions, checked in proxy.ts before Next's own 500)", () => {
  const h = (headers: Record<string, string>) => new Headers(headers);

  it("passes our own origin, compared with X-Forwarded-Host first, then Host (as Next does)", () => {
    expect(isSameOriginAction(h({ origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(true);
    expect(
      isSameOriginAction(
        h({ origin: "https://saldo.example", host: "internal:3000", "x-forwarded-host": "saldo.example, x" }),
      ),
    ).toBe(true);
  });

  it("passes a request without Origin (no browser posts without one, so it carries no victim's cookies)", () => {
    expect(isSameOriginAction(h({ host: "localhost:3000" }))).toBe(true);
  });

  it("refuses foreign, opaque and malformed origins", () => {
    for (const origin of [
      "https://evil.example",
      "null",
      "http://localhost:3000.evil.example",
      "http://127.0.0.1:3000",
      "http://localhost:3001",
      "not a url",
      "",
    ])
      expect(isSameOriginAction(h({ origin, host: "localhost:3000" })), origin).toBe(false);
    expect(isSameOriginAction(h({ origin: "http://localhost:3000" }))).toBe(false);
  });

  it("passes SALDO_ALLOWED_ORIGINS hosts, with Next's wildcards", () => {
    const allowedHosts = ["proxy.example", "*.saldo.example", "**.corp.example"];
    const ok = (origin: string) => isSameOriginAction(h({ origin, host: "internal:3000" }), { allowedHosts });
    expect(ok("https://proxy.example")).toBe(true);
    expect(ok("https://PROXY.example")).toBe(true);
    expect(ok("https://a.saldo.example")).toBe(true);
    expect(ok("https://a.b.saldo.example")).toBe(false);
    expect(ok("https://saldo.example")).toBe(false);
    expect(ok("https://a.b.corp.example")).toBe(true);
    expect(ok("https://evil.example")).toBe(false);
    expect(ok("https://proxy.example.evil.example")).toBe(false);
    expect(isSameOriginAction(h({ origin: "https://evil.com", host: "x" }), { allowedHosts: ["*"] })).toBe(false);
  });

  it("refuseCrossSiteAction answers 403 with a code, or null to proceed", async () => {
    const refused = refuseCrossSiteAction(h({ origin: "https://evil.example", host: "localhost:3000" }));
    expect(refused?.status).toBe(403);
    expect(await refused?.json()).toEqual({ error: "cross_site_request" });
    expect(refuseCrossSiteAction(h({ origin: "http://localhost:3000", host: "localhost:3000" }))).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { isSameOrigin, refuseCrossSite } from "./same-origin";

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

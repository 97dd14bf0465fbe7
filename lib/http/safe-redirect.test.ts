import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

const origin = "http://localhost:3000";
const safe = (raw: unknown, prefix?: string) => safeRedirectPath(raw, { origin, prefix });

/** What a browser makes of a target on our page: where would `location.assign(target)` go? */
const followed = (target: string) => new URL(target, origin + "/signin").origin;

describe("safeRedirectPath: only paths on the app's own origin", () => {
  it("keeps same-origin paths with their query and fragment", () => {
    expect(safe("/dashboard")).toBe("/dashboard");
    expect(safe("/transactions?q=rewe&from=2026-01-01#row-3")).toBe("/transactions?q=rewe&from=2026-01-01#row-3");
    expect(safe("/banks/renew?all=1&done=a%2Cb")).toBe("/banks/renew?all=1&done=a%2Cb");
    // An absolute URL on our own origin is reduced to its path.
    expect(safe("http://localhost:3000/settings?x=1")).toBe("/settings?x=1");
    // Dot segments are resolved the way a browser resolves them.
    expect(safe("/banks/../settings")).toBe("/settings");
  });

  // The strings of the attack test (issue 14, hole 2), as the page receives them (already URL-decoded
  // once by the query string), and more of the same family.
  const attacks: [string, string][] = [
    ["backslash after the slash (callbackUrl=/%5Cevil.example/)", "/\\evil.example/"],
    ["two backslashes", "/\\\\evil.example"],
    ["backslash first", "\\\\evil.example"],
    ["tab between the slashes (/%09/…)", "/\t/evil.example/"],
    ["newline between the slashes (/%0A/…)", "/\n/evil.example/"],
    ["carriage return", "/\r/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["scheme-relative", "//evil.example/phish"],
    ["three slashes", "///evil.example"],
    ["https:", "https://evil.example/"],
    ["http: to another host", "http://evil.example/"],
    ["https: without slashes", "https:evil.example"],
    ["javascript:", "javascript:alert(document.cookie)"],
    ["JavaScript: with a tab", "java\tscript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["our host as user info", "http://localhost:3000@evil.example/"],
    ["our host as a prefix of theirs", "http://localhost:3000.evil.example/"],
    ["another port", "http://localhost:3001/dashboard"],
    ["dot segments to a scheme-relative path", "/banks/..//evil.example/phish"],
    ["encoded slashes (/%2F%2Fevil)", "/%2F%2Fevil"],
    ["encoded slashes, lower case", "/%2f%2fevil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["encoded backslash, lower case", "/%5cevil.example"],
  ];
  for (const [name, raw] of attacks) {
    it(`refuses ${name}`, () => {
      expect(safe(raw)).toBeUndefined();
    });
  }

  it("never returns a target a browser would follow off our origin", () => {
    const tries = [
      ...attacks.map(([, raw]) => raw),
      "/ok",
      "/\u3000/evil.example",
      "/%09/evil.example",
      "/%0A/evil.example",
      "/.%2E/%2E%2E//evil.example",
      "/banks/../../x",
      "?next=//evil.example",
      "#//evil.example",
      "./evil.example",
      "evil.example",
    ];
    for (const raw of tries) {
      const target = safe(raw);
      if (target === undefined) continue;
      expect(target.startsWith("/") && !target.startsWith("//"), JSON.stringify(raw)).toBe(true);
      expect(followed(target), JSON.stringify(raw)).toBe(origin);
    }
  });

  it("refuses relative references: only a path or an absolute URL is a target", () => {
    for (const raw of ["dashboard", "./dashboard", "../dashboard", "?next=/x", "#top", "-1", "1e308", "evil.example"])
      expect(safe(raw), raw).toBeUndefined();
  });

  it("refuses what is not a non-empty string of reasonable length", () => {
    for (const raw of [undefined, null, "", 42, ["/dashboard"], { href: "/dashboard" }, "/" + "x".repeat(3000)])
      expect(safe(raw)).toBeUndefined();
  });

  it("with a prefix, the resolved path must start with it (the wizard's returnTo: /banks/ only)", () => {
    expect(safe("/banks/renew?all=1&done=a", "/banks/")).toBe("/banks/renew?all=1&done=a");
    expect(safe("/banks/renew?done=x", "/banks/")).toBe("/banks/renew?done=x");
    expect(safe("/settings", "/banks/")).toBeUndefined();
    expect(safe("/banks", "/banks/")).toBeUndefined();
    expect(safe("/banksy/x", "/banks/")).toBeUndefined();
    // The prefix is checked on the resolved path, not on the raw string.
    expect(safe("/banks/../settings", "/banks/")).toBeUndefined();
    expect(safe("/banks/../../x", "/banks/")).toBeUndefined();
    expect(safe("/banks/..//evil.example", "/banks/")).toBeUndefined();
    expect(safe("/banks/..//evil.example/phish", "/banks/")).toBeUndefined();
    expect(safe("/banks/\\evil", "/banks/")).toBeUndefined();
    expect(safe("//evil.example/banks/", "/banks/")).toBeUndefined();
    expect(safe("https://evil.example/banks/x", "/banks/")).toBeUndefined();
  });

  it("resolves against the origin it is given (APP_URL on the server, the page's origin in the browser)", () => {
    expect(safeRedirectPath("https://saldo.example/dashboard", { origin: "https://saldo.example" })).toBe("/dashboard");
    expect(safeRedirectPath("https://saldo.example/dashboard", { origin: origin })).toBeUndefined();
    expect(safeRedirectPath("/dashboard", { origin: "not a url" })).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { MAX_PAGE, pageParam, textParam } from "./search-params";

describe("pageParam", () => {
  it("keeps whole page numbers in range", () => {
    expect(pageParam("1")).toBe(1);
    expect(pageParam("7")).toBe(7);
    expect(pageParam(" 12 ")).toBe(12);
    expect(pageParam(3)).toBe(3);
    expect(pageParam(String(MAX_PAGE))).toBe(MAX_PAGE);
  });

  it("makes every hostile or odd value page 1 (1e308 and Infinity answered 500)", () => {
    for (const raw of [
      "1e308",
      "Infinity",
      "-Infinity",
      "NaN",
      "-1",
      "0",
      "1.5",
      "0x10",
      "9999999999999999999",
      String(MAX_PAGE + 1),
      "",
      "\u0000",
      "1\u0000",
      ["2", "3"],
      undefined,
      null,
      1e308,
      Infinity,
      Number.NaN,
      -4,
      2.5,
    ])
      expect(pageParam(raw), JSON.stringify(raw)).toBe(1);
  });
});

describe("textParam", () => {
  it("removes NUL and other control characters, trims and cuts", () => {
    expect(textParam("  anna@example.com ", 320)).toBe("anna@example.com");
    expect(textParam("a\u0000b", 10)).toBe("ab");
    expect(textParam("line\nbreak\ttab", 20)).toBe("linebreaktab");
    expect(textParam("x".repeat(500), 200)).toBe("x".repeat(200));
    expect(textParam("ümlaut 😀", 20)).toBe("ümlaut 😀");
  });

  it("nothing usable is no filter", () => {
    for (const raw of ["", "   ", "\u0000", "\u0000\u0000 ", undefined, null, ["a"], 42])
      expect(textParam(raw, 100), JSON.stringify(raw)).toBeUndefined();
  });
});

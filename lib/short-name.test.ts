import { describe, expect, it } from "vitest";
import { shortName } from "./short-name";

describe("shortName", () => {
  const name = shortName(60);
  it("takes a plain name, trimmed", () => {
    expect(name.parse("  Miete Wohnung  ")).toBe("Miete Wohnung");
    expect(name.parse("Ä".repeat(60))).toBe("Ä".repeat(60));
  });
  it("counts UTF-16 units, so 50 emoji are too long for 60", () => {
    expect(name.safeParse("😀".repeat(30)).success).toBe(true);
    const r = name.safeParse("😀".repeat(50));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("name_too_long");
  });
  it("refuses control and format characters", () => {
    for (const bad of ["a\u0000b", "\u202Egnp.exe", "x\u200By", "\uD800", "a\uDC00"]) {
      const r = name.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message).toBe("invalid_characters");
    }
  });
});

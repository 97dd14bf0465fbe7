import { describe, expect, it } from "vitest";
import { maskIban } from "@/lib/admin/mask";

describe("maskIban", () => {
  it("keeps country, check digits and the last four of a German IBAN", () => {
    expect(maskIban("DE89370400440532013000")).toBe("DE89 •••• •••• •••• 3000");
    expect(maskIban("de89 3704 0044 0532 0130 00")).toBe("DE89 •••• •••• •••• 3000");
  });

  it("never shows the middle digits of longer or shorter IBANs", () => {
    const masked = maskIban("MT84MALT011000012345MTLCAST001S")!;
    expect(masked.startsWith("MT84 ")).toBe(true);
    expect(masked.endsWith(" 001S")).toBe(true);
    expect(masked).not.toMatch(/MALT|12345/);
    expect(maskIban("NO9386011117947")).toBe("NO93 •••• •••• •••• 7947");
  });

  it("hides very short values completely and passes null through", () => {
    expect(maskIban("DE12")).toBe("••••");
    expect(maskIban(null)).toBeNull();
    expect(maskIban("")).toBeNull();
  });
});

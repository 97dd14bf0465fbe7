import { describe, expect, it } from "vitest";
import { generateTotpSecret, totpCode, totpStep, totpUri, verifyTotp } from "@/lib/auth/totp/totp";

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" (base32 below) at T = 59 s gives 94287082
// for 8 digits; authenticator apps show the last 6.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC's test vectors (6 digits)", () => {
    expect(totpCode(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(totpCode(RFC_SECRET, new Date(1_111_111_109_000))).toBe("081804");
    expect(totpCode(RFC_SECRET, new Date(2_000_000_000_000))).toBe("279037");
  });

  it("accepts the previous, current and next step and nothing further", () => {
    const secret = generateTotpSecret();
    const now = new Date("2026-12-02T10:00:15Z");
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) {
      const code = totpCode(secret, new Date(now.getTime() + offset * 30_000));
      expect(verifyTotp({ secret, code, now, lastUsedStep: null })).toEqual({ step: step + offset });
    }
    for (const offset of [-3, -2, 2, 3]) {
      const code = totpCode(secret, new Date(now.getTime() + offset * 30_000));
      expect(verifyTotp({ secret, code, now, lastUsedStep: null })).toBeNull();
    }
  });

  it("refuses a code of a step at or before the last one used", () => {
    const secret = generateTotpSecret();
    const now = new Date("2026-12-02T10:00:15Z");
    const code = totpCode(secret, now);
    const first = verifyTotp({ secret, code, now, lastUsedStep: null });
    expect(first).not.toBeNull();
    expect(verifyTotp({ secret, code, now, lastUsedStep: first!.step })).toBeNull();
    // The previous step's code is also refused once a later step was used.
    const previous = totpCode(secret, new Date(now.getTime() - 30_000));
    expect(verifyTotp({ secret, code: previous, now, lastUsedStep: first!.step })).toBeNull();
    // The next step's code is still fine.
    const next = totpCode(secret, new Date(now.getTime() + 30_000));
    expect(verifyTotp({ secret, code: next, now, lastUsedStep: first!.step })).toEqual({ step: first!.step + 1 });
  });

  it("refuses anything but six digits (spaces allowed) and another secret's code", () => {
    const secret = generateTotpSecret();
    const now = new Date();
    const code = totpCode(secret, now);
    expect(
      verifyTotp({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, now, lastUsedStep: null }),
    ).not.toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", `${code}0`])
      expect(verifyTotp({ secret, code: bad, now, lastUsedStep: null })).toBeNull();
    expect(verifyTotp({ secret: generateTotpSecret(), code, now, lastUsedStep: null })).toBeNull();
  });

  it("makes 160-bit secrets and an otpauth URI with issuer and account", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri(secret, "anna@example.com");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Saldo:anna%40example\.com\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("period=30");
    expect(uri).toContain("digits=6");
  });
});

import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  isRecoveryCodeShape,
  normaliseRecoveryCode,
} from "@/lib/auth/recovery-codes";

describe("recovery codes", () => {
  it("makes ten distinct codes of 10 characters without look-alikes", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(c).not.toMatch(/[ilo01]/);
    }
  });

  it("hashes the normalised code, keyed by the secret and salted by the user", () => {
    const [code] = generateRecoveryCodes(1);
    const h = hashRecoveryCode({ code: code!, userId: "u1", secret: "s" });
    expect(h).not.toContain(code!.replace("-", ""));
    // The user may type it in capitals, without the dash or with spaces.
    expect(hashRecoveryCode({ code: code!.toUpperCase().replace("-", " "), userId: "u1", secret: "s" })).toBe(h);
    expect(hashRecoveryCode({ code: code!, userId: "u2", secret: "s" })).not.toBe(h);
    expect(hashRecoveryCode({ code: code!, userId: "u1", secret: "t" })).not.toBe(h);
  });

  it("tells a recovery code from a TOTP code", () => {
    expect(normaliseRecoveryCode(" ABCDE-fghjk ")).toBe("abcdefghjk");
    expect(isRecoveryCodeShape("123456")).toBe(false);
    expect(isRecoveryCodeShape("abcde-fghjk")).toBe(true);
    expect(isRecoveryCodeShape("abcde-fghjk-x")).toBe(false);
  });
});

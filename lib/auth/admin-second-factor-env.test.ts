import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";

const production = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "x".repeat(40),
  SALDO_ENCRYPTION_KEYS: "k1:" + Buffer.alloc(32, 1).toString("base64"),
  DATABASE_URL: "postgresql://localhost/saldo",
  XS2A_API_URL: "https://api.example",
  XS2A_API_KEY: "key",
};

describe("SALDO_REQUIRE_ADMIN_2FA", () => {
  it("is on by default in production, off in development and tests", () => {
    expect(loadEnv(production).requireAdmin2fa).toBe(true);
    expect(loadEnv({}).requireAdmin2fa).toBe(false);
    expect(loadEnv({ NODE_ENV: "test" }).requireAdmin2fa).toBe(false);
  });

  it("can be set either way, and refuses anything else", () => {
    expect(loadEnv({ ...production, SALDO_REQUIRE_ADMIN_2FA: "0" }).requireAdmin2fa).toBe(false);
    expect(loadEnv({ ...production, SALDO_REQUIRE_ADMIN_2FA: "false" }).requireAdmin2fa).toBe(false);
    expect(loadEnv({ SALDO_REQUIRE_ADMIN_2FA: "1" }).requireAdmin2fa).toBe(true);
    expect(loadEnv({ SALDO_REQUIRE_ADMIN_2FA: "true" }).requireAdmin2fa).toBe(true);
    expect(() => loadEnv({ SALDO_REQUIRE_ADMIN_2FA: "yes" })).toThrow(/SALDO_REQUIRE_ADMIN_2FA/);
  });
});

import { defineConfig, devices } from "@playwright/test";

// Run through `npm test` / `npm run test:e2e`, which provide DATABASE_URL (a fresh PostgreSQL),
// CHROMIUM_PATH and a production build.
const PORT = Number(process.env.E2E_PORT ?? 3311);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4311);
export const baseURL = `http://localhost:${PORT}`;
export const E2E_REPORT = "test-results-report/e2e.json";
/** Specs that move the sandbox clock (shared by the whole run, forward only). */
const CLOCK_SPECS = /(consent|contracts|daily-refresh|budget-alerts)\.spec\.ts$/;

export const e2eEnv = {
  NODE_ENV: "production" as const,
  DATABASE_URL: process.env.DATABASE_URL ?? "",
  APP_URL: baseURL,
  NEXTAUTH_URL: baseURL,
  NEXTAUTH_SECRET: "e2e-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
  SALDO_ENCRYPTION_KEYS: "e2e1:" + Buffer.alloc(32, 42).toString("base64"),
  XS2A_SANDBOX_ALLOW_PRODUCTION: "1",
  XS2A_SANDBOX_PORT: String(SANDBOX_PORT),
  XS2A_SANDBOX_API_KEY: "e2e-sandbox-api-key",
  XS2A_TIMEOUT_MS: "8000",
  SALDO_ACTION_CALLS_PER_MINUTE: "1000",
  // Every test signs up its own users, all from 127.0.0.1 (the per-source limit has its own test).
  SALDO_SIGN_UPS_PER_HOUR: "100000",
  SALDO_CLOCK: "sandbox",
  ADMIN_EMAILS: "admin@e2e.test",
  // The admin specs sign in with a password only; the admin 2FA gate has its integration test.
  SALDO_REQUIRE_ADMIN_2FA: "0",
  E2E_PORT: String(PORT),
  // info, not warn: the server log (<distDir>/e2e-server.log) is searched for secrets by e2e/security.
  LOG_LEVEL: "info",
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // The JSON report lets `npm test` name the failed tests after its summary (the end of a CI log).
  reporter: [["list"], ["json", { outputFile: E2E_REPORT }]],
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: CLOCK_SPECS, use: { ...devices["Desktop Chrome"], locale: "en-GB" } },
    // The specs that move the shared sandbox clock run last and on their own (see consent.spec.ts).
    {
      name: "clock",
      testMatch: CLOCK_SPECS,
      dependencies: ["chromium"],
      // One at a time: each of these specs moves the clock under the other.
      workers: 1,
      use: { ...devices["Desktop Chrome"], locale: "en-GB" },
    },
  ],
  webServer: {
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `${baseURL}/signin`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { ...process.env, ...e2eEnv } as Record<string, string>,
  },
});

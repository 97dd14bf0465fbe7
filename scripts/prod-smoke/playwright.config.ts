import { defineConfig, devices } from "@playwright/test";

// The production smoke test's browser part (scripts/prod-smoke.sh starts the stack; nothing here does).
export default defineConfig({
  testDir: ".",
  testMatch: /smoke\.spec\.ts$/,
  timeout: 240_000,
  // Starting a wizard asks XS2A three times; on a busy CI machine that takes more than 5 s.
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: process.env.SMOKE_URL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});

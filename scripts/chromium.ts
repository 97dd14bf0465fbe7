import fs from "node:fs";

/** A Chromium for Playwright: CHROMIUM_PATH, Debian's package, or Playwright's own download. */
export async function findChromium(): Promise<string | null> {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  try {
    const { chromium } = await import("@playwright/test");
    const p = chromium.executablePath();
    if (p && fs.existsSync(p)) return p;
  } catch {
    /* not installed */
  }
  return null;
}

export const CHROMIUM_HELP =
  "No Chromium found for the browser tests. Install one of:\n" +
  "  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium\n" +
  "  with internet:  npx playwright install chromium\n" +
  "or point CHROMIUM_PATH at a Chromium/Chrome binary.";

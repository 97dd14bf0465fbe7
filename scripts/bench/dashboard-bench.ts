/**
 * The dashboard over HTTP against `next start` of a production build, signed in through
 * next-auth's credentials endpoint like a browser, against the sign-in page of the same server
 * as the baseline (same framework, middleware and layout, no data); plus the dashboard's
 * first-load JavaScript (the gzipped sizes of the scripts its HTML references).
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn } from "node:child_process";
import { gzipSync } from "node:zlib";
import { ProcessGroup, waitForHttp } from "@/scripts/processes";
import { since, timePair, type Timing } from "./stats";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** `next build` into `distDir` (NODE_ENV=production: a development NODE_ENV breaks prerendering); its output goes to `logFile`. */
export function buildApp(opts: {
  distDir: string;
  logFile: string;
  env: NodeJS.ProcessEnv;
}): Promise<{ ok: boolean; ms: number }> {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const out = fs.openSync(opts.logFile, "w");
  const t0 = process.hrtime.bigint();
  // `next build` with another distDir adds that folder's types to tsconfig.json (and reformats
  // it); the committed file stays as it is.
  const tsconfig = fs.readFileSync("tsconfig.json", "utf8");
  return new Promise((resolve) => {
    const child = spawn(path.resolve("node_modules/.bin/next"), ["build"], {
      env: { ...opts.env, NODE_ENV: "production", NEXT_DIST_DIR: opts.distDir, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", out, out],
    });
    child.on("exit", (code) => {
      fs.closeSync(out);
      fs.writeFileSync("tsconfig.json", tsconfig);
      resolve({ ok: code === 0, ms: since(t0) });
    });
  });
}

export const hasBuild = (distDir: string) => fs.existsSync(path.join(distDir, "BUILD_ID"));

export async function startApp(opts: { distDir: string; env: NodeJS.ProcessEnv; port: number }) {
  const group = new ProcessGroup();
  let exited: number | null = null;
  group.start(
    "next",
    path.resolve("node_modules/.bin/next"),
    ["start", "-p", String(opts.port)],
    { ...opts.env, NEXT_DIST_DIR: opts.distDir },
    {
      quiet: true,
      onExit: (code) => (exited = code ?? 1),
    },
  );
  const url = `http://localhost:${opts.port}`;
  await waitForHttp(`${url}/signin`, 120_000);
  if (exited !== null) throw new Error(`next start exited with ${exited}`);
  return { url, stop: () => group.stopAll() };
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** Signs in through next-auth's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${url}/dashboard`, json: "true" }),
  });
  const session = cookiesOf(res).filter((c) => c.includes("session-token"));
  if (session.length === 0) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return [...jar, ...session].join("; ");
}

async function get(url: string, cookie?: string): Promise<string> {
  const res = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return body;
}

export interface FirstLoadJs {
  gzipKb: number;
  rawKb: number;
  scripts: { src: string; gzipBytes: number }[];
}

/**
 * The scripts the dashboard's HTML loads up front (script src + preloads), each gzipped (level 9,
 * as Next reports). `noModule` scripts (Next's legacy polyfills) are left out: every browser
 * that runs modules, i.e. every browser Saldo supports, skips them without downloading.
 */
export async function firstLoadJs(url: string, cookie: string): Promise<FirstLoadJs> {
  const html = await get(`${url}/dashboard`, cookie);
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script([^>]*)\ssrc="([^"]+\.js[^"]*)"([^>]*)>/g))
    if (!/\snomodule/i.test(`${m[1]} ${m[3]}`)) srcs.add(m[2]!);
  for (const m of html.matchAll(
    /<link[^>]*rel="(?:preload|modulepreload)"[^>]*as="script"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+\.js[^"]*)"[^>]*rel="(?:preload|modulepreload)"/g,
  ))
    srcs.add((m[1] ?? m[2])!);
  const scripts: FirstLoadJs["scripts"] = [];
  let raw = 0;
  for (const src of srcs) {
    const res = await fetch(new URL(src.replace(/&amp;/g, "&"), url));
    const buf = Buffer.from(await res.arrayBuffer());
    raw += buf.length;
    scripts.push({ src, gzipBytes: gzipSync(buf, { level: 9 }).length });
  }
  const kb = (b: number) => Math.round((b / 1024) * 10) / 10;
  return { gzipKb: kb(scripts.reduce((s, x) => s + x.gzipBytes, 0)), rawKb: kb(raw), scripts };
}

export async function benchDashboard(opts: {
  url: string;
  cookie: string;
  samples: number;
  warmup: number;
  /** The signed-in page to time (default /dashboard). */
  path?: string;
}): Promise<{ dashboard: Timing; baseline: Timing; htmlKb: number }> {
  const page = `${opts.url}${opts.path ?? "/dashboard"}`;
  const html = await get(page, opts.cookie);
  // The signed-in app shell (its <main id="main">; the sign-in page has a bare <main>), not the sign-in form.
  if (!/<main id="main"/.test(html))
    throw new Error(
      `the dashboard did not render for the signed-in user: ${html.replace(/<script[\s\S]*?<\/script>/g, "").slice(0, 1500)}`,
    );
  const t = await timePair({
    samples: opts.samples,
    warmup: opts.warmup,
    a: () => get(page, opts.cookie),
    b: () => get(`${opts.url}/signin`),
  });
  return { dashboard: t.a, baseline: t.b, htmlKb: Math.round((Buffer.byteLength(html) / 1024) * 10) / 10 };
}

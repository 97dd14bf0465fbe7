import { z } from "zod";
import { registerSecret } from "@/lib/log";

/**
 * The only reader of process.env. Parsed lazily so `next build` needs no configuration.
 * Development gets safe defaults; production refuses to start without real secrets.
 */
const DEV_SECRET = "saldo-development-secret-do-not-use-in-production";
// 32 zero-ish bytes, base64: only ever used outside production.
const DEV_ENCRYPTION_KEY = "dev1:" + Buffer.alloc(32, 7).toString("base64");
const SANDBOX_DEFAULT_API_KEY = "sandbox-dev-api-key";
const SANDBOX_DEFAULT_PORT = 4010;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
    APP_URL: z.string().url().optional(),
    NEXTAUTH_URL: z.string().url().optional(),
    NEXTAUTH_SECRET: z.string().min(1).optional(),
    /** Comma-separated `keyId:base64(32 bytes)`; the first one encrypts, all of them decrypt. */
    SALDO_ENCRYPTION_KEYS: z.string().optional(),
    XS2A_API_URL: z.string().url().optional(),
    XS2A_API_KEY: z.string().min(1).optional(),
    /** Where xs2a.js and xs2a.css are served from (the real service: https://api.xs2a.com). */
    XS2A_WIZARD_URL: z.string().url().optional(),
    XS2A_SANDBOX_PORT: z.coerce.number().int().positive().default(SANDBOX_DEFAULT_PORT),
    XS2A_SANDBOX_API_KEY: z.string().min(1).default(SANDBOX_DEFAULT_API_KEY),
    XS2A_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
    /** A sync run gives up after this long over all its attempts (a hanging bank service). */
    SYNC_RUN_MAX_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
    /**
     * A worker's CPU niceness (0–19): background work yields the CPU to the web server's requests
     * where both share a machine. 0: equal priority.
     */
    WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
    /** Sync runs one worker process runs at once. */
    SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /**
     * PostgreSQL connections of a process's pool. Unset: 10, or two per concurrent sync and four
     * more where SYNC_CONCURRENCY needs it (a running import keeps one connection for its staging
     * table and needs others beside it).
     */
    DB_POOL_SIZE: z.coerce.number().int().min(2).max(1000).optional(),
    /** The daily run's syncs start spread over this many minutes (0: all at once). */
    SALDO_DAILY_SYNC_WINDOW_MINUTES: z.coerce.number().int().min(0).max(1440).optional(),
    /** XS2A calls per second over all processes (shared through PostgreSQL); unset: no limit. */
    XS2A_MAX_REQUESTS_PER_SECOND: z.coerce.number().positive().max(100_000).optional(),
    /** `sandbox`: "now" follows the sandbox clock (development and tests only). */
    SALDO_CLOCK: z.enum(["system", "sandbox"]).optional(),
    ADMIN_EMAILS: z.string().default(""),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Saldo <noreply@saldo.local>"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** `pretty`: readable lines; `json`: one JSON object a line. Unset: pretty in development (lib/log-format.ts). */
    LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
    /**
     * How many reverse proxies in front of Saldo append to X-Forwarded-For. 0: no proxy is trusted
     * and the client is the socket's peer; N: the client is the Nth address from the right.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(20).default(0),
    SALDO_SIGN_UPS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(10),
    /** Bearer token for /api/metrics and a worker's metrics port; unset: metrics are not served. */
    METRICS_TOKEN: z.string().min(16, "at least 16 characters").optional(),
    /** A worker serves its own metrics on this port (needs METRICS_TOKEN); unset: it does not. */
    WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** A contract payment this many percent above its usual range raises a price-increase alert. */
    SALDO_CONTRACT_PRICE_THRESHOLD_PERCENT: z.coerce.number().min(0).max(1000).default(5),
    /** Hosts (wildcards like `*.example.com` allowed) whose pages may call server actions besides our own. */
    SALDO_ALLOWED_ORIGINS: z.string().default(""),
    /** Admins must have two-factor sign-in on before the admin pages open (default: on in production). */
    SALDO_REQUIRE_ADMIN_2FA: z.enum(["0", "1", "true", "false"]).optional(),
    /**
     * The web server's per-user cache of page data and session checks (lib/cache/user-cache.ts):
     * `off` asks the database on every request.
     */
    SALDO_USER_CACHE: z.enum(["on", "off"]).default("on"),
    /** How many users' cached page data one web process keeps (least recently used go first). */
    SALDO_USER_CACHE_USERS: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  })
  .superRefine((e, ctx) => {
    if (e.NODE_ENV !== "production") return;
    if (!e.NEXTAUTH_SECRET || e.NEXTAUTH_SECRET.length < 32 || e.NEXTAUTH_SECRET === DEV_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "set a random secret of at least 32 characters",
      });
    if (!e.SALDO_ENCRYPTION_KEYS)
      ctx.addIssue({ code: "custom", path: ["SALDO_ENCRYPTION_KEYS"], message: "set keyId:base64(32 random bytes)" });
    if (!e.DATABASE_URL) ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "required in production" });
  });

export type Env = ReturnType<typeof loadEnv>;

/** The configuration from a set of variables (exported for its tests; the app calls env()). */
export function loadEnv(source: Record<string, string | undefined> = process.env) {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Saldo's configuration is invalid:\n${lines}`);
  }
  const e = parsed.data;
  const usesSandbox = !e.XS2A_API_URL && !e.XS2A_API_KEY;
  if (e.NODE_ENV === "production" && usesSandbox && source.XS2A_SANDBOX_ALLOW_PRODUCTION !== "1") {
    throw new Error(
      "Saldo's configuration is invalid:\n  XS2A_API_URL / XS2A_API_KEY: required in production (the sandbox is for development)",
    );
  }
  const minPool = e.SYNC_CONCURRENCY + 2;
  if (e.DB_POOL_SIZE !== undefined && e.DB_POOL_SIZE < minPool)
    throw new Error(
      `Saldo's configuration is invalid:\n  DB_POOL_SIZE: ${e.DB_POOL_SIZE} is too small for SYNC_CONCURRENCY ${e.SYNC_CONCURRENCY} (each running sync holds a connection; at least ${minPool}, or leave it unset)`,
    );
  const clock = e.SALDO_CLOCK ?? (usesSandbox && e.NODE_ENV !== "production" ? "sandbox" : "system");
  registerSecret(e.XS2A_API_KEY);
  registerSecret(e.NEXTAUTH_SECRET);
  registerSecret(e.METRICS_TOKEN);
  const sandboxUrl = `http://127.0.0.1:${e.XS2A_SANDBOX_PORT}`;
  const appUrl = e.APP_URL ?? e.NEXTAUTH_URL ?? "http://localhost:3000";
  const xs2aApiUrl = (e.XS2A_API_URL ?? sandboxUrl).replace(/\/$/, "");
  return {
    nodeEnv: e.NODE_ENV,
    isProduction: e.NODE_ENV === "production",
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DB_POOL_SIZE ?? Math.max(10, 2 * e.SYNC_CONCURRENCY + 4),
    appUrl,
    authSecret: e.NEXTAUTH_SECRET ?? DEV_SECRET,
    encryptionKeys: parseKeys(e.SALDO_ENCRYPTION_KEYS ?? DEV_ENCRYPTION_KEY),
    xs2a: {
      usesSandbox,
      apiUrl: xs2aApiUrl,
      apiKey: e.XS2A_API_KEY ?? e.XS2A_SANDBOX_API_KEY,
      // The browser loads xs2a.js from here; localhost works for the sandbox on this machine.
      wizardUrl: (
        e.XS2A_WIZARD_URL ?? (usesSandbox ? `http://localhost:${e.XS2A_SANDBOX_PORT}` : "https://api.xs2a.com")
      ).replace(/\/$/, ""),
      timeoutMs: e.XS2A_TIMEOUT_MS,
      sandboxPort: e.XS2A_SANDBOX_PORT,
    },
    sync: {
      runMaxMs: e.SYNC_RUN_MAX_SECONDS * 1000,
      concurrency: e.SYNC_CONCURRENCY,
      workerNice: e.WORKER_NICE,
      // With the sandbox clock a day can pass in a second: its daily run starts at once.
      dailyWindowMinutes: e.SALDO_DAILY_SYNC_WINDOW_MINUTES ?? (clock === "sandbox" ? 0 : 120),
      xs2aRequestsPerSecond: e.XS2A_MAX_REQUESTS_PER_SECOND ?? null,
    },
    clock,
    adminEmails: e.ADMIN_EMAILS.split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    /** New accounts one source (client IP) may create per hour. */
    signUpsPerSourcePerHour: e.SALDO_SIGN_UPS_PER_HOUR,
    metricsToken: e.METRICS_TOKEN,
    workerMetricsPort: e.WORKER_METRICS_PORT,
    contractPriceThreshold: e.SALDO_CONTRACT_PRICE_THRESHOLD_PERCENT / 100,
    requireAdmin2fa:
      e.SALDO_REQUIRE_ADMIN_2FA === undefined
        ? e.NODE_ENV === "production"
        : e.SALDO_REQUIRE_ADMIN_2FA === "1" || e.SALDO_REQUIRE_ADMIN_2FA === "true",
    userCache: { enabled: e.SALDO_USER_CACHE === "on", users: e.SALDO_USER_CACHE_USERS },
    allowedActionOrigins: e.SALDO_ALLOWED_ORIGINS.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

function parseKeys(raw: string) {
  const keys = raw.split(",").map((part) => {
    const [id, b64] = part.trim().split(":");
    const key = Buffer.from(b64 ?? "", "base64");
    if (!id || key.length !== 32) throw new Error("SALDO_ENCRYPTION_KEYS: each entry must be keyId:base64(32 bytes)");
    return { id, key };
  });
  return { current: keys[0], byId: new Map(keys.map((k) => [k.id, k.key])) };
}

let cached: Env | undefined;
export function env(): Env {
  return (cached ??= loadEnv());
}

/**
 * Test harness for the sync engine against the real sandbox over HTTP: starts the sandbox on a
 * free port, points Saldo's XS2A configuration at it (before anything reads lib/env), links
 * banks through the headless Wizard-API and counts the sync calls the sandbox receives.
 * Integration tests only (needs DATABASE_URL).
 */
import { startSandboxServer, type SandboxServer } from "@/lib/xs2a-sandbox/server";

export const SANDBOX_KEY = "sync-int-test-key";

export interface Harness {
  server: SandboxServer;
  syncCalls: () => number;
  control: (path: string, body?: unknown) => Promise<unknown>;
  fault: (body: unknown) => Promise<unknown>;
  close: () => Promise<void>;
}

export async function startHarness(opts: { timeoutMs?: number } = {}): Promise<Harness> {
  const server = await startSandboxServer({
    port: 0,
    apiKey: SANDBOX_KEY,
    statePath: "memory",
    faultTimeoutMs: 10_000,
  });
  process.env.XS2A_API_URL = server.url;
  process.env.XS2A_API_KEY = SANDBOX_KEY;
  process.env.XS2A_TIMEOUT_MS = String(opts.timeoutMs ?? 1500);
  process.env.SALDO_CLOCK = "sandbox";
  process.env.LOG_LEVEL ??= "silent";
  let syncs = 0;
  const handle = server.sandbox.handle.bind(server.sandbox);
  server.sandbox.handle = async (req: Request) => {
    if (req.method === "POST" && /\/v1\/api\/connections\/[^/]+\/sync$/.test(new URL(req.url).pathname)) syncs++;
    return handle(req);
  };
  const auth = "Basic " + Buffer.from(`api:${SANDBOX_KEY}`).toString("base64");
  const control = async (path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/__sandbox/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  return {
    server,
    syncCalls: () => syncs,
    control,
    fault: (body) => control("faults", body),
    close: () => server.close(),
  };
}

/** Links a sandbox bank for a Saldo user (headless wizard) and stores it like completeWizard does. */
export async function linkSandboxBank(
  h: Harness,
  opts: {
    userId: string;
    syncMode: "FULL" | "SHARED" | "NONE";
    bankCode?: string;
    userName?: string;
    importNow?: boolean;
  },
) {
  const { db } = await import("@/lib/db");
  const { withUserApi } = await import("@/lib/connections/xs2a");
  const { encryptSecret } = await import("@/lib/crypto");
  const { credentialsCtx } = await import("@/lib/connections/complete-wizard");
  const { applyXs2aConnection } = await import("@/lib/connections/refresh-connection");
  const { runImport } = await import("@/lib/connections/run-import");
  const { toXs2aSyncMode } = await import("@/lib/connections/sync-mode");
  const created = await withUserApi(opts.userId, (api) =>
    api.connections.create({
      syncMode: toXs2aSyncMode(opts.syncMode),
      countryId: "DE",
      days: 365,
      accountSelection: "all",
      language: "en",
    }),
  );
  const half = await finishWizard(h, created.wizardSessionKey, opts);
  const remote = await withUserApi(opts.userId, (api) => api.connections.get(created.transaction));
  const row = await db.bankConnection.create({
    data: {
      userId: opts.userId,
      transaction: created.transaction,
      xs2aId: remote.id,
      syncMode: opts.syncMode,
      status: "ACTIVE",
    },
  });
  await applyXs2aConnection(row.id, remote);
  if (half)
    await db.bankConnection.update({
      where: { id: row.id },
      data: { credentialsCiphertext: encryptSecret(half, credentialsCtx(row.id, opts.userId)) },
    });
  const run =
    opts.importNow === false
      ? null
      : await runImport({ connectionId: row.id, trigger: "LINK", triggeredBy: opts.userId });
  return { connection: await db.bankConnection.findUniqueOrThrow({ where: { id: row.id } }), run };
}

/** Drives a wizard session through xs2a.js's /jsonp (which also hands out the `shared` half). */
export async function finishWizard(
  h: Harness,
  key: string,
  opts: { bankCode?: string; userName?: string } = {},
): Promise<string | undefined> {
  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(`${h.server.url}/jsonp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key, ...body }),
    });
    return (await res.json()) as {
      form?: { name?: string } | null;
      callback?: string | null;
      callbackParams?: unknown[];
      finished?: boolean;
    };
  };
  let step = await post({});
  if (step.form?.name === "bank") step = await post({ country_id: "DE", bank_code: opts.bankCode ?? "88888888" });
  step = await post({ USER_NAME: opts.userName ?? "max", USER_PIN: "123456", privacy_policy: true });
  if (step.callback !== "finish") throw new Error(`wizard did not finish: ${JSON.stringify(step).slice(0, 300)}`);
  const half = step.callbackParams?.[0];
  return typeof half === "string" ? half : undefined;
}

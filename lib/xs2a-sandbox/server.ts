// node:http adapter around the handler, with optional file persistence.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { createSandbox, type Sandbox } from "./handler";
import { loadState, saveState } from "./persistence";
import { createState } from "./state";

export interface SandboxServerOptions {
  port: number;
  apiKey: string;
  /** A JSON file path, or "memory" for a fresh state that is never written. */
  statePath: string;
  publicUrl?: string;
  host?: string;
  faultTimeoutMs?: number;
  /** See SandboxOptions.latencyMs. */
  latencyMs?: number;
}

export interface SandboxServer {
  url: string;
  close(): Promise<void>;
  sandbox: Sandbox;
}

async function toRequest(req: http.IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const method = req.method ?? "GET";
  const body = chunks.length && method !== "GET" && method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", origin), { method, headers, body, signal });
}

export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const memory = options.statePath === "memory";
  const sandbox = createSandbox({
    apiKey: options.apiKey,
    state: memory ? createState() : loadState(options.statePath),
    persist: memory ? undefined : (state) => saveState(options.statePath, state),
    publicUrl: options.publicUrl,
    faultTimeoutMs: options.faultTimeoutMs,
    latencyMs: options.latencyMs,
  });
  let origin = options.publicUrl ?? "http://localhost";
  const server = http.createServer(async (req, res) => {
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const response = await sandbox.handle(await toRequest(req, origin, abort.signal));
      if (abort.signal.aborted) return;
      const headers: Record<string, string> = {};
      response.headers.forEach((v, k) => (headers[k] = v));
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (e) {
      console.error("[xs2a-sandbox]", e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 500, message: "Internal sandbox error." }));
    }
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  if (!options.publicUrl) origin = url;
  return {
    url: options.publicUrl ?? url,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

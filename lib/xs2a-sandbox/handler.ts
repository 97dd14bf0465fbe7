// The sandbox as one web-standard handler: (Request) => Promise<Response>.

import { authenticate, type Principal } from "./auth";
import { faultResponse, subjectOf, takeFault } from "./faults";
import { CORS_HEADERS, errorResponse, HttpError, json, readBody } from "./http";
import { accountRoutes } from "./routes/accounts";
import { connectionRoutes } from "./routes/connections";
import { matchPath, type Ctx, type Route, type SandboxRuntime } from "./routes/context";
import { controlRoutes } from "./routes/controls";
import { merchantRoutes } from "./routes/merchant";
import { reportRoutes } from "./routes/reports";
import { userRoutes } from "./routes/users";
import { widgetRoutes } from "./routes/widget";
import { wizardRoutes } from "./routes/wizard";
import { createState } from "./state";
import type { SandboxState } from "./types";

const ROUTES: Route[] = [
  ...userRoutes,
  ...connectionRoutes,
  ...accountRoutes,
  ...reportRoutes,
  ...wizardRoutes,
  ...merchantRoutes,
  ...controlRoutes,
  ...widgetRoutes,
];

export interface SandboxOptions {
  apiKey: string;
  state?: SandboxState;
  /** Called after every request that may have changed state (e.g. write the state file). */
  persist?: (state: SandboxState) => void;
  /** Public origin for paginator links and the widget; defaults to the request's origin. */
  publicUrl?: string;
  /** How long a `timeout` fault hangs if the client stays connected (default 30 s). */
  faultTimeoutMs?: number;
  /**
   * A fixed delay before every real-API request (the faultable routes, incl. `/jsonp`), like a
   * distant XS2A; changed at run time by `PUT /__sandbox/latency`. Default 0.
   */
  latencyMs?: number;
}

export interface Sandbox {
  handle(req: Request): Promise<Response>;
  readonly state: SandboxState;
  /** Real-API requests answered so far (a bench counts XS2A calls with it). */
  readonly requests: number;
}

/** Waits `ms`, or less when the client disconnects. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const rt: SandboxRuntime = {
    state: options.state ?? createState(),
    apiKey: options.apiKey,
    faultTimeoutMs: options.faultTimeoutMs ?? 30_000,
    latencyMs: options.latencyMs ?? 0,
    requests: 0,
    replaceState(next) {
      rt.state = next;
    },
  };

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const path = url.pathname.replace(/\/+$/, "") || "/";
    if (req.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
    const candidates = ROUTES.map((r) => ({ r, params: matchPath(r.pattern, path) })).filter((x) => x.params);
    const hit = candidates.find((x) => x.r.method === req.method);
    const cors: Record<string, string> = path === "/jsonp" ? CORS_HEADERS : {};
    if (!hit) {
      if (candidates.length)
        return json({ code: 405, message: "Method not allowed." }, 405, {
          ...cors,
          allow: candidates.map((x) => x.r.method).join(", "),
        });
      return json({ code: 404, message: "Not found." }, 404);
    }
    const mutating = req.method !== "GET" && req.method !== "HEAD";
    try {
      let bodyPromise: Promise<Record<string, unknown>> | null = null;
      const body = () => (bodyPromise ??= mutating ? readBody(req) : Promise.resolve({}));
      let principal: Principal = { kind: "merchant" };
      if (hit.r.auth !== "public") {
        principal = authenticate(req, rt.state, rt.apiKey);
        // Merchant routes and controls take the API key; bank-user routes take an access token.
        const wanted = hit.r.auth === "user" ? "user" : "merchant";
        if (principal.kind !== wanted) throw new HttpError(401, "Invalid credentials.");
      }
      if (hit.r.faultable) {
        rt.requests += 1;
        if (rt.latencyMs > 0) await delay(rt.latencyMs, req.signal);
      }
      if (hit.r.faultable && rt.state.faults.length) {
        const subjectBody = path === "/v1/api/wizard" || path === "/jsonp" ? await body().catch(() => null) : null;
        const fault = takeFault(rt.state, subjectOf(rt.state, path, url, subjectBody));
        if (fault) {
          options.persist?.(rt.state);
          return await faultResponse(fault, req.signal, rt.faultTimeoutMs, cors);
        }
      }
      const ctx: Ctx = {
        rt,
        state: rt.state,
        req,
        url,
        params: hit.params!,
        baseUrl: options.publicUrl ?? url.origin,
        principal,
        body,
      };
      const res = await hit.r.run(ctx);
      if (mutating) options.persist?.(rt.state);
      return res;
    } catch (e) {
      if (e instanceof HttpError) {
        // Counted failures (422 on sync) change state too.
        if (mutating) options.persist?.(rt.state);
        const res = errorResponse(e);
        for (const [k, v] of Object.entries(cors)) res.headers.set(k, v);
        return res;
      }
      console.error("[xs2a-sandbox]", e);
      return json({ code: 500, message: "Internal sandbox error." }, 500, cors);
    }
  }

  return {
    handle,
    get state() {
      return rt.state;
    },
    get requests() {
      return rt.requests;
    },
  };
}

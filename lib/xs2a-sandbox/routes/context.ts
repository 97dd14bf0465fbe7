// What every route handler receives.

import type { Principal } from "../auth";
import type { SandboxState } from "../types";

export interface SandboxRuntime {
  state: SandboxState;
  apiKey: string;
  /** How long a `timeout` fault hangs when the client does not disconnect. */
  faultTimeoutMs: number;
  /** Sandbox extension: every real-API request waits this long before it runs (0: none). */
  latencyMs: number;
  /** Real-API requests answered since the sandbox started (faulted ones included). */
  requests: number;
  /** Replace the whole state (control `reset`). */
  replaceState(next: SandboxState): void;
}

export interface Ctx {
  rt: SandboxRuntime;
  state: SandboxState;
  req: Request;
  url: URL;
  params: Record<string, string>;
  /** Origin used in paginator links and the widget. */
  baseUrl: string;
  principal: Principal;
  body(): Promise<Record<string, unknown>>;
}

export type Auth = "merchant" | "user" | "control" | "public";

export interface Route {
  method: string;
  pattern: string;
  auth: Auth;
  /** Whether faults may be injected here (the real API surface). */
  faultable: boolean;
  run(ctx: Ctx): Promise<Response> | Response;
}

export function route(
  method: string,
  pattern: string,
  auth: Auth,
  run: Route["run"],
  faultable = auth !== "control" && auth !== "public",
): Route {
  return { method, pattern, auth, faultable, run };
}

export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/");
  const s = path.replace(/\/+$/, "").split("/");
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg.startsWith(":")) {
      if (!s[i]) return null;
      params[seg.slice(1)] = decodeURIComponent(s[i]!);
    } else if (seg !== s[i]) return null;
  }
  return params;
}

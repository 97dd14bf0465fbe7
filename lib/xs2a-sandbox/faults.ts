// Fault injection: the next `count` matching requests of the real API answer with a fault instead of
// running (so a faulted request never changes state).

import { json } from "./http";
import { findConnection, sessionByKey } from "./lookup";
import type { FaultRec, SandboxState } from "./types";

export interface Subject {
  connectionId?: string;
  accountId?: string;
  bankCode?: string;
  search?: string;
}

/** What a request is about, derived from its path (and the wizard session key in its body). */
export function subjectOf(state: SandboxState, path: string, url: URL, body: Record<string, unknown> | null): Subject {
  const conn = /^\/v1\/api\/connections\/([^/]+)/.exec(path);
  if (conn) {
    const c = findConnection(state, decodeURIComponent(conn[1]!));
    return c ? { connectionId: c.id, bankCode: c.bankCode ?? undefined } : {};
  }
  const acct = /^\/v1\/api\/accounts\/([^/]+)/.exec(path);
  if (acct) {
    const a = state.accounts.find((x) => x.id === decodeURIComponent(acct[1]!));
    return a ? { accountId: a.id, connectionId: a.connectionId ?? undefined, bankCode: a.bankCode } : {};
  }
  if (body && (path === "/v1/api/wizard" || path === "/jsonp")) {
    const s = sessionByKey(state, body.key);
    return s ? { connectionId: s.connectionId, bankCode: s.bankCode ?? undefined } : {};
  }
  if (path === "/v1/bankcodes/autocomplete") return { search: url.searchParams.get("q") ?? undefined };
  if (path.startsWith("/v1/bankcodes")) return { bankCode: url.searchParams.get("bank_code") ?? undefined };
  return {};
}

function matches(f: FaultRec, s: Subject): boolean {
  if (f.scope.all) return true;
  const checks: boolean[] = [];
  if (f.scope.connectionId) checks.push(f.scope.connectionId === s.connectionId);
  if (f.scope.bankCode) checks.push(f.scope.bankCode === s.bankCode);
  if (f.scope.accountId) checks.push(f.scope.accountId === s.accountId);
  if (f.scope.search) checks.push(f.scope.search === s.search);
  return checks.length > 0 && checks.every(Boolean);
}

/** Consumes one use of the first matching fault. */
export function takeFault(state: SandboxState, subject: Subject): FaultRec | null {
  const f = state.faults.find((x) => x.remaining > 0 && matches(x, subject));
  if (!f) return null;
  f.remaining -= 1;
  state.faults = state.faults.filter((x) => x.remaining > 0);
  return f;
}

const HTML_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`;

export async function faultResponse(
  f: FaultRec,
  signal: AbortSignal,
  timeoutMs: number,
  cors: Record<string, string>,
): Promise<Response> {
  switch (f.kind) {
    case "500":
      return json({ code: 500, message: "Internal Server Error" }, 500, cors);
    case "429":
      return json({ code: 429, message: "Too Many Requests" }, 429, {
        ...cors,
        "retry-after": String(f.retryAfterSeconds),
      });
    case "malformed":
      return new Response('{"code":200,"data":[{"id":"', {
        status: 200,
        headers: { ...cors, "content-type": "application/json" },
      });
    case "html":
      return new Response(HTML_PAGE, { status: 502, headers: { ...cors, "content-type": "text/html; charset=utf-8" } });
    case "timeout":
      // Hang until the client gives up (disconnects) or the hang time passes.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return json({ code: 504, message: "Gateway Timeout" }, 504, cors);
  }
}

// HTTP Basic auth: user `api`, password = the API key (merchant scope) or a bank user's access token.

import { HttpError } from "./http";
import { now } from "./state";
import type { SandboxState } from "./types";

export type Principal = { kind: "merchant" } | { kind: "user"; userId: string; tokenId: string };

const invalid = () =>
  new HttpError(401, "Invalid credentials.", undefined, { "www-authenticate": 'Basic realm="XS2A"' });

export function authenticate(req: Request, state: SandboxState, apiKey: string): Principal {
  const header = req.headers.get("authorization") ?? "";
  const m = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!m) throw invalid();
  let decoded: string;
  try {
    decoded = atob(m[1]!);
  } catch {
    throw invalid();
  }
  const colon = decoded.indexOf(":");
  if (colon < 0 || decoded.slice(0, colon) !== "api") throw invalid();
  const password = decoded.slice(colon + 1);
  if (password === apiKey) return { kind: "merchant" };
  const token = state.tokens.find((t) => t.token === password);
  // An expired token (valid_until passed on the sandbox clock) is refused like an unknown one.
  if (!token || token.valid_until <= now(state)) throw invalid();
  return { kind: "user", userId: token.userId, tokenId: token.id };
}

export function requireMerchant(p: Principal): void {
  if (p.kind !== "merchant") throw invalid();
}

export function requireUser(p: Principal): string {
  if (p.kind !== "user") throw invalid();
  return p.userId;
}

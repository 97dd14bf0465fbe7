// Shared by the conformance tests: a sandbox on a random port and a tiny XS2A HTTP client.

import { startSandboxServer, type SandboxServer } from "./server";

export const API_KEY = "test-api-key";

export interface Call {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function startTestSandbox(): Promise<SandboxServer> {
  return startSandboxServer({ port: 0, apiKey: API_KEY, statePath: "memory", faultTimeoutMs: 1500 });
}

export function client(baseUrl: string, password: string) {
  const auth = `Basic ${Buffer.from(`api:${password}`).toString("base64")}`;
  return async function call(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<Call> {
    const res = await fetch(baseUrl + path, {
      method,
      headers: { authorization: auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      ...init,
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  };
}

export type Client = ReturnType<typeof client>;

/** Bank user + token + a finished connection at `bankCode`. */
export async function linkBank(
  baseUrl: string,
  opts: { bankCode?: string; userName?: string; connection?: Record<string, unknown>; pin?: string } = {},
) {
  const merchant = client(baseUrl, API_KEY);
  const user = (await merchant("PUT", "/v1/api/users", { name: "Max", email: "max@example.com" })).body;
  const token = (await merchant("PUT", `/v1/api/users/${user.id}/accesstokens`, { valid_until: "2050-01-01 11:11:11" }))
    .body;
  const api = client(baseUrl, token.token);
  const session = (await api("PUT", "/v1/api/connections", opts.connection ?? {})).body;
  const wizard = (fields: Record<string, unknown>) =>
    api("POST", "/v1/api/wizard", { key: session.wizard_session_key, ...fields });
  await wizard({});
  await wizard({ country_id: "DE", bank_code: opts.bankCode ?? "88888888" });
  const last = await wizard({
    USER_NAME: opts.userName ?? "max",
    USER_PIN: opts.pin ?? "123456",
    privacy_policy: true,
  });
  const connection = (await api("GET", `/v1/api/connections/${session.transaction}`)).body;
  return { merchant, api, user, token, session, connection, last, wizard };
}

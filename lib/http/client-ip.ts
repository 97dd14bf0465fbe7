import { env } from "@/lib/env";

/**
 * "The client's IP", one answer for every caller (per-IP limits, the audit log).
 *
 * X-Forwarded-For is a list every proxy appends its peer to, so only its right end is written by
 * machines we trust; everything left of that is whatever the client sent. With
 * `TRUSTED_PROXY_HOPS=N` the client is the Nth address from the right. With 0 (the default) no
 * proxy is trusted: proxy.ts drops every forwarded header the client sent (FORWARDED_HEADERS), so
 * the X-Forwarded-For a handler sees is the one Next writes, the socket's peer, alone.
 */
export const FORWARDED_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
] as const;

/** The client's address from an X-Forwarded-For value and the number of trusted proxy hops; null if none. */
export function clientIpFromForwardedFor(
  forwardedFor: string | null | undefined,
  trustedProxyHops: number,
): string | null {
  const hops = Math.max(0, Math.floor(trustedProxyHops) || 0);
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return null;
  // 0 hops: the socket's peer, which Next appended as the only entry (see above); a chain shorter
  // than the hops did not pass every proxy, and its furthest entry is the best we know.
  const index = Math.max(0, chain.length - Math.max(1, hops));
  return normalizeIp(chain[index]!);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:]*(:\d{1,3}(\.\d{1,3}){3})?$/i;

/** An address as a limit key: without a port or brackets, IPv4-mapped IPv6 as IPv4; null if it is not an address. */
export function normalizeIp(raw: string): string | null {
  let ip = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  ip = ip.toLowerCase().replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) ip = mapped[1]!;
  if (IPV4.test(ip)) return ip;
  return ip.length <= 45 && IPV6.test(ip) && ip.split(":").length >= 3 ? ip : null;
}

type HeaderSource = Headers | Record<string, unknown> | null | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const v = headers[name];
  if (Array.isArray(v)) return v.join(",");
  return typeof v === "string" ? v : null;
}

/** The client's IP for a request's headers (a Request's, or next-auth's plain object). */
export function clientIp(headers: HeaderSource): string | null {
  return clientIpFromForwardedFor(header(headers, "x-forwarded-for"), env().trustedProxyHops);
}

/**
 * The request headers to pass on from proxy.ts: with no trusted proxy, none of the forwarded
 * headers a client sent survives (Next then writes X-Forwarded-For/-Host/-Proto from the socket).
 */
export function dropUntrustedForwardedHeaders(headers: Headers, trustedProxyHops: number): Headers {
  if (trustedProxyHops > 0) return headers;
  for (const name of FORWARDED_HEADERS) headers.delete(name);
  return headers;
}

import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { actionBodyRefusal, isPageMutation } from "@/lib/http/action-request";
import { dropUntrustedForwardedHeaders } from "@/lib/http/client-ip";
import { refuseCrossSiteAction } from "@/lib/http/same-origin";
import { log } from "@/lib/log";

/**
 * Runs first for every request (but static files):
 *  - forwarded headers (X-Forwarded-For, -Host, -Proto, …) a client sent are dropped unless
 *    TRUSTED_PROXY_HOPS says proxies write them (lib/http/client-ip.ts);
 *  - server actions (POSTs to pages) from a foreign origin get a 403, oversize bodies a 413 and
 *    bodies that are not action arguments a 400, where Next would answer each with a 500
 *    (lib/http/same-origin.ts, lib/http/action-request.ts);
 *  - security headers on every page: a per-request CSP nonce (Next applies it to its own
 *    scripts), no framing, no sniffing, a strict referrer policy, HSTS in production. The XS2A
 *    wizard (xs2a.js, its styles and its transport) is the only third party allowed.
 */
export async function proxy(request: NextRequest) {
  const { isProduction, xs2a, trustedProxyHops, allowedActionOrigins } = env();
  const requestHeaders = dropUntrustedForwardedHeaders(new Headers(request.headers), trustedProxyHops);
  const refusal = isPageMutation(request.method, request.nextUrl.pathname)
    ? await refuseActionRequest(request, requestHeaders, allowedActionOrigins)
    : null;

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const wizard = xs2a.wizardUrl;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' ${wizard}${isProduction ? "" : " 'unsafe-eval'"}`,
    `style-src 'self' 'unsafe-inline' ${wizard}`,
    `img-src 'self' data: blob: ${wizard}`,
    "font-src 'self' data:",
    `connect-src 'self' ${wizard}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");

  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = refusal ?? NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  if (isProduction) response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return response;
}

/** A 403 / 413 / 400 for a server-action request Next would fail with a 500, or null to let it run. */
async function refuseActionRequest(request: NextRequest, headers: Headers, allowedHosts: string[]) {
  const where = {
    method: request.method,
    path: request.nextUrl.pathname.slice(0, 200),
    action: headers.get("next-action")?.slice(0, 100) ?? null,
  };
  const crossSite = refuseCrossSiteAction(headers, { allowedHosts });
  if (crossSite) {
    log.warn(
      {
        event: "http.cross_site_refused",
        ...where,
        origin: headers.get("origin")?.slice(0, 200),
        host: (headers.get("x-forwarded-host") ?? headers.get("host"))?.slice(0, 200),
      },
      "refused cross-site request",
    );
    return crossSite;
  }
  const body = await actionBodyRefusal(request);
  if (body) {
    log.warn({ event: "http.action_body_refused", ...where, reason: body.error }, "refused server-action body");
    return Response.json({ error: body.error }, { status: body.status });
  }
  return null;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};

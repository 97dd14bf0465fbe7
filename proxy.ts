import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

/**
 * Security headers on every page: a per-request CSP nonce (Next applies it to its own
 * scripts), no framing, no sniffing, a strict referrer policy, HSTS in production.
 * The XS2A wizard (xs2a.js, its styles and its transport) is the only third party allowed.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const { isProduction, xs2a } = env();
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

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  if (isProduction) response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};

/**
 * CSRF guard for state-changing route handlers (POST/PUT/PATCH/DELETE). Server actions get
 * Next's own Origin check; route handlers do not, and a cross-site `<form enctype=text/plain>`
 * carrying JSON is a "simple" request that browsers send with the victim's cookies.
 *
 * Allowed: `Sec-Fetch-Site: same-origin` (or `none`, a typed URL), or else an `Origin` equal to
 * the app's own origin (APP_URL / the Host header) or one of `extraOrigins`. A request with neither
 * header is refused: every browser that can be tricked into a cross-site POST sends at least one.
 *
 *   export async function POST(req: Request) {
 *     const refused = refuseCrossSite(req);
 *     if (refused) return refused;
 *     …
 *   }
 */
export function isSameOrigin(req: Request, opts: { appUrl?: string; extraOrigins?: string[] } = {}): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  const allowed = new Set<string>(opts.extraOrigins ?? []);
  if (opts.appUrl) allowed.add(new URL(opts.appUrl).origin);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  return allowed.has(origin);
}

/** A 403 for a cross-site state-changing request, or null when it may proceed. */
export function refuseCrossSite(
  req: Request,
  opts: { appUrl?: string; extraOrigins?: string[] } = {},
): Response | null {
  if (isSameOrigin(req, opts)) return null;
  return Response.json({ error: "cross_site_request" }, { status: 403 });
}

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

/**
 * Server actions (every POST to a page): may this request run one? Next checks the Origin itself
 * but answers a foreign one with a 500 ("Invalid Server Actions request"), which reads as our
 * crash, not as the refused cross-site request it is; proxy.ts asks this first and answers 403.
 * The rule is Next's, so nothing Next would refuse gets through to its 500: the Origin's host must
 * equal the first X-Forwarded-Host (else Host) or match one of `allowedHosts` (SALDO_ALLOWED_ORIGINS,
 * `*.example.com` style). No Origin at all passes, as in Next: browsers send one with every POST,
 * so a request without it carries no victim's cookies.
 */
export function isSameOriginAction(headers: Headers, opts: { allowedHosts?: string[] } = {}): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed frames, data: pages) and garbage
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (host && originHost === host) return true;
  return (opts.allowedHosts ?? []).some((pattern) => hostMatches(originHost, pattern));
}

/** `saldo.example`, `*.example.com` (one label) or `**.example.com` (any depth), case-insensitive. */
function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().split(".");
  const p = pattern.trim().toLowerCase().split(".");
  if (!pattern.trim() || (p.length === 1 && (p[0] === "*" || p[0] === "**"))) return false;
  while (p.length) {
    const part = p.pop()!;
    const label = h.pop();
    if (part === "**") return p.length === 0 && label !== undefined;
    if (part === "" || label === undefined || (part !== "*" && part !== label)) return false;
  }
  return h.length === 0;
}

/** A 403 for a server-action request from a foreign origin, or null when it may proceed. */
export function refuseCrossSiteAction(headers: Headers, opts: { allowedHosts?: string[] } = {}): Response | null {
  if (isSameOriginAction(headers, opts)) return null;
  return Response.json({ error: "cross_site_request" }, { status: 403 });
}

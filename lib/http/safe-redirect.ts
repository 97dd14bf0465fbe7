/**
 * The one check for every redirect target that comes from input (a `callbackUrl`, a `returnTo`):
 * the target is resolved as a URL against the app's own origin, the way a browser would resolve it,
 * and only a path on that origin survives. String tests on the raw value are not enough: browsers
 * read `/\evil.example` as `//evil.example`, drop tabs and newlines (`/<TAB>/evil.example`), and
 * resolve `/banks/..//evil.example` to the scheme-relative `//evil.example`.
 *
 * Pure and client-safe: the caller passes its origin (APP_URL on the server, `window.location.origin`
 * in the browser).
 *
 * Returns the resolved pathname + search + hash, or `undefined` when the target is not a path on
 * `origin` (another origin or scheme, a resolved path starting with `//`, a backslash anywhere, an
 * encoded slash or backslash in the path, a control character, a relative reference, not a
 * string), or whose resolved path does not start with `prefix`.
 */
export function safeRedirectPath(raw: unknown, opts: { origin: string; prefix?: string }): string | undefined {
  if (typeof raw !== "string" || raw === "" || raw.length > 2048) return undefined;
  // Browsers strip tabs and newlines from URLs and treat `\` as `/`: a value carrying them is an attack, not a path.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return undefined;
  // A path, or an absolute http(s) URL; a relative reference ("dashboard", "?x", "-1") would resolve
  // against whatever page follows it, and next-auth fails on one with a 500.
  if (!raw.startsWith("/") && !/^https?:\/\//i.test(raw)) return undefined;
  let origin: string;
  let url: URL;
  try {
    origin = new URL(opts.origin).origin;
    url = new URL(raw, origin + "/");
  } catch {
    return undefined;
  }
  if (url.origin !== origin) return undefined;
  const path = url.pathname;
  // A path that starts with `//` is read as another host when it is followed; an encoded slash or
  // backslash (`%2F`, `%5C`) is decoded into one by some servers and proxies. No page of ours has either.
  if (path.startsWith("//") || /\\|%2f|%5c/i.test(path)) return undefined;
  const target = path + url.search + url.hash;
  if (target.includes("\\")) return undefined;
  if (opts.prefix && !path.startsWith(opts.prefix)) return undefined;
  return target;
}

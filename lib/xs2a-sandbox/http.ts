// Response helpers in the XS2A error format: `{code, message}` (422 adds `errors: {field: [msg]}`).

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string[]>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function errorResponse(e: HttpError): Response {
  const body: Record<string, unknown> = { code: e.status, message: e.message };
  if (e.errors) body.errors = e.errors;
  return json(body, e.status, e.headers);
}

export const notFound = (what = "Resource") => new HttpError(404, `${what} not found.`);

export function validationError(errors: Record<string, string[]>): HttpError {
  return new HttpError(422, "The given data was invalid.", errors);
}

/** JSON or urlencoded body as a plain object (XS2A accepts both). Empty body → {}. */
export async function readBody(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text.trim()) return {};
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const parsed: unknown = JSON.parse(text);
    // The Java SDK's `sync(id)` without parameters sends the JSON `null`: "no fields".
    if (parsed === null) return {};
    if (typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, "Malformed request body: expected a JSON object.");
}

export interface Page<T> {
  total: number;
  per_page: number;
  current_page: number;
  last_page: number;
  next_page_url: string | null;
  prev_page_url: string | null;
  from: number | null;
  to: number | null;
  data: T[];
}

export const DEFAULT_PER_PAGE = 15;
export const MAX_PER_PAGE = 100;

function positiveInt(raw: string | null, field: string, fallback: number): number {
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw validationError({ [field]: [`The ${field} must be a positive integer.`] });
  return Number(raw);
}

/** Laravel-style length-aware paginator. Items must already be sorted (newest first). */
export function paginate<T>(items: readonly T[], url: URL, baseUrl: string): Page<T> {
  const page = positiveInt(url.searchParams.get("page"), "page", 1);
  const perPage = Math.min(positiveInt(url.searchParams.get("per_page"), "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const start = (page - 1) * perPage;
  const data = items.slice(start, start + perPage);
  const link = (p: number) => {
    const u = new URL(url.pathname, baseUrl);
    for (const [k, v] of url.searchParams) if (k !== "page") u.searchParams.set(k, v);
    u.searchParams.set("page", String(p));
    return u.toString();
  };
  return {
    total,
    per_page: perPage,
    current_page: page,
    last_page: lastPage,
    next_page_url: page < lastPage ? link(page + 1) : null,
    prev_page_url: page > 1 ? link(page - 1) : null,
    from: data.length ? start + 1 : null,
    to: data.length ? start + data.length : null,
    data,
  };
}

export function newestFirst<T extends { seq: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.seq - a.seq);
}

export const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type",
  "access-control-max-age": "600",
};

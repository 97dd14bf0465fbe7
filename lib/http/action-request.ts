/**
 * Server-action requests that Next would answer with a 500, refused by proxy.ts before Next parses
 * them (Next turns its own 413 for an oversize body into a 500, and a body that is not a JSON array
 * of arguments fails deep in React's reply decoder or in the action call).
 *
 * Every POST to a page is a possible server action: our route handlers live under /api and guard
 * themselves. A fetch action (the `Next-Action` header) carries its arguments as a JSON array,
 * either as the whole body or, when React's encodeReply needed several parts, as the multipart
 * field "0". Strings starting with `$` in it are React's reply tokens; one that points at a part
 * the body does not have (`["$Q9"]` in a one-part body) also failed with a 500. A no-JS form post
 * (multipart, no header) is decoded by Next; only its size is ours.
 */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024; // Next's default serverActions.bodySizeLimit (1 MB)

export const isPageMutation = (method: string, pathname: string) =>
  method === "POST" && pathname !== "/api" && !pathname.startsWith("/api/");

/** A fetch action's root row: the arguments, as a JSON array. */
export function isArgumentsArray(root: unknown): boolean {
  return Array.isArray(parseJson(root));
}

function parseJson(text: unknown): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Reply tokens that are a value by themselves: an escaped "$", undefined, -0, NaN, ±Infinity, a date, a bigint.
const SELF_CONTAINED = /^\$(?:\$|undefined$|-0$|NaN$|-?Infinity$|D|n-?\d{1,300}$)/;
// Tokens that point at another part of the body by its (hex) id; `$K` collects FormData entries and may find none.
const REFERENCE = /^\$([hQWiABORrXxoUSsLlGgMmVK@]?)([0-9a-f]+)(?::|$)/;
const MAX_DEPTH = 64;

/**
 * Whether every reply token in `root` (and in the parts it points at) is self-contained or points
 * at a part in `parts` (a multipart body's JSON fields by id; none in a one-part body), nesting no
 * deeper than MAX_DEPTH.
 */
export function repliesResolve(root: unknown, parts: Map<number, unknown> = new Map()): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  const visited = new Set<number>();
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) return false;
    if (typeof value === "string") {
      if (!value.startsWith("$") || SELF_CONTAINED.test(value)) continue;
      const ref = REFERENCE.exec(value);
      if (!ref) return false;
      if (ref[1] === "K") continue;
      const id = parseInt(ref[2]!, 16);
      if (!parts.has(id)) return false;
      if (!visited.has(id)) {
        visited.add(id);
        stack.push({ value: parts.get(id), depth: depth + 1 });
      }
    } else if (value && typeof value === "object") {
      for (const v of Object.values(value)) stack.push({ value: v, depth: depth + 1 });
    }
  }
  return true;
}

/** The body's bytes, or null once it grows past `limit` (the rest is not read). */
export async function readBodyUpTo(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export type ActionBodyRefusal = { status: 413; error: "payload_too_large" } | { status: 400; error: "bad_request" };

/** What is wrong with a page POST's body (413 too large, 400 not an action reply), or null to let Next run it. */
export async function actionBodyRefusal(
  req: Request,
  limit = ACTION_BODY_LIMIT_BYTES,
): Promise<ActionBodyRefusal | null> {
  const tooLarge = { status: 413, error: "payload_too_large" } as const;
  const malformed = { status: 400, error: "bad_request" } as const;
  const declared = Number(req.headers.get("content-length"));
  if (declared > limit) return tooLarge;
  const isFetchAction = req.headers.has("next-action");
  const contentType = req.headers.get("content-type") ?? "";
  const multipart = contentType.toLowerCase().startsWith("multipart/form-data");
  if (!isFetchAction && !multipart) return null;
  const bytes = await readBodyUpTo(req.body, limit);
  if (!bytes) return tooLarge;
  if (!isFetchAction) return null;
  if (!multipart) {
    const root = parseJson(new TextDecoder().decode(bytes));
    return Array.isArray(root) && repliesResolve(root) ? null : malformed;
  }
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    return malformed;
  }
  const root = parseJson(form.get("0"));
  if (!Array.isArray(root)) return malformed;
  // The other parts: JSON rows under a numeric id (Blobs and `$K` FormData entries are not rows).
  const parts = new Map<number, unknown>();
  for (const [key, value] of form.entries()) {
    if (!/^\d+$/.test(key) || key === "0") continue;
    const part = typeof value === "string" ? parseJson(value) : value;
    if (part === undefined) return malformed;
    parts.set(Number(key), part);
  }
  return repliesResolve(root, parts) ? null : malformed;
}

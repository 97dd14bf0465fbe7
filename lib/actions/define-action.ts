import "server-only";
import { randomUUID } from "node:crypto";
import { type z } from "zod";
import { requireAdmin, requireUser, type Viewer } from "@/lib/auth/viewer";
import { forgetUser } from "@/lib/cache/user-cache";
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { hitRateLimit } from "@/lib/rate-limit";
import type { ActionResult } from "@/lib/actions/action-result";

export type { ActionResult };

type Access = "user" | "admin" | "public";

/**
 * Calls one signed-in user may make per minute, over all actions: far above what anyone clicks
 * (the UI reads through route handlers, not actions), low enough that a script flooding actions
 * is refused with the wait instead of loading the database for everyone.
 */
const ACTION_CALLS_PER_MINUTE = Number(process.env.SALDO_ACTION_CALLS_PER_MINUTE ?? 1000);

/**
 * Server actions are reachable by a plain POST, so each one parses its input and checks the
 * viewer itself. This does both and maps errors once: AppError → its code; anything else →
 * "internal" with an id that is logged (the message never reaches the browser).
 */
export function defineAction<S extends z.ZodType, T, A extends Access = "user">(opts: {
  schema: S;
  access?: A;
  run: (input: z.infer<S>, viewer: A extends "public" ? null : Viewer) => Promise<T>;
}) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    let viewer: Viewer | null = null;
    try {
      const access = opts.access ?? "user";
      viewer = access === "admin" ? await requireAdmin() : access === "user" ? await requireUser() : null;
      if (viewer) {
        const hit = await hitRateLimit({
          key: `actions:${viewer.id}`,
          limit: ACTION_CALLS_PER_MINUTE,
          windowSeconds: 60,
        });
        if (!hit.allowed)
          return {
            ok: false,
            code: "rate_limited",
            message: "too_many_calls",
            retryAfterSeconds: hit.retryAfterSeconds,
          };
      }
      const nul = nulPath(raw);
      if (nul !== null)
        return { ok: false, code: "invalid_input", message: "invalid_input", fields: { [nul]: "invalid_characters" } };
      const parsed = opts.schema.safeParse(raw);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.join(".") || "_"] ??= issue.message;
        return { ok: false, code: "invalid_input", message: "invalid_input", fields };
      }
      return { ok: true, data: await opts.run(parsed.data, viewer as never) };
    } catch (err) {
      if (isAppError(err)) {
        // "Not found" and "not yours" look the same to the caller; for whoever watches the logs a
        // signed-in user asking for ids that are not theirs is worth seeing (enumeration, bugs).
        if (err.code === "not_found" && viewer)
          log.warn({ userId: viewer.id, reason: err.message }, "server action refused: not found or not the viewer's");
        return toResult(err);
      }
      // Next's redirect()/notFound() are control flow, not failures.
      if (
        err &&
        typeof err === "object" &&
        "digest" in err &&
        String((err as { digest: unknown }).digest).startsWith("NEXT_")
      )
        throw err;
      const errorId = randomUUID().slice(0, 8);
      log.error({ err, errorId }, "server action failed");
      return { ok: false, code: "internal", message: "internal", errorId };
    } finally {
      // What the action changed must show on the page rendered with its answer: this process's
      // cache of the viewer's data is dropped before that render (other processes are notified).
      if (viewer) forgetUser(viewer.id);
    }
  };
}

/**
 * PostgreSQL text cannot hold NUL (0x00): a NUL in any string of an action's input made the query
 * fail with an internal error. Refused here, once, for every action; returns the field's path.
 */
function nulPath(v: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof v === "string") return v.includes("\u0000") ? path.join(".") || "_" : null;
  if (v === null || typeof v !== "object" || depth > 32) return null;
  for (const [k, x] of Object.entries(v)) {
    const found = nulPath(x, [...path, k], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function toResult(err: AppError): ActionResult<never> {
  return {
    ok: false,
    code: err.code,
    message: err.message,
    fields: err.fields,
    retryAfterSeconds: err.retryAfterSeconds,
  };
}

export { AppError };

// Bank users and their access tokens (API-key scope).

import { z } from "zod";
import { json, newestFirst, notFound, paginate, validationError } from "../http";
import { userOrThrow } from "../lookup";
import { tokenJson, userJson } from "../serialize";
import { newId, nextSeq, now, nowMs, secret } from "../state";
import { sdkDateTime } from "../sdk-time";
import { formatBerlin } from "../time";
import type { SandboxState } from "../types";
import { route, type Ctx } from "./context";

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "body");
    (errors[field] ??= []).push(issue.message);
  }
  throw validationError(errors);
}

export { parse };

const userBody = z.object({
  name: z.string().max(255).optional(),
  email: z.email("The email must be a valid email address.").optional(),
});

const tokenBody = z.object({
  // The documented "YYYY-MM-DD HH:MM:SS", or what the Java SDK's date adapter prints (sdk-time.ts);
  // stored and echoed in the documented form.
  valid_until: z
    .string()
    .refine((v) => sdkDateTime(v) !== null, "The valid_until must be a date-time in the format YYYY-MM-DD HH:MM:SS.")
    .transform((v) => sdkDateTime(v)!)
    .optional(),
});

/** Without `valid_until` a token lives one hour, as the SDK docs describe. */
const defaultValidUntil = (state: SandboxState) => formatBerlin(nowMs(state) + 3_600_000);

function deleteUser(state: SandboxState, id: string): void {
  state.users = state.users.filter((u) => u.id !== id);
  state.tokens = state.tokens.filter((t) => t.userId !== id);
  state.connections = state.connections.filter((c) => c.userId !== id);
  state.accounts = state.accounts.filter((a) => a.userId !== id);
  state.sessions = state.sessions.filter((s) => s.userId !== id);
}

const deleted = () => json({ code: 200, message: "deleted" });

export const userRoutes = [
  route("PUT", "/v1/api/users", "merchant", async (ctx: Ctx) => {
    const body = parse(userBody, await ctx.body());
    const seq = nextSeq(ctx.state);
    const user = {
      id: newId(ctx.state, "bus", seq),
      seq,
      name: body.name ?? "",
      email: body.email ?? "",
      created_at: now(ctx.state),
    };
    ctx.state.users.push(user);
    return json(userJson(user), 201);
  }),
  route("GET", "/v1/api/users", "merchant", (ctx) =>
    json(paginate(newestFirst(ctx.state.users).map(userJson), ctx.url, ctx.baseUrl)),
  ),
  route("GET", "/v1/api/users/:userId", "merchant", (ctx) =>
    json(userJson(userOrThrow(ctx.state, ctx.params.userId!))),
  ),
  route("DELETE", "/v1/api/users/:userId", "merchant", (ctx) => {
    userOrThrow(ctx.state, ctx.params.userId!);
    deleteUser(ctx.state, ctx.params.userId!);
    return deleted();
  }),
  route("PUT", "/v1/api/users/:userId/accesstokens", "merchant", async (ctx) => {
    const user = userOrThrow(ctx.state, ctx.params.userId!);
    const body = parse(tokenBody, await ctx.body());
    const seq = nextSeq(ctx.state);
    const token = {
      id: newId(ctx.state, "bat", seq),
      seq,
      userId: user.id,
      token: secret(ctx.state, "token", seq, 48),
      valid_until: body.valid_until ?? defaultValidUntil(ctx.state),
      created_at: now(ctx.state),
    };
    ctx.state.tokens.push(token);
    return json(tokenJson(token), 201);
  }),
  route("GET", "/v1/api/users/:userId/accesstokens", "merchant", (ctx) => {
    const user = userOrThrow(ctx.state, ctx.params.userId!);
    const tokens = newestFirst(ctx.state.tokens.filter((t) => t.userId === user.id));
    return json(paginate(tokens.map(tokenJson), ctx.url, ctx.baseUrl));
  }),
  route("GET", "/v1/api/users/:userId/accesstokens/:tokenId", "merchant", (ctx) => json(tokenJson(tokenOrThrow(ctx)))),
  route("PATCH", "/v1/api/users/:userId/accesstokens/:tokenId", "merchant", async (ctx) => {
    const token = tokenOrThrow(ctx);
    const body = parse(tokenBody, await ctx.body());
    // Refresh keeps the id and the token string; only valid_until moves.
    token.valid_until = body.valid_until ?? defaultValidUntil(ctx.state);
    return json(tokenJson(token));
  }),
  route("DELETE", "/v1/api/users/:userId/accesstokens/:tokenId", "merchant", (ctx) => {
    const token = tokenOrThrow(ctx);
    ctx.state.tokens = ctx.state.tokens.filter((t) => t !== token);
    return deleted();
  }),
];

function tokenOrThrow(ctx: Ctx) {
  const user = userOrThrow(ctx.state, ctx.params.userId!);
  const token = ctx.state.tokens.find((t) => t.id === ctx.params.tokenId && t.userId === user.id);
  if (!token) throw notFound("Access token");
  return token;
}

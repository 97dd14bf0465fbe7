// Bank connections (access-token scope).

import { z } from "zod";
import { requireUser } from "../auth";
import { HttpError, json, newestFirst, paginate } from "../http";
import { connectionOrThrow, isListed } from "../lookup";
import { accountJson, connectionJson } from "../serialize";
import { newId, nextSeq, now } from "../state";
import { apiSync, isDisabled, MESSAGES } from "../sync";
import type { ConnectionRec } from "../types";
import { createSession, sessionPair } from "../wizard/sessions";
import { route, type Ctx } from "./context";
import { parse } from "./users";

const optionalInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional().nullable();

const createBody = z.object({
  sync_mode: z.enum(["full", "shared", "none"]).optional(),
  bic: z
    .string()
    .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/i, "The bic format is invalid.")
    .optional()
    .nullable(),
  country_id: z
    .string()
    .regex(/^[A-Z]{2}$/, "The country_id must be a 2-letter country code.")
    .optional()
    .nullable(),
  days: optionalInt(1, 3650),
  limit_days: optionalInt(1, 3650),
  account_selection: z.enum(["all", "single", "multi"]).optional(),
  language: z.enum(["de", "en", "es", "fr", "it"]).optional(),
  fints_product_id: z.string().max(64).optional().nullable(),
});

/** Default history when `days` is omitted (inferred: the PSD2 90-day window). */
export const DEFAULT_DAYS = 90;

function own(ctx: Ctx): ConnectionRec {
  return connectionOrThrow(ctx.state, requireUser(ctx.principal), ctx.params.id!);
}

export const connectionRoutes = [
  route("PUT", "/v1/api/connections", "user", async (ctx) => {
    const userId = requireUser(ctx.principal);
    const body = parse(createBody, await ctx.body());
    const seq = nextSeq(ctx.state);
    const id = newId(ctx.state, "bcn", seq);
    const mode = body.sync_mode ?? "full";
    const c: ConnectionRec = {
      id,
      seq,
      userId,
      transaction: "",
      created_at: now(ctx.state),
      request: {
        sync_mode: mode,
        bic: body.bic?.toUpperCase() ?? null,
        country_id: body.country_id ?? null,
        days: body.days ?? DEFAULT_DAYS,
        limit_days: body.limit_days ?? null,
        account_selection: body.account_selection ?? "all",
        language: body.language ?? "de",
        fints_product_id: body.fints_product_id ?? null,
      },
      linked: false,
      bankCode: null,
      login: null,
      configuredMode: mode,
      syncMode: mode,
      syncActive: false,
      syncMessage: "",
      failCounter: 0,
      lastSynced: null,
      consentValidUntil: null,
      sharedHalf: null,
      failNextSyncs: 0,
    };
    ctx.state.connections.push(c);
    const session = createSession(ctx.state, c, "create");
    c.transaction = session.transaction;
    return json(sessionPair(session), 201);
  }),
  route("GET", "/v1/api/connections", "user", (ctx) => {
    const userId = requireUser(ctx.principal);
    const list = newestFirst(ctx.state.connections.filter((c) => c.userId === userId));
    return json(paginate(list.map(connectionJson), ctx.url, ctx.baseUrl));
  }),
  route("GET", "/v1/api/connections/:id", "user", (ctx) => json(connectionJson(own(ctx)))),
  route("DELETE", "/v1/api/connections/:id", "user", (ctx) => {
    const c = own(ctx);
    ctx.state.connections = ctx.state.connections.filter((x) => x !== c);
    // Accounts outlive their connection with bank_connection_id null (xs2a-api.md §2.3, inferred).
    for (const a of ctx.state.accounts) if (a.connectionId === c.id) a.connectionId = null;
    return json({ code: 200, message: "deleted" });
  }),
  route("POST", "/v1/api/connections/:id/sync", "user", async (ctx) => {
    const c = own(ctx);
    const outcome = apiSync(ctx.state, c, await ctx.body());
    if (outcome === "synced") return new Response(null, { status: 204 });
    return json(sessionPair(createSession(ctx.state, c, "sync")), 202);
  }),
  route("POST", "/v1/api/connections/:id/reset", "user", (ctx) => {
    const c = own(ctx);
    if (isDisabled(c)) throw new HttpError(409, MESSAGES.disabled);
    return json(sessionPair(createSession(ctx.state, c, "reset")), 202);
  }),
  route("GET", "/v1/api/connections/:id/accounts", "user", (ctx) => {
    const c = own(ctx);
    const list = newestFirst(ctx.state.accounts.filter((a) => a.connectionId === c.id && isListed(a)));
    return json(paginate(list.map(accountJson), ctx.url, ctx.baseUrl));
  }),
];

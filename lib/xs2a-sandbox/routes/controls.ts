// Sandbox controls under /__sandbox/ (API key). Never part of the real XS2A surface.

import { z } from "zod";
import { findBank } from "../banks";
import { deleteExtraTurnover, putExtraTurnover } from "../extra-turnovers";
import { accountNumberFor, holderFor, ibanFor } from "../generator/context";
import { HttpError, json, notFound } from "../http";
import { findConnection } from "../lookup";
import { createState, newId, nextSeq, now, today } from "../state";
import { autoSync } from "../sync";
import { addDays } from "../time";
import { volumeOf } from "../wizard/finish";
import type { AccountRec, ConnectionRec, FaultRec } from "../types";
import { route, type Ctx } from "./context";
import { parse } from "./users";

const MAX_ADVANCE_DAYS = 3650;

const advanceBody = z.object({ days: z.coerce.number().int().min(1).max(MAX_ADVANCE_DAYS) });
const faultBody = z.object({
  scope: z
    .object({
      connectionId: z.string().optional(),
      bankCode: z.string().optional(),
      accountId: z.string().optional(),
      search: z.string().optional(),
      all: z.boolean().optional(),
    })
    .refine(
      (s) => s.all || s.connectionId || s.bankCode || s.accountId || s.search,
      "The scope needs connectionId, bankCode, accountId, search or all.",
    ),
  kind: z.enum(["500", "429", "timeout", "malformed", "html"]),
  count: z.coerce.number().int().min(1).max(1000).optional(),
  retryAfterSeconds: z.coerce.number().int().min(0).max(86400).optional(),
});
/** Up to a minute: enough for any distant service, short of the clients' own timeouts. */
const latencyBody = z.object({ ms: z.coerce.number().int().min(0).max(60_000) });
const failBody = z.object({ count: z.coerce.number().int().min(1).max(100).optional() });
const extraTurnoverBody = z.object({
  key: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "The key must be 1–64 letters, digits, dots, dashes or underscores."),
  /** Fields of the item, sent exactly as given (any JSON: `null`, a string amount, 0.30000000000000004 …). */
  turnover: z.record(z.string(), z.unknown()).optional(),
  /** Fields to leave out of the item altogether (e.g. `["booking_date"]`). */
  omit: z.array(z.string().max(64)).max(32).optional(),
});

const openAccountBody = z
  .object({
    type: z.enum(["giro", "savings", "creditcard"]).optional(),
    description: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** What an account opened by the control is called when the body names nothing. */
const OPENED_DESCRIPTION: Record<AccountRec["type"], string> = {
  giro: "Neues Girokonto",
  savings: "Neues Tagesgeldkonto",
  creditcard: "Neue Kreditkarte",
};

/**
 * A new account at the bank of a linked connection (same login, holder and bank), opened today:
 * no history before today. It takes the next index after the bank's templates and this login's
 * accounts, so its IBAN and data are its own. Listed from the connection's next successful sync.
 */
function openAccount(ctx: Ctx, c: ConnectionRec, body: z.infer<typeof openAccountBody>): AccountRec {
  const bank = findBank(c.bankCode);
  if (!c.linked || !bank || c.login === null) throw new HttpError(409, "The connection is not linked to a bank yet.");
  const login = c.login;
  const taken = ctx.state.accounts
    .filter((a) => a.bankCode === bank.bank_code && a.login === login)
    .map((a) => a.index);
  const index = Math.max(bank.accounts.length - 1, ...taken) + 1;
  const type = body.type ?? "giro";
  const at = now(ctx.state);
  const seq = nextSeq(ctx.state);
  const account: AccountRec = {
    id: newId(ctx.state, "bac", seq),
    seq,
    userId: c.userId,
    connectionId: c.id,
    bankCode: bank.bank_code,
    login,
    index,
    type,
    description: body.description ?? OPENED_DESCRIPTION[type],
    holder: holderFor(login),
    iban: ibanFor(bank.bank_code, login, index),
    accountNumber: accountNumberFor(bank.bank_code, login, index),
    created_at: at,
    linkedOn: at.slice(0, 10),
    windowStart: at.slice(0, 10),
    limitDays: c.request.limit_days,
    syncedAt: at,
    seenThrough: null,
    volume: volumeOf(login),
    listChange: "open",
  };
  ctx.state.accounts.push(account);
  return account;
}

/** The control's view of an account: the real fields plus when the list shows the change. */
function accountControlJson(a: AccountRec) {
  return {
    id: a.id,
    bank_connection_id: a.connectionId,
    type: a.type,
    description: a.description,
    iban: a.iban,
    list_change: a.listChange ?? null,
  };
}

function clock(ctx: Ctx) {
  return { now: now(ctx.state), today: today(ctx.state), offsetDays: ctx.state.clockOffsetDays };
}

function connection(ctx: Ctx): ConnectionRec {
  const c = findConnection(ctx.state, ctx.params.id!);
  if (!c) throw notFound("Bank connection");
  return c;
}

function account(ctx: Ctx): AccountRec {
  const a = ctx.state.accounts.find((x) => x.id === ctx.params.id);
  if (!a) throw notFound("Bank account");
  return a;
}

export const controlRoutes = [
  route("GET", "/__sandbox/clock", "control", (ctx) => json(clock(ctx))),
  route("POST", "/__sandbox/clock/advance", "control", async (ctx) => {
    const { days } = parse(advanceBody, await ctx.body());
    // One day at a time, so each day's automatic `full` syncs run on that day.
    for (let i = 0; i < days; i++) {
      ctx.state.clockOffsetDays += 1;
      for (const c of ctx.state.connections) autoSync(ctx.state, c);
    }
    return json(clock(ctx));
  }),
  route("GET", "/__sandbox/latency", "control", (ctx) => json({ ms: ctx.rt.latencyMs, requests: ctx.rt.requests })),
  route("PUT", "/__sandbox/latency", "control", async (ctx) => {
    ctx.rt.latencyMs = parse(latencyBody, await ctx.body()).ms;
    return json({ ms: ctx.rt.latencyMs, requests: ctx.rt.requests });
  }),
  route("POST", "/__sandbox/reset", "control", (ctx) => {
    ctx.rt.replaceState(createState());
    return json({ code: 200, message: "reset" });
  }),
  route("POST", "/__sandbox/faults", "control", async (ctx) => {
    const body = parse(faultBody, await ctx.body());
    const seq = nextSeq(ctx.state);
    const fault: FaultRec = {
      id: newId(ctx.state, "flt", seq),
      scope: body.scope,
      kind: body.kind,
      remaining: body.count ?? 1,
      retryAfterSeconds: body.retryAfterSeconds ?? 30,
    };
    ctx.state.faults.push(fault);
    return json(fault, 201);
  }),
  route("GET", "/__sandbox/faults", "control", (ctx) => json({ data: ctx.state.faults })),
  route("DELETE", "/__sandbox/faults", "control", (ctx) => {
    ctx.state.faults = [];
    return json({ code: 200, message: "deleted" });
  }),
  route("DELETE", "/__sandbox/faults/:id", "control", (ctx) => {
    if (!ctx.state.faults.some((f) => f.id === ctx.params.id)) throw notFound("Fault");
    ctx.state.faults = ctx.state.faults.filter((f) => f.id !== ctx.params.id);
    return json({ code: 200, message: "deleted" });
  }),
  route("POST", "/__sandbox/connections/:id/fail-next-sync", "control", async (ctx) => {
    const c = connection(ctx);
    const { count } = parse(failBody, await ctx.body());
    c.failNextSyncs += count ?? 1;
    return json({ id: c.id, fail_next_syncs: c.failNextSyncs });
  }),
  route("POST", "/__sandbox/connections/:id/expire-consent", "control", (ctx) => {
    const c = connection(ctx);
    if (!c.linked) throw new HttpError(409, "The connection has no consent yet.");
    c.consentValidUntil = addDays(today(ctx.state), -1);
    return json({ id: c.id, consent_valid_until: c.consentValidUntil });
  }),
  route("POST", "/__sandbox/connections/:id/fall-back", "control", (ctx) => {
    const c = connection(ctx);
    if (c.syncMode !== "full") throw new HttpError(409, `Only a full connection can fall back (is ${c.syncMode}).`);
    c.syncMode = "none";
    return json({ id: c.id, sync_mode: c.syncMode });
  }),
  route("POST", "/__sandbox/connections/:id/accounts", "control", async (ctx) => {
    const c = connection(ctx);
    const body = parse(openAccountBody, await ctx.body());
    return json(accountControlJson(openAccount(ctx, c, body)), 201);
  }),
  route("POST", "/__sandbox/accounts/:id/close", "control", (ctx) => {
    const a = account(ctx);
    if (a.connectionId === null) throw new HttpError(409, "The account belongs to no connection any more.");
    if (a.listChange === "close") throw new HttpError(409, "The account is already being closed.");
    if (a.listChange === "open") {
      // Never listed: closing it before the next sync leaves no trace.
      ctx.state.accounts = ctx.state.accounts.filter((x) => x !== a);
      return json({ ...accountControlJson(a), list_change: null, removed: true });
    }
    a.listChange = "close";
    return json({ ...accountControlJson(a), removed: false });
  }),
  route("POST", "/__sandbox/accounts/:id/extra-turnovers", "control", async (ctx) => {
    const a = account(ctx);
    const body = parse(extraTurnoverBody, await ctx.body());
    const rec = putExtraTurnover(ctx.state, a, { key: body.key, fields: body.turnover ?? {}, omit: body.omit ?? [] });
    return json({ account_id: a.id, key: rec.key, turnover: rec.item });
  }),
  route("GET", "/__sandbox/accounts/:id/extra-turnovers", "control", (ctx) => {
    const a = account(ctx);
    return json({ data: (a.extraTurnovers ?? []).map((x) => ({ key: x.key, turnover: x.item })) });
  }),
  route("DELETE", "/__sandbox/accounts/:id/extra-turnovers/:key", "control", (ctx) => {
    if (!deleteExtraTurnover(account(ctx), ctx.params.key!)) throw notFound("Extra turnover");
    return json({ code: 200, message: "deleted" });
  }),
  route("GET", "/__sandbox/state", "control", (ctx) => {
    const s = ctx.state;
    return json({
      clock: clock(ctx),
      users: s.users.length,
      tokens: s.tokens.length,
      connections: s.connections.map((c) => ({
        id: c.id,
        user: c.userId,
        bank_code: c.bankCode,
        linked: c.linked,
        sync_mode: c.syncMode,
        configured_mode: c.configuredMode,
        sync_fail_counter: c.failCounter,
        fail_next_syncs: c.failNextSyncs,
        consent_valid_until: c.consentValidUntil,
        last_synced: c.lastSynced,
      })),
      accounts: s.accounts.length,
      sessions: s.sessions.length,
      events: s.events.length,
      faults: s.faults,
    });
  }),
];

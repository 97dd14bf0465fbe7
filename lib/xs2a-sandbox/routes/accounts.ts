// Bank accounts, balances, turnovers and markAsSeen (access-token scope).

import { requireUser } from "../auth";
import { json, newestFirst, paginate, validationError } from "../http";
import { accountOrThrow, isListed } from "../lookup";
import { accountJson } from "../serialize";
import { extraTurnoversFor } from "../extra-turnovers";
import { accountView, bookedBetween, isNew } from "../generator/view";
import { isDate } from "../time";
import type { AccountRec } from "../types";
import { route, type Ctx } from "./context";

function own(ctx: Ctx): AccountRec {
  return accountOrThrow(ctx.state, requireUser(ctx.principal), ctx.params.id!);
}

/** Credit limit / overdraft in cents: giro 1,000 €, credit card 2,500 €, savings none. */
export const LIMITS: Record<AccountRec["type"], number | null> = { giro: 100_000, creditcard: 250_000, savings: null };

function dateParam(url: URL, name: string): string | null {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return null;
  if (!isDate(v)) throw validationError({ [name]: [`The ${name} must be a date in the format YYYY-MM-DD.`] });
  return v;
}

function flag(url: URL, ...names: string[]): boolean {
  return names.some((n) => ["1", "true"].includes((url.searchParams.get(n) ?? "").toLowerCase()));
}

/** Enough for any real use (each call usually supersedes the one before); keeps the state small. */
const MAX_SEEN_MARKS = 20;

function windowDays(a: AccountRec): number {
  return Math.round((Date.parse(a.syncedAt.slice(0, 10)) - Date.parse(a.windowStart)) / 86_400_000) + 1;
}

export const accountRoutes = [
  route("GET", "/v1/api/accounts", "user", (ctx) => {
    const userId = requireUser(ctx.principal);
    const list = newestFirst(ctx.state.accounts.filter((a) => a.userId === userId && isListed(a)));
    return json(paginate(list.map(accountJson), ctx.url, ctx.baseUrl));
  }),
  route("GET", "/v1/api/accounts/:id", "user", (ctx) => json(accountJson(own(ctx)))),
  route("DELETE", "/v1/api/accounts/:id", "user", (ctx) => {
    const a = own(ctx);
    ctx.state.accounts = ctx.state.accounts.filter((x) => x !== a);
    return json({ code: 200, message: "deleted" });
  }),
  route("GET", "/v1/api/accounts/:id/balance", "user", (ctx) => {
    const a = own(ctx);
    const view = accountView(a);
    const limit = LIMITS[a.type];
    return json({
      id: a.id,
      balance: view.balanceCents / 100,
      // Available = booked balance + pending movements + credit line (null for savings: no line).
      available: (view.balanceCents + view.pendingCents + (limit ?? 0)) / 100,
      limit: limit === null ? null : limit / 100,
      currency: "EUR",
      date: a.syncedAt,
      created_at: a.created_at,
      object: "bank_account_balance",
    });
  }),
  route("GET", "/v1/api/accounts/:id/turnovers", "user", (ctx) => {
    const a = own(ctx);
    const from = dateParam(ctx.url, "from");
    const to = dateParam(ctx.url, "to");
    const onlyNew = flag(ctx.url, "only_new", "onlyNew");
    const turnovers: unknown[] = extraTurnoversFor(a, { from, to, onlyNew });
    const list = accountView(a).turnovers;
    const [start, end] = bookedBetween(list, from, to);
    for (let i = start; i < end; i++) {
      const t = list[i]!;
      const fresh = isNew(t, a);
      if (onlyNew && !fresh) continue;
      turnovers.push(fresh === t.new ? t : { ...t, new: fresh });
    }
    return json({
      id: a.id,
      days: windowDays(a),
      date: a.syncedAt,
      created_at: a.created_at,
      turnovers,
      object: "bank_account_turnovers",
    });
  }),
  ...["/v1/api/accounts/:id/markAsSeen", "/v1/api/accounts/:id/markAsSeen/:date"].map((pattern) =>
    route("POST", pattern, "user", (ctx) => {
      const a = own(ctx);
      const date = ctx.params.date;
      if (date !== undefined && !isDate(date))
        throw validationError({ date: ["The date must be in the format YYYY-MM-DD."] });
      // "until the given date", read inclusively: booking dates on or before it, of the turnovers the
      // account holds now (as of its last sync). Without a date: all of them.
      const mark = { through: date ?? "9999-12-31", asOf: a.syncedAt };
      const kept = (a.seenMarks ?? []).filter((m) => !(m.through <= mark.through && m.asOf <= mark.asOf));
      a.seenMarks = [...kept, mark].slice(-MAX_SEEN_MARKS);
      return json({ code: 200, message: "marked as seen", id: a.id, date: date ?? a.syncedAt.slice(0, 10) });
    }),
  ),
];

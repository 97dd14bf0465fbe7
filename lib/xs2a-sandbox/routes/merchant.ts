// Merchant-scope reads: wizard sessions, events, bank codes, version.

import { bankObject, BANKS } from "../banks";
import { json, newestFirst, notFound, paginate, validationError } from "../http";
import { eventJson, sessionJson } from "../serialize";
import { sdkBound } from "../sdk-time";
import { route } from "./context";

export const merchantRoutes = [
  route("GET", "/v1/version", "public", () => json({ version: "2015-11-13" })),
  route("GET", "/v1/sessions/:transaction", "merchant", (ctx) => {
    const s = ctx.state.sessions.find((x) => x.transaction === ctx.params.transaction);
    if (!s) throw notFound("Session");
    return json(sessionJson(s));
  }),
  route("GET", "/v1/events", "merchant", (ctx) => {
    const q = ctx.url.searchParams;
    // Bounds as the SDKs send them (sdk-time.ts): a date, the documented date-time, ISO 8601 with a
    // zone, or the Java adapter's form; a bare date covers its whole day.
    const bound = (name: "from" | "to", raw: string | null) => {
      if (!raw) return null;
      const v = sdkBound(raw, name);
      if (!v) throw validationError({ [name]: [`The ${name} must be a date.`] });
      return v;
    };
    const from = bound("from", q.get("from") || q.get("since"));
    const to = bound("to", q.get("to"));
    const events = newestFirst(ctx.state.events).filter(
      (e) =>
        (!q.get("transaction_id") || e.transaction === q.get("transaction_id")) &&
        (!q.get("type") || e.type === q.get("type")) &&
        (!from || e.created_at >= from) &&
        (!to || e.created_at <= to),
    );
    return json(paginate(events.map(eventJson), ctx.url, ctx.baseUrl));
  }),
  route("GET", "/v1/events/:id", "merchant", (ctx) => {
    const e = ctx.state.events.find((x) => x.id === ctx.params.id);
    if (!e) throw notFound("Event");
    return json(eventJson(e));
  }),
  route("GET", "/v1/bankcodes", "merchant", (ctx) => {
    const code = ctx.url.searchParams.get("bank_code");
    if (!code) throw validationError({ bank_code: ["The bank_code field is required."] });
    const bank = BANKS.find((b) => b.bank_code === code.trim());
    if (!bank) throw notFound("Bank");
    return json(bankObject(bank));
  }),
  route("GET", "/v1/bankcodes/all", "merchant", (ctx) => {
    const country = ctx.url.searchParams.get("country_id");
    const banks = BANKS.filter((b) => !country || b.country_id === country.toUpperCase());
    return json(paginate(banks.map(bankObject), ctx.url, ctx.baseUrl));
  }),
  route("GET", "/v1/bankcodes/autocomplete", "merchant", (ctx) => {
    const q = (ctx.url.searchParams.get("q") ?? "").trim().toLowerCase();
    const country = ctx.url.searchParams.get("country_id");
    const banks = BANKS.filter(
      (b) =>
        (!country || b.country_id === country.toUpperCase()) &&
        (!q || [b.name, b.short_name, b.bank_code, b.bic, b.city].some((f) => f.toLowerCase().includes(q))),
    );
    return json(paginate(banks.map(bankObject), ctx.url, ctx.baseUrl));
  }),
];

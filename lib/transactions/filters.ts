import { z } from "zod";
import { isCategoryId } from "@/lib/categories/categories";
import { isBigintId } from "@/lib/bigint-id";

/**
 * The transaction list's filters, as they live in the URL (so a filtered view can be bookmarked,
 * shared between tabs, and exported as exactly the same rows). Parsing is forgiving: a value
 * that does not parse is dropped rather than failing the page, because URLs get hand-edited.
 */
export const STATUSES = ["PENDING", "BOOKED", "CANCELED"] as const;
export type Status = (typeof STATUSES)[number];

export interface TransactionFilters {
  q: string;
  accounts: string[];
  banks: string[];
  from: string | null; // YYYY-MM-DD, inclusive
  to: string | null; // YYYY-MM-DD, inclusive
  /** Bounds on the absolute amount, as exact decimal strings ("12.50"). */
  min: string | null;
  max: string | null;
  direction: "in" | "out" | null;
  categories: string[];
  /** Tags (the bank's, the rules' or the user's); a row matches when it has any of them. */
  tags: string[];
  statuses: Status[];
}

export const EMPTY_FILTERS: TransactionFilters = {
  q: "",
  accounts: [],
  banks: [],
  from: null,
  to: null,
  min: null,
  max: null,
  direction: null,
  categories: [],
  tags: [],
  statuses: [],
};

const dateRe = /^\d{4}-\d{2}-\d{2}$/;
// Years outside 1900–2999 are refused: PostgreSQL has no year 0 (`0000-01-01` made the query fail with a 500).
const isDate = (v: string) =>
  dateRe.test(v) &&
  Number(v.slice(0, 4)) >= 1900 &&
  Number(v.slice(0, 4)) <= 2999 &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const idRe = /^[A-Za-z0-9_-]{1,64}$/;
export { isBigintId };

/** "1.234,56" / "1234.56" / "12" → "1234.56"; anything else → null. */
export function parseAmount(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim().replace(/\s|€/g, "");
  if (!s) return null;
  if (s.startsWith("-")) s = s.slice(1);
  // German input: dots group thousands and the comma is the decimal separator.
  if (s.includes(",")) s = s.replace(/\./g, "").replace(",", ".");
  if (!/^\d{1,15}(\.\d{1,2})?$/.test(s)) return null;
  const [int, frac = ""] = s.split(".");
  return `${BigInt(int).toString()}.${frac.padEnd(2, "0")}`;
}

const q = z.string().trim().max(200).catch("");

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function all(params: Params, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const v = params[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
const one = (params: Params, key: string) => all(params, key)[0] ?? null;
const uniq = <T>(xs: T[]) => [...new Set(xs)];

export function parseFilters(params: Params): TransactionFilters {
  const from = one(params, "from");
  const to = one(params, "to");
  const direction = one(params, "direction");
  const statuses = all(params, "status")
    .flatMap((s) => s.split(","))
    .map((s) => s.toUpperCase());
  return {
    // NUL cannot reach PostgreSQL (the search query failed with a 500).
    q: q.parse((one(params, "q") ?? "").replaceAll("\u0000", "")),
    accounts: uniq(all(params, "account").filter((v) => idRe.test(v))).slice(0, 50),
    banks: uniq(all(params, "bank").filter((v) => idRe.test(v))).slice(0, 50),
    from: from && isDate(from) ? from : null,
    to: to && isDate(to) ? to : null,
    min: parseAmount(one(params, "min")),
    max: parseAmount(one(params, "max")),
    direction: direction === "in" || direction === "out" ? direction : null,
    categories: uniq(all(params, "category").filter(isCategoryId)).slice(0, 50),
    tags: uniq(
      all(params, "tag")
        .map((v) => v.trim())
        .filter((v) => v.length > 0 && v.length <= 40 && !/[\p{Cc}\p{Cf}\p{Cs}]/u.test(v)),
    ).slice(0, 20),
    statuses: uniq(statuses.filter((s): s is Status => (STATUSES as readonly string[]).includes(s))),
  };
}

/** The URL query for a set of filters (the inverse of parseFilters). */
export function filtersToSearchParams(f: TransactionFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  for (const a of f.accounts) p.append("account", a);
  for (const b of f.banks) p.append("bank", b);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.min) p.set("min", f.min);
  if (f.max) p.set("max", f.max);
  if (f.direction) p.set("direction", f.direction);
  for (const c of f.categories) p.append("category", c);
  for (const t of f.tags) p.append("tag", t);
  for (const s of f.statuses) p.append("status", s);
  return p;
}

export const hasFilters = (f: TransactionFilters) => filtersToSearchParams(f).toString() !== "";

/**
 * The search box as a PostgreSQL tsquery over the `simple` configuration: every word becomes a
 * prefix term ("rew" finds "REWE"), all must match. Only letters and digits survive, so the
 * string can never be a tsquery syntax error; it is still passed as a bound parameter.
 */
export function toPrefixTsquery(input: string): string | null {
  const words = input.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = uniq(words).slice(0, 8);
  return terms.length ? terms.map((w) => `${w}:*`).join(" & ") : null;
}

/**
 * The search box read as an amount, when it is one ("3,40", "3.40", "-3,40", "+1.234,56", "12 €"):
 * the exact value, and the sign only when one was typed (without one, spending and income both
 * match). English "1,234.56" works too; a lone comma or dot before exactly three digits groups
 * thousands ("1.234" = 1234). Anything else is not an amount (null).
 */
export function amountQuery(input: string): { amount: string; sign: "+" | "-" | null } | null {
  let s = input.trim().replace(/\s|€|eur$/gi, "");
  let sign: "+" | "-" | null = null;
  if (s.startsWith("-") || s.startsWith("+")) {
    sign = s[0] as "+" | "-";
    s = s.slice(1);
  }
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const seps = s.replace(/\d/g, "");
  const last = Math.max(s.lastIndexOf(","), s.lastIndexOf("."));
  let normalized: string;
  if (last < 0) normalized = s;
  else if (s.length - last - 1 === 3 && new Set(seps).size === 1) normalized = s.replace(/[.,]/g, "");
  else {
    const decimalSep = s[last];
    const groupSep = decimalSep === "," ? "." : ",";
    if (s.slice(0, last).includes(decimalSep)) return null;
    normalized = `${s.slice(0, last).split(groupSep).join("")}.${s.slice(last + 1)}`;
  }
  const amount = parseAmount(normalized);
  return amount ? { amount, sign } : null;
}

/** The keyset cursor: the last row's booking date and id ("2026-11-03_12345"). */
export interface Cursor {
  bookingDate: string;
  id: string;
}
export const encodeCursor = (c: Cursor) => `${c.bookingDate}_${c.id}`;
export function decodeCursor(raw: string | null | undefined): Cursor | null {
  const m = raw?.match(/^(\d{4}-\d{2}-\d{2})_(\d{1,19})$/);
  return m && isDate(m[1]) && isBigintId(m[2]) ? { bookingDate: m[1], id: m[2] } : null;
}

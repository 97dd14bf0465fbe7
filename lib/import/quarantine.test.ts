import { describe, expect, it } from "vitest";
import { normalizeTurnovers, type NormalizedTurnover } from "./normalize-turnover.ts";
import {
  matchQuarantined,
  quarantineBankText,
  quarantineEntries,
  quarantineProblem,
  storableRaw,
  type OpenQuarantineRow,
  type QuarantineItem,
} from "./quarantine.ts";
import type { SourceTurnover } from "./types.ts";
import { turnover } from "../../scripts/fixtures/test-fixtures.ts";

/** An XS2A item as the bank sent it, and what the client could read of it. */
const rawItem = (over: Record<string, unknown> = {}) => ({
  id: null,
  transaction_id: null,
  booking_date: "2026-11-02",
  amount: -3.2,
  currency: "EUR",
  purpose: ["Kaffee Bohne & Co"],
  counter_holder: "Café Bohne",
  new: true,
  object: "turnover",
  ...over,
});

function item(raw: Record<string, unknown>, partial: Partial<SourceTurnover>, path = "booking_date"): QuarantineItem {
  return { raw, reasons: [{ path, message: `bad ${path}` }], partial };
}

const readable = (over: Partial<SourceTurnover> = {}): Partial<SourceTurnover> => {
  const { id: _id, ...rest } = turnover(over);
  void _id;
  return rest;
};
const withoutDate = (over: Partial<SourceTurnover> = {}) => {
  const { bookingDate: _d, ...rest } = readable(over);
  void _d;
  return rest;
};
const withoutAmount = (over: Partial<SourceTurnover> = {}) => {
  const { amount: _a, ...rest } = readable(over);
  void _a;
  return rest;
};

const entries = (items: QuarantineItem[], windowFrom: string | null = null) =>
  quarantineEntries(items, { accountCurrency: "EUR", windowFrom });

const open = (items: QuarantineItem[], windowFrom: string | null = null): OpenQuarantineRow[] =>
  entries(items, windowFrom).map((e, i) => ({
    id: `q${i}`,
    rawKey: e.rawKey,
    transactionId: e.transactionId,
    matchFields: e.matchFields,
  }));

const rowsOf = (ts: SourceTurnover[]): NormalizedTurnover[] =>
  normalizeTurnovers({ turnovers: ts, accountCurrency: "EUR" }).turnovers;
const all = (rows: NormalizedTurnover[]) => new Set(rows.map((r) => r.identity));

describe("quarantineEntries", () => {
  it("keys the same raw item the same way, whatever its key order or its `new` flag", () => {
    const a = entries([item(rawItem({ new: true }), {})])[0]!;
    const b = entries([item({ ...rawItem({ new: false }), purpose: ["Kaffee Bohne & Co"] }, {})])[0]!;
    const reordered = Object.fromEntries(Object.entries(rawItem()).reverse());
    expect(a.rawKey).toMatch(/^q:[0-9a-f]{32}:0$/);
    expect(b.rawKey).toBe(a.rawKey);
    expect(entries([item(reordered, {})])[0]!.rawKey).toBe(a.rawKey);
    expect(entries([item(rawItem({ amount: -3.3 }), {})])[0]!.rawKey).not.toBe(a.rawKey);
  });

  it("two identical odd items stay two (occurrence index)", () => {
    const keys = entries([item(rawItem(), {}), item(rawItem(), {}), item(rawItem({ amount: 1 }), {})]).map(
      (e) => e.rawKey,
    );
    expect(keys[0]).toMatch(/:0$/);
    expect(keys[1]).toBe(keys[0]!.replace(/:0$/, ":1"));
    expect(keys[2]).toMatch(/:0$/);
    expect(new Set(keys).size).toBe(3);
  });

  it("keeps what jsonb can store: NUL and lone surrogates replaced, huge strings cut, the rest as sent", () => {
    const raw = rawItem({ purpose: ["a\u0000b", "x\uD800y", "z".repeat(10_000)], amount: 0.30000000000000004 });
    const stored = storableRaw(raw) as { purpose: string[]; amount: number };
    expect(stored.purpose[0]).toBe("a\uFFFDb");
    expect(stored.purpose[1]).toBe("x\uFFFDy");
    expect(stored.purpose[2]!.length).toBeLessThanOrEqual(4001);
    expect(stored.amount).toBe(0.30000000000000004);
    expect(JSON.stringify(storableRaw({ a: undefined, b: [1, null], c: { d: true } }))).toBe(
      '{"b":[1,null],"c":{"d":true}}',
    );
  });

  it("records the bank's usable transaction id and what could be read, normalised", () => {
    const [e] = entries([item(rawItem({ transaction_id: "NB1" }), withoutDate({ transactionId: " NB1 " }))]);
    expect(e!.transactionId).toBe("NB1");
    expect(e!.matchFields).toEqual({
      amountCents: -320,
      currency: "EUR",
      purpose: "Kaffee Bohne & Co",
      counterpartyName: "Café Bohne",
      counterpartyIban: null,
      creditorId: null,
    });
    expect(entries([item(rawItem(), withoutDate({ transactionId: "NOTPROVIDED" }))])[0]!.transactionId).toBeNull();
  });

  it("looks again from a week before a readable date, else from the window the item was seen in", () => {
    expect(entries([item(rawItem(), withoutAmount(), "amount")], "2026-12-01")[0]!.retryFrom).toBe("2026-10-26");
    expect(entries([item(rawItem(), withoutDate())], "2026-10-01")[0]!.retryFrom).toBe("2026-10-01");
    expect(entries([item(rawItem(), withoutDate())], null)[0]!.retryFrom).toBeNull();
  });
});

describe("matchQuarantined", () => {
  it("resolves by the bank's transaction id, also when the row was stored before", () => {
    const q = open([item(rawItem({ transaction_id: "NB1" }), withoutDate({ transactionId: "NB1" }))]);
    const rows = rowsOf([turnover({ transactionId: "NB1", bookingDate: "2026-11-05" }), turnover({ cents: -1 })]);
    expect(matchQuarantined(q, rows, new Set())).toEqual(new Map([["q0", "tx:NB1"]]));
  });

  it("an id that does not come back resolves nothing, even when the rest looks alike", () => {
    const q = open([item(rawItem({ transaction_id: "NB1" }), withoutDate({ transactionId: "NB1" }))]);
    const rows = rowsOf([turnover({ transactionId: "NB2" })]);
    expect(matchQuarantined(q, rows, all(rows)).size).toBe(0);
  });

  it("without an id: a newly stored transaction equal in every readable field resolves it", () => {
    const q = open([item(rawItem(), withoutDate())]);
    const rows = rowsOf([turnover({ bookingDate: "2026-11-09" }), turnover({ cents: -450 })]);
    const resolved = matchQuarantined(q, rows, all(rows));
    expect(resolved).toEqual(new Map([["q0", rows[0]!.identity]]));
  });

  it("an amount that could not be read is a wildcard too; the date then must match", () => {
    const q = open([item(rawItem({ amount: 12.345 }), withoutAmount(), "amount")]);
    const sameDay = rowsOf([turnover({ cents: 1235 })]);
    expect(matchQuarantined(q, sameDay, all(sameDay)).size).toBe(1);
    const otherDay = rowsOf([turnover({ cents: 1235, bookingDate: "2026-11-03" })]);
    expect(matchQuarantined(q, otherDay, all(otherDay)).size).toBe(0);
  });

  it("only transactions this import stored anew count (an old one is not the odd item's new version)", () => {
    const q = open([item(rawItem(), withoutDate())]);
    const rows = rowsOf([turnover({ bookingDate: "2026-11-09" })]);
    expect(matchQuarantined(q, rows, new Set()).size).toBe(0);
  });

  it("a different text, amount or counterparty never matches", () => {
    const q = open([item(rawItem(), withoutDate())]);
    for (const other of [
      turnover({ purpose: ["Kaffee Bohne & Co 2"] }),
      turnover({ cents: -321 }),
      turnover({ counterHolder: "Bäcker" }),
      turnover({ currency: "CHF" }),
    ]) {
      const rows = rowsOf([other]);
      expect(matchQuarantined(q, rows, all(rows)).size).toBe(0);
    }
  });

  it("ambiguous: more new look-alikes than odd items → nothing resolved; as many → paired one to one", () => {
    const q = open([item(rawItem(), withoutDate())]);
    const two = rowsOf([turnover({ bookingDate: "2026-11-09" }), turnover({ bookingDate: "2026-11-10" })]);
    expect(matchQuarantined(q, two, all(two)).size).toBe(0);
    const twins = open([item(rawItem(), withoutDate()), item(rawItem(), withoutDate())]);
    const resolved = matchQuarantined(twins, two, all(two));
    expect(resolved.size).toBe(2);
    expect(new Set(resolved.values()).size).toBe(2);
  });

  it("too little readable (only a date) is never matched by fields", () => {
    const q = open([
      item(rawItem({ amount: "x", purpose: 5 }), { bookingDate: "2026-11-02", purpose: [], currency: "EUR" }),
    ]);
    const rows = rowsOf([turnover({ purpose: [] })]);
    expect(matchQuarantined(q, rows, all(rows)).size).toBe(0);
  });
});

describe("what users and admins are shown", () => {
  it("the bank's text fields as sent, sanitised; XS2A's and the import's own shape", () => {
    expect(
      quarantineBankText(
        rawItem({ booking_date: undefined, amount: 0.30000000000000004, purpose: ["Miete\u0000 März", "Teil 2"] }),
      ),
    ).toEqual({
      bookingDate: null,
      amount: "0.30000000000000004",
      currency: "EUR",
      counterparty: "Café Bohne",
      counterpartyIban: null,
      purpose: "Miete März Teil 2",
    });
    expect(quarantineBankText({ bookingDate: "0001-01-01", amount: { cents: 5, decimal: "0.05" } })).toMatchObject({
      bookingDate: "0001-01-01",
      amount: "0.05",
    });
    expect(quarantineBankText("not an object")).toMatchObject({ bookingDate: null, amount: null, purpose: "" });
  });

  it("names the problem by the first reason's field", () => {
    expect(quarantineProblem([{ path: "booking_date", message: "no booking date" }])).toBe("booking_date");
    expect(quarantineProblem([{ path: "amount", message: "x" }])).toBe("amount");
    expect(quarantineProblem([{ path: "currency_id", message: "x" }])).toBe("currency");
    expect(quarantineProblem([{ path: "(item)", message: "x" }])).toBe("other");
    expect(quarantineProblem(null)).toBe("other");
  });
});

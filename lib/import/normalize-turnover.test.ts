import { describe, expect, it } from "vitest";
import {
  extractEndToEndReference,
  extractMandateReference,
  fingerprintOf,
  LIMITS,
  normalizeTurnovers,
} from "./normalize-turnover.ts";
import { normalizeIban, parseCalendarDate, parseMoney, sanitizeText } from "./sanitize.ts";
import { turnover } from "../../scripts/fixtures/test-fixtures.ts";

const norm = (turnovers: Parameters<typeof normalizeTurnovers>[0]["turnovers"], accountCurrency = "EUR") =>
  normalizeTurnovers({ turnovers, accountCurrency });

describe("sanitizeText", () => {
  it("strips NUL and control characters, collapses whitespace, trims", () => {
    expect(sanitizeText("  a\u0000b\tc\r\n\u0007d  \u00a0 e ", 100)).toBe("a b c d e");
  });
  it("normalises to NFC", () => {
    expect(sanitizeText("Mu\u0308nchen", 100)).toBe("M\u00fcnchen");
  });
  it("drops bidi overrides and lone surrogates, keeps emoji", () => {
    expect(sanitizeText("a\u202Eb\uD800c \uD83D\uDE00", 100)).toBe("a bc \uD83D\uDE00");
  });
  it("caps without splitting a surrogate pair", () => {
    expect(sanitizeText("ab\uD83D\uDE00", 3)).toBe("ab");
    expect(sanitizeText("x".repeat(5000), 2000)).toHaveLength(2000);
  });
  it("handles null and non-strings", () => {
    expect(sanitizeText(null, 10)).toBe("");
    expect(sanitizeText(42, 10)).toBe("42");
  });
});

describe("formats", () => {
  it("accepts only real calendar dates", () => {
    expect(parseCalendarDate("2024-02-29")).toBe("2024-02-29");
    expect(parseCalendarDate("2023-02-29")).toBeNull();
    expect(parseCalendarDate("2023-13-01")).toBeNull();
    expect(parseCalendarDate("0000-00-00")).toBeNull();
    expect(parseCalendarDate("2024-01-31 12:00:00")).toBe("2024-01-31");
    expect(parseCalendarDate("31.01.2024")).toBeNull();
    expect(parseCalendarDate("")).toBeNull();
  });
  it("normalises IBANs and refuses other shapes", () => {
    expect(normalizeIban("de62 8888 8888 0012 3456 78")).toBe("DE62888888880012345678");
    expect(normalizeIban("12345678")).toBeNull();
    expect(normalizeIban("DE12 **** 5678")).toBeNull();
  });
  it("money must be exact and agree with its decimal", () => {
    expect(parseMoney({ cents: -1250, decimal: "-12.50" })).toEqual({ cents: -1250, decimal: "-12.50" });
    expect(parseMoney({ cents: 5, decimal: "0.05" })).toEqual({ cents: 5, decimal: "0.05" });
    expect(parseMoney({ cents: 0, decimal: "-0.00" })).toEqual({ cents: 0, decimal: "0.00" });
    expect(parseMoney({ cents: -1250, decimal: "12.50" })).toBeNull();
    expect(parseMoney({ cents: 1.5, decimal: "0.015" })).toBeNull();
    expect(parseMoney({ cents: Number.NaN, decimal: "x" })).toBeNull();
  });
});

describe("normalizeTurnovers: identity", () => {
  it("uses the bank transaction id when present", () => {
    const { turnovers } = norm([turnover({ transactionId: " ABC-123 " })]);
    expect(turnovers[0]!.identity).toBe("tx:ABC-123");
    expect(turnovers[0]!.xs2aTransactionId).toBe("ABC-123");
  });

  it("falls back to a fingerprint for blank, placeholder and positional ids", () => {
    for (const id of [null, "", "   ", "NOTPROVIDED", "2024-05-01-3", "0"]) {
      const { turnovers } = norm([turnover({ transactionId: id })]);
      expect(turnovers[0]!.identity).toMatch(/^fp:[0-9a-f]{32}:0$/);
    }
  });

  it("keeps identical coffees apart with an occurrence index, stable across order", () => {
    const coffee = turnover();
    const other = turnover({ cents: -450 });
    const a = norm([coffee, other, coffee]).turnovers.map((t) => t.identity);
    const b = norm([coffee, coffee, other]).turnovers.map((t) => t.identity);
    expect(new Set(a).size).toBe(3);
    expect(a[0]).toMatch(/:0$/);
    expect(a[2]).toMatch(/:1$/);
    expect([...a].sort()).toEqual([...b].sort());
  });

  it("gives the same keys when the day is re-imported in a wider window", () => {
    const day = [turnover(), turnover()];
    const wider = [turnover({ bookingDate: "2026-11-01" }), ...day, turnover({ bookingDate: "2026-11-03" })];
    const ids = norm(day).turnovers.map((t) => t.identity);
    const widerIds = norm(wider).turnovers.map((t) => t.identity);
    for (const id of ids) expect(widerIds).toContain(id);
  });

  it("fingerprint covers date, amount, currency, purpose, counterparty and creditor id", () => {
    const base = {
      bookingDate: "2026-11-02",
      amountCents: -320,
      currency: "EUR",
      purpose: "x",
      counterIban: null,
      counterHolder: null,
      creditorId: null,
    };
    const fp = fingerprintOf(base);
    expect(fp).toMatch(/^[0-9a-f]{32}$/);
    for (const change of [
      { bookingDate: "2026-11-03" },
      { amountCents: 320 },
      { currency: "USD" },
      { purpose: "y" },
      { counterIban: "DE62888888880012345678" },
      { counterHolder: "A" },
      { creditorId: "DE98ZZZ09999999999" },
    ])
      expect(fingerprintOf({ ...base, ...change })).not.toBe(fp);
  });

  it("normalised text gives the same fingerprint (NFC, whitespace, line breaks)", () => {
    const a = norm([turnover({ purpose: ["Mu\u0308nchen  Miete", " Nov "] })]).turnovers[0]!;
    const b = norm([turnover({ purpose: ["München Miete Nov"] })]).turnovers[0]!;
    expect(a.identity).toBe(b.identity);
    expect(a.purpose).toBe("München Miete Nov");
  });

  it("puts pending items in their own namespace, even with a transaction id", () => {
    const { turnovers } = norm([
      turnover({ prebooked: true }),
      turnover({ prebooked: true, transactionId: "T9" }),
      turnover({ prebooked: true }),
    ]);
    expect(turnovers.map((t) => t.status)).toEqual(["PENDING", "PENDING", "PENDING"]);
    expect(turnovers[0]!.identity).toMatch(/^pending:fp:[0-9a-f]{32}:0$/);
    expect(turnovers[1]!.identity).toBe("pending:tx:T9:0");
    expect(turnovers[2]!.identity).toMatch(/^pending:fp:[0-9a-f]{32}:1$/);
  });

  it("keeps cancelled items as CANCELED (also cancelled holds)", () => {
    const { turnovers } = norm([
      turnover({ canceled: true, transactionId: "T1" }),
      turnover({ canceled: true, prebooked: true }),
    ]);
    expect(turnovers.map((t) => t.status)).toEqual(["CANCELED", "CANCELED"]);
    expect(turnovers[0]!.identity).toBe("tx:T1");
    expect(turnovers[1]!.identity).toMatch(/^fp:/);
  });

  it("dedupes a transaction id delivered twice, and does not trust an id reused for other content", () => {
    const r = norm([
      turnover({ transactionId: "T1" }),
      turnover({ transactionId: "T1" }),
      turnover({ transactionId: "T1", cents: -999 }),
    ]);
    expect(r.turnovers.map((t) => t.identity)).toEqual(["tx:T1", expect.stringMatching(/^fp:/)]);
    expect(r.warnings.map((w) => w.code)).toEqual(["duplicate_transaction_id", "duplicate_transaction_id"]);
  });

  it("hashes overlong transaction ids", () => {
    const { turnovers } = norm([turnover({ transactionId: "x".repeat(500) })]);
    expect(turnovers[0]!.identity).toMatch(/^tx:sha256:[0-9a-f]{64}$/);
  });
});

describe("normalizeTurnovers: validation and sanitising", () => {
  it("rejects impossible booking dates and inexact amounts with a warning", () => {
    const r = norm([
      turnover({ bookingDate: "2026-02-30" }),
      turnover({ bookingDate: "" }),
      { ...turnover(), amount: { cents: -320, decimal: "-3.21" } },
      turnover(),
    ]);
    expect(r.turnovers).toHaveLength(1);
    expect(r.rejected).toBe(3);
    expect(r.warnings.filter((w) => w.code === "invalid_turnover")).toHaveLength(3);
    // Handed back whole, with the field at fault, for the quarantine.
    expect(r.rejectedItems.map((x) => [x.index, x.path])).toEqual([
      [0, "booking_date"],
      [1, "booking_date"],
      [2, "amount"],
    ]);
    expect(r.rejectedItems[2]!.turnover.amount).toEqual({ cents: -320, decimal: "-3.21" });
  });

  it("defaults a missing currency to the account's and replaces a malformed one", () => {
    const r = norm(
      [
        turnover({ currency: null }),
        turnover({ currency: "" }),
        turnover({ currency: "euro" }),
        turnover({ currency: "usd" }),
      ],
      "CHF",
    );
    expect(r.turnovers.map((t) => t.currency)).toEqual(["CHF", "CHF", "CHF", "USD"]);
    expect(r.warnings.filter((w) => w.code === "field_replaced")).toHaveLength(1);
  });

  it("strips NUL bytes and caps absurd lengths", () => {
    const huge = "A\u0000".repeat(600_000);
    const { turnovers } = norm([
      turnover({ purpose: [huge, huge], counterHolder: huge, categoryId: huge, tags: [huge, "salary", "salary"] }),
    ]);
    const t = turnovers[0]!;
    expect(t.purpose.length).toBeLessThanOrEqual(LIMITS.purpose);
    expect(t.purpose).not.toContain("\u0000");
    expect(t.counterpartyName!.length).toBeLessThanOrEqual(LIMITS.name);
    expect(t.categoryId!.length).toBeLessThanOrEqual(LIMITS.categoryId);
    expect(t.tags).toHaveLength(2);
    expect(t.tags[1]).toBe("salary");
  });

  it("validates counterparty IBAN and BIC", () => {
    const { turnovers, warnings } = norm([
      turnover({ counterIban: "de62 8888 8888 0012 3456 78", counterBic: "testde88xxx" }),
      turnover({ counterIban: "not an iban", counterBic: "??" }),
    ]);
    expect(turnovers[0]).toMatchObject({ counterpartyIban: "DE62888888880012345678", counterpartyBic: "TESTDE88XXX" });
    expect(turnovers[1]).toMatchObject({ counterpartyIban: null, counterpartyBic: null });
    expect(warnings.some((w) => w.code === "field_replaced")).toBe(true);
  });

  it("passes the amount as an exact decimal string, sign as sent", () => {
    const { turnovers } = norm([turnover({ cents: -123456789 }), turnover({ cents: 5 })]);
    expect(turnovers.map((t) => t.amount)).toEqual(["-1234567.89", "0.05"]);
  });

  it("caps the warning list", () => {
    const r = norm(Array.from({ length: 200 }, () => turnover({ bookingDate: "bad" })));
    expect(r.warnings.length).toBeLessThanOrEqual(LIMITS.warnings + 1);
    expect(r.warnings.at(-1)!.message).toMatch(/150 more/);
  });
});

describe("SEPA references", () => {
  it("reads MREF and EREF from SEPA purpose text", () => {
    const p = "EREF+INV-2026-11-0042 MREF+M-000123456 CRED+DE98ZZZ09999999999 SVWZ+Strom November";
    expect(extractMandateReference(p)).toBe("M-000123456");
    expect(extractEndToEndReference(p)).toBe("INV-2026-11-0042");
  });
  it("reads German labels and cuts glued tags", () => {
    expect(extractMandateReference("Lastschrift Mandatsref: ABC123 Gläubiger-ID: DE98ZZZ")).toBe("ABC123");
    expect(extractMandateReference("Mandatsreferenz ABC-9")).toBe("ABC-9");
    expect(extractMandateReference("MREF+XYZ1CRED+DE98ZZZ0999")).toBe("XYZ1");
    expect(extractEndToEndReference("EREF+NOTPROVIDED SVWZ+x")).toBeNull();
    expect(extractMandateReference("Kaffee")).toBeNull();
  });
  it("exposes them on the normalised turnover, purpose unchanged", () => {
    const { turnovers } = norm([turnover({ purpose: ["EREF+E1 MREF+M1", "SVWZ+Miete"] })]);
    expect(turnovers[0]).toMatchObject({
      mandateReference: "M1",
      endToEndReference: "E1",
      purpose: "EREF+E1 MREF+M1 SVWZ+Miete",
    });
  });
});

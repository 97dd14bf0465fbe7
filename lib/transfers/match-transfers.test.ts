import { describe, expect, it } from "vitest";
import { matchTransfers, rejectionKey, transferEvidence, type TransferSide } from "./match-transfers";

const GIRO = "DE89 3704 0044 0532 0130 00";
const SAVINGS = "DE02120300000000202051";

let next = 1;
const side = (over: Partial<TransferSide>): TransferSide => ({
  id: String(next++),
  accountId: "giro",
  accountIban: GIRO,
  bookingDate: "2026-11-10",
  cents: -50000,
  currency: "EUR",
  counterpartyIban: null,
  purpose: "",
  category: null,
  ...over,
});

describe("matchTransfers", () => {
  it("pairs the two sides of a transfer across banks by the counterparty IBAN, a few days apart", () => {
    const out = side({ counterpartyIban: SAVINGS.toLowerCase(), purpose: "Sparen" });
    const inc = side({ accountId: "savings", accountIban: SAVINGS, cents: 50000, bookingDate: "2026-11-13" });
    expect(matchTransfers([inc, out])).toEqual([{ outId: out.id, inId: inc.id }]);
  });

  it("pairs by an equal purpose (spacing and case ignored) or both sides in the own-transfer category", () => {
    const out = side({ purpose: "Umbuchung\nNovember  Rücklage" });
    const inc = side({ accountId: "savings", accountIban: null, cents: 50000, purpose: "umbuchung november rücklage" });
    expect(transferEvidence(out, inc)).toBe(1);
    const outN = side({ category: "N.1.1", cents: -1200 });
    const incN = side({ accountId: "savings", cents: 1200, category: "N.1" });
    expect(matchTransfers([out, inc, outN, incN])).toHaveLength(2);
  });

  it("does not pair without evidence, with different amounts, currencies or accounts, or too far apart", () => {
    const out = side({ counterpartyIban: SAVINGS });
    const base = { accountId: "savings", accountIban: SAVINGS, cents: 50000 };
    expect(matchTransfers([out, side({ ...base, accountIban: "DE00OTHER", purpose: "x" })])).toEqual([]);
    expect(matchTransfers([out, side({ ...base, cents: 50001 })])).toEqual([]);
    expect(matchTransfers([out, side({ ...base, currency: "USD" })])).toEqual([]);
    expect(matchTransfers([out, side({ ...base, accountId: "giro" })])).toEqual([]);
    expect(matchTransfers([out, side({ ...base, bookingDate: "2026-11-15" })])).toEqual([]);
    expect(matchTransfers([out, side({ ...base, bookingDate: "2026-11-14" })])).toHaveLength(1);
    // A purpose of a few letters proves nothing.
    expect(transferEvidence(side({ purpose: "abc" }), side({ ...base, accountIban: null, purpose: "ABC" }))).toBe(0);
  });

  it("pairs each row once: the stronger evidence, then the closer date wins, whatever the input order", () => {
    const out = side({ counterpartyIban: SAVINGS, purpose: "Miete Rücklage" });
    const weak = side({ accountId: "savings", accountIban: SAVINGS, cents: 50000, bookingDate: "2026-11-10" });
    const strong = side({
      accountId: "savings",
      accountIban: SAVINGS,
      cents: 50000,
      bookingDate: "2026-11-12",
      purpose: "Miete Rücklage",
    });
    const far = side({ accountId: "savings", accountIban: SAVINGS, cents: 50000, bookingDate: "2026-11-13" });
    for (const rows of [
      [out, weak, strong, far],
      [far, strong, weak, out],
    ])
      expect(matchTransfers(rows)).toEqual([{ outId: out.id, inId: strong.id }]);
    const out2 = side({ counterpartyIban: SAVINGS, bookingDate: "2026-11-13" });
    const result = matchTransfers([out, out2, weak, strong, far]);
    expect(result).toContainEqual({ outId: out.id, inId: strong.id });
    expect(result).toContainEqual({ outId: out2.id, inId: far.id });
    expect(result).toHaveLength(2);
  });

  it("never pairs two rows the user unpaired, but may pair each with another", () => {
    const out = side({ counterpartyIban: SAVINGS });
    const inc = side({ accountId: "savings", accountIban: SAVINGS, cents: 50000 });
    const other = side({ accountId: "savings", accountIban: SAVINGS, cents: 50000, bookingDate: "2026-11-12" });
    expect(matchTransfers([out, inc], new Set([rejectionKey(out.id, inc.id)]))).toEqual([]);
    expect(matchTransfers([out, inc, other], new Set([rejectionKey(out.id, inc.id)]))).toEqual([
      { outId: out.id, inId: other.id },
    ]);
  });
});

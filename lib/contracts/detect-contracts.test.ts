import { describe, expect, it } from "vitest";
import { addCadence, addDays, addMonths, mandateReferenceOf, normalizeName } from "./cadence";
import {
  contractGroupKey,
  detectContracts,
  detectContractsWithDecisions,
  type ContractTransaction,
} from "./detect-contracts";

let seq = 0;
function tx(date: string, cents: number, over: Partial<ContractTransaction> = {}): ContractTransaction {
  return {
    id: String(++seq),
    accountId: "a1",
    bookingDate: date,
    amountCents: cents,
    counterpartyName: "Stadtwerke Musterstadt GmbH",
    counterpartyIban: "DE02100200300000000001",
    creditorId: null,
    purpose: "",
    categoryId: null,
    ...over,
  };
}

function series(start: string, count: number, step: (d: string, i: number) => string, cents: (i: number) => number) {
  const out: ContractTransaction[] = [];
  let d = start;
  for (let i = 0; i < count; i++) {
    out.push(tx(d, cents(i)));
    d = step(d, i);
  }
  return out;
}

describe("detectContracts cadences", () => {
  it.each([
    ["weekly", (d: string) => addDays(d, 7), 12],
    ["monthly", (d: string) => addMonths(d, 1), 8],
    ["quarterly", (d: string) => addMonths(d, 3), 4],
    ["half-yearly", (d: string) => addMonths(d, 6), 4],
    ["yearly", (d: string) => addMonths(d, 12), 3],
  ] as const)("finds a %s contract", (cadence, step, count) => {
    const txs = series("2023-01-16", count, step, () => -4999);
    const today = addDays(txs[txs.length - 1]!.bookingDate, 1);
    const [found, ...rest] = detectContracts({ transactions: txs, today });
    expect(rest).toHaveLength(0);
    expect(found!.cadence).toBe(cadence);
    expect(found!.amountMinCents).toBe(-4999);
    expect(found!.direction).toBe("out");
    expect(found!.transactionIds).toHaveLength(txs.length);
  });

  it("tolerates weekend and holiday shifts and a late month", () => {
    const dates = ["2026-01-02", "2026-02-02", "2026-03-02", "2026-04-01", "2026-05-04", "2026-06-01", "2026-07-06"];
    const [c] = detectContracts({ transactions: dates.map((d) => tx(d, -1000)), today: "2026-07-20" });
    expect(c!.cadence).toBe("monthly");
    expect(c!.nextDate.slice(0, 7)).toBe("2026-08");
  });

  it("accepts varying direct-debit amounts and records the range", () => {
    const amounts = [-8100, -9650, -8720, -9100, -8400, -9790];
    const txs = amounts.map((a, i) =>
      tx(addMonths("2026-01-15", i), a, { creditorId: "DE98ZZZ09999999999", purpose: "Abschlag MREF: VK-1 CRED: x" }),
    );
    const [c] = detectContracts({ transactions: txs, today: "2026-07-01" });
    expect(c!.amountMinCents).toBe(-8100);
    expect(c!.amountMaxCents).toBe(-9790);
    expect(c!.mandateReference).toBe("VK-1");
  });

  it("finds incoming contracts (salary)", () => {
    const txs = [0, 1, 2, 3].map((i) => tx(addMonths("2026-03-27", i), 320000, { counterpartyName: "Muster GmbH" }));
    const [c] = detectContracts({ transactions: txs, today: "2026-07-01" });
    expect(c!.direction).toBe("in");
    expect(c!.typicalAmountCents).toBe(320000);
  });

  it("never makes own transfers a contract", () => {
    const own = "DE02100200300000000001";
    const txs = [0, 1, 2, 3].map((i) => tx(addMonths("2026-03-02", i), -25000, { counterpartyIban: own }));
    expect(detectContracts({ transactions: txs, ownIbans: [own], today: "2026-07-01" })).toHaveLength(0);
    const byName = txs.map((t) => ({ ...t, counterpartyIban: null, counterpartyName: "Max Mustermann" }));
    expect(detectContracts({ transactions: byName, ownNames: ["Max Mustermann"], today: "2026-07-01" })).toHaveLength(
      0,
    );
  });

  it("does not make irregular grocery spending at the same shop a contract", () => {
    const gaps = [3, 9, 2, 14, 6, 1, 21, 4, 8, 11, 5, 2, 17, 7];
    let d = "2026-01-03";
    const txs = gaps.map((g, i) => {
      d = addDays(d, g);
      return tx(d, -(1200 + ((i * 3700) % 6000)), { counterpartyName: "REWE Markt GmbH", counterpartyIban: null });
    });
    expect(detectContracts({ transactions: txs, today: "2026-06-01" })).toHaveLength(0);
  });

  it("keeps a monthly shop without a creditor id out when its amount jumps around", () => {
    const txs = [0, 1, 2, 3, 4].map((i) => tx(addMonths("2026-01-10", i), -[1000, 5000, 2500, 9000, 400][i]!));
    expect(detectContracts({ transactions: txs, today: "2026-06-01" })).toHaveLength(0);
  });

  it("the same contract paid from two accounts is one", () => {
    const creditor = { creditorId: "DE98ZZZ09999999998", purpose: "MREF: TK-42" };
    const txs = [0, 1, 2, 3, 4, 5].map((i) =>
      tx(addMonths("2026-01-05", i), -2999, { ...creditor, accountId: i < 3 ? "a1" : "a2" }),
    );
    const found = detectContracts({ transactions: txs, today: "2026-07-01" });
    expect(found).toHaveLength(1);
    expect(found[0]!.accountIds.sort()).toEqual(["a1", "a2"]);
  });

  it("splits two mandates of one creditor (two phone lines) into two contracts", () => {
    const txs = [0, 1, 2, 3].flatMap((i) => [
      tx(addMonths("2026-01-05", i), -2999, { creditorId: "DE98ZZZ09999999998", purpose: "MREF: TK-1" }),
      tx(addMonths("2026-01-05", i), -1499, { creditorId: "DE98ZZZ09999999998", purpose: "MREF: TK-2" }),
    ]);
    const found = detectContracts({ transactions: txs, today: "2026-05-10" });
    expect(found.map((c) => c.mandateReference).sort()).toEqual(["TK-1", "TK-2"]);
  });

  it("splits two standing orders to one IBAN by amount", () => {
    const txs = [0, 1, 2, 3].flatMap((i) => [
      tx(addMonths("2026-01-01", i), -80000),
      tx(addMonths("2026-01-01", i), -9000),
    ]);
    expect(detectContracts({ transactions: txs, today: "2026-05-10" })).toHaveLength(2);
  });

  it("marks a contract whose payments stopped as inactive", () => {
    const txs = [0, 1, 2, 3].map((i) => tx(addMonths("2026-01-22", i), -1799));
    const [c] = detectContracts({ transactions: txs, today: "2026-08-01" });
    expect(c!.active).toBe(false);
    const [d] = detectContracts({ transactions: txs, today: "2026-05-01" });
    expect(d!.active).toBe(true);
  });
});

describe("detection follows the user's decisions", () => {
  // An old provider contract and its successor (new IBAN): two contracts for detection.
  const old = [0, 1, 2, 3].map((i) => tx(addMonths("2025-09-03", i), -3999, { counterpartyIban: "DE11" }));
  const next = [0, 1, 2, 3].map((i) => tx(addMonths("2026-01-03", i), -3999, { counterpartyIban: "DE22" }));
  const today = "2026-05-01";

  it("a merged contract takes both groups on every run, and detection no longer lists either", () => {
    const plain = detectContracts({ transactions: [...old, ...next], today });
    expect(plain).toHaveLength(2);
    const shaped = [
      { id: "c1", claims: plain.map((c) => ({ key: c.key, from: null })), pinned: [], cadence: "monthly" as const },
    ];
    const run = detectContractsWithDecisions({ transactions: [...old, ...next], today, shaped });
    expect(run.detected).toHaveLength(0);
    const merged = run.shaped.get("c1")!;
    expect(merged.transactionIds).toEqual([...old, ...next].map((t) => t.id));
    expect(merged.cadence).toBe("monthly");
    expect(merged.firstDate).toBe("2025-09-03");
    expect(merged.nextDate).toBe("2026-05-03");
    // A new payment of either group joins the merged contract.
    const later = tx("2026-05-04", -3999, { counterpartyIban: "DE22" });
    const again = detectContractsWithDecisions({ transactions: [...old, ...next, later], today: "2026-05-05", shaped });
    expect(again.detected).toHaveLength(0);
    expect(again.shaped.get("c1")!.transactionIds).toContain(later.id);
  });

  it("a split keeps the chosen payments apart from the contract they came from", () => {
    const all = [...old, ...next].map((t) => ({ ...t, counterpartyIban: "DE33" }));
    const [one] = detectContracts({ transactions: all, today });
    expect(one!.transactionIds).toHaveLength(8);
    const chosen = all.slice(0, 4).map((t) => t.id);
    const shaped = [
      { id: "rest", claims: [{ key: one!.key, from: null }], pinned: [], cadence: "monthly" as const },
      { id: "new", claims: [], pinned: chosen, cadence: "monthly" as const },
    ];
    const run = detectContractsWithDecisions({ transactions: all, today, shaped });
    expect(run.detected).toHaveLength(0);
    expect(run.shaped.get("new")!.transactionIds).toEqual(chosen);
    expect(run.shaped.get("new")!.active).toBe(false);
    expect(run.shaped.get("rest")!.transactionIds).toEqual(all.slice(4).map((t) => t.id));
    expect(run.shaped.get("rest")!.firstDate).toBe("2026-01-03");
    // Without its pinned payments a split-off contract has none (it is kept, missing).
    const gone = detectContractsWithDecisions({ transactions: all.slice(4), today, shaped });
    expect(gone.shaped.get("new")).toBeNull();
  });

  it("after a split, a later payment follows the part it resembles (amount band, cadence)", () => {
    // One landlord IBAN: the old flat (€800) until December, the new flat (€950) from January.
    // Detection sees one steady contract; the user splits the new flat off.
    const landlord = { counterpartyIban: "DE44", counterpartyName: "Hausverwaltung Nord" };
    const oldFlat = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => tx(addMonths("2025-05-01", i), -80000, landlord));
    const newFlat = [0, 1, 2, 3].map((i) => tx(addMonths("2026-01-01", i), -95000, landlord));
    const [one] = detectContracts({ transactions: [...oldFlat, ...newFlat], today });
    expect(one!.transactionIds).toHaveLength(12);
    const claims = [{ key: one!.key, from: null }];
    const shaped = [
      { id: "old", claims, pinned: oldFlat.map((t) => t.id), cadence: "monthly" as const },
      { id: "new", claims, pinned: newFlat.map((t) => t.id), cadence: "monthly" as const },
    ];
    const may = tx("2026-05-01", -95000, landlord);
    const june = tx("2026-06-01", -97500, landlord);
    const run = detectContractsWithDecisions({
      transactions: [...oldFlat, ...newFlat, may, june],
      today: "2026-06-02",
      shaped,
    });
    expect(run.shaped.get("new")!.transactionIds).toEqual([...newFlat, may, june].map((t) => t.id));
    expect(run.shaped.get("old")!.transactionIds).toEqual(oldFlat.map((t) => t.id));
    expect(run.shaped.get("old")!.active).toBe(false);
    expect(run.detected).toHaveLength(0);

    // The other way round (the old flat split off, same amount): new payments stay with the part
    // that goes on, not with the one whose payments stopped.
    const same = newFlat.map((t) => ({ ...t, amountCents: -80000 }));
    const mayAgain = { ...may, amountCents: -80000 };
    const other = [
      { id: "rest", claims, pinned: same.map((t) => t.id), cadence: "monthly" as const },
      { id: "split", claims, pinned: oldFlat.map((t) => t.id), cadence: "monthly" as const },
    ].reverse();
    const again = detectContractsWithDecisions({ transactions: [...oldFlat, ...same, mayAgain], today, shaped: other });
    expect(again.shaped.get("rest")!.transactionIds).toEqual([...same, mayAgain].map((t) => t.id));
  });

  it("after a merged contract is split by mandate, a later payment follows its mandate", () => {
    const line = (mref: string, i: number) =>
      tx(addMonths("2026-01-05", i), -2999, { creditorId: "DE98ZZZ09999999997", purpose: `Mobilfunk MREF: ${mref}` });
    const one = [0, 1, 2, 3].map((i) => line("TK-1", i));
    const two = [0, 1, 2, 3].map((i) => line("TK-2", i));
    const keys = [contractGroupKey(one[0]!)!, contractGroupKey(two[0]!)!];
    const claims = keys.map((key) => ({ key, from: null }));
    const shaped = [
      { id: "merged", claims, pinned: one.map((t) => t.id), cadence: "monthly" as const },
      { id: "line2", claims: [claims[1]!], pinned: two.map((t) => t.id), cadence: "monthly" as const },
    ];
    const later = [line("TK-1", 4), line("TK-2", 4)];
    const run = detectContractsWithDecisions({ transactions: [...one, ...two, ...later], today: "2026-05-06", shaped });
    expect(run.shaped.get("merged")!.transactionIds).toEqual([...one, later[0]!].map((t) => t.id));
    expect(run.shaped.get("line2")!.transactionIds).toEqual([...two, later[1]!].map((t) => t.id));
  });

  it("a payment marked by hand starts a contract that takes the later payments of its counterparty", () => {
    const gym = [0, 1].map((i) =>
      tx(addMonths("2026-03-15", i), -2500, { counterpartyIban: null, counterpartyName: "FitX" }),
    );
    const before = tx("2026-01-20", -900, { counterpartyIban: null, counterpartyName: "FitX" });
    expect(detectContracts({ transactions: [before, ...gym], today })).toHaveLength(0);
    const key = contractGroupKey(gym[0]!)!;
    const shaped = [
      { id: "m", claims: [{ key, from: "2026-03-15" }], pinned: [gym[0]!.id], cadence: "monthly" as const },
    ];
    const run = detectContractsWithDecisions({ transactions: [before, ...gym], today, shaped });
    const m = run.shaped.get("m")!;
    expect(m.transactionIds).toEqual(gym.map((t) => t.id));
    expect(m.cadence).toBe("monthly");
    expect(m.nextDate).toBe("2026-05-15");
    // One payment alone keeps the cadence the user chose.
    const single = detectContractsWithDecisions({
      transactions: [gym[0]!],
      today,
      shaped: [{ ...shaped[0]!, cadence: "quarterly" as const }],
    });
    expect(single.shaped.get("m")).toMatchObject({ cadence: "quarterly", nextDate: "2026-06-15" });
  });
});

describe("cadence helpers", () => {
  it("steps monthly across a shifted month end without skipping a month", () => {
    expect(addCadence("2026-03-02", "monthly", 30)).toBe("2026-03-30");
    expect(addCadence("2026-03-31", "monthly", 1)).toBe("2026-05-01");
    expect(addCadence("2026-01-31", "monthly", 31)).toBe("2026-02-28");
  });
  it("reads mandate references and normalises names", () => {
    expect(mandateReferenceOf("EREF+X MREF+ABC-1 CRED+DE98")).toBe("ABC-1");
    expect(mandateReferenceOf("Mandatsreferenz: M77 Gläubiger")).toBe("M77");
    expect(mandateReferenceOf("nothing")).toBeNull();
    expect(normalizeName("REWE Markt GmbH")).toBe("rewe markt");
    expect(normalizeName("Zalando SE")).toBe("zalando");
  });
});

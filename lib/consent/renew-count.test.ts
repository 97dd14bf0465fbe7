import { describe, expect, it } from "vitest";
import { planRenewWalk, type DueConnection } from "@/lib/consent/renew-all";

const due = (id: string): DueConnection => ({
  id,
  bankName: id,
  validUntil: "2027-03-02",
  consent: { level: "urgent", step: 3, daysLeft: 3 } as DueConnection["consent"],
});

describe("'Renew all (n)' on /banks/renew after renewing one bank", () => {
  it("counts the banks still due, like the header (not the one just renewed)", () => {
    // Three were due; A was renewed (so it is no longer due), B and C still are.
    const walk = planRenewWalk({ due: [due("B"), due("C")], done: ["A"], skip: [] });
    expect(walk.total).toBe(3);
    expect(walk.remaining).toBe(2);
    const skipped = planRenewWalk({ due: [due("B"), due("C")], done: ["A"], skip: ["B"] });
    expect(skipped.remaining).toBe(2);
    expect(planRenewWalk({ due: [], done: ["A"], skip: [] }).remaining).toBe(0);
  });
});
